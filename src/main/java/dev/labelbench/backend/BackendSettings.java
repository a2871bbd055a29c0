package dev.labelbench.backend;

import java.time.Duration;

/**
 * How backends talk to servers: timeouts (generous read timeout by default, since a cold model load can take
 * minutes), how often a retryable failure is tried again (the wait doubles from {@code retryBackoff} each time), and
 * whether replies are streamed (NDJSON / server-sent events) rather than fetched whole.
 */
public record BackendSettings(Duration connectTimeout, Duration readTimeout, int maxRetries, Duration retryBackoff,
                              boolean stream) {
    public static final BackendSettings DEFAULTS =
            new BackendSettings(Duration.ofSeconds(10), Duration.ofMinutes(5), 2, Duration.ofMillis(500), false);

    public BackendSettings(Duration connectTimeout, Duration readTimeout, int maxRetries, Duration retryBackoff) {
        this(connectTimeout, readTimeout, maxRetries, retryBackoff, false);
    }

    public BackendSettings withStream(boolean newStream) {
        return new BackendSettings(connectTimeout, readTimeout, maxRetries, retryBackoff, newStream);
    }

    public BackendSettings withTimeouts(Duration newConnect, Duration newRead) {
        return new BackendSettings(newConnect, newRead, maxRetries, retryBackoff, stream);
    }

    public BackendSettings withRetries(int newMaxRetries, Duration newBackoff) {
        return new BackendSettings(connectTimeout, readTimeout, newMaxRetries, newBackoff, stream);
    }
}
