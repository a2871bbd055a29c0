package dev.labelbench.backend;

import java.time.Duration;

/**
 * How backends talk to servers: timeouts (generous read timeout by default, since a cold model load can take
 * minutes) and how often a retryable failure is tried again.
 */
public record BackendSettings(Duration connectTimeout, Duration readTimeout, int maxRetries, Duration retryBackoff) {
    public static final BackendSettings DEFAULTS =
            new BackendSettings(Duration.ofSeconds(10), Duration.ofMinutes(5), 2, Duration.ofMillis(500));
}
