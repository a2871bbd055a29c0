package dev.labelbench.backend;

import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Reply;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Tries a request again when the failure is worth it (5xx, 503 busy, 429, connection reset, timeout) and not when it
 * is the request's fault (4xx). Waits {@code retryBackoff}, then twice that, and so on (capped at 30 s), with a little
 * jitter so parallel workers do not retry in step. {@link BackendFactory} wraps every backend in one; the run engine
 * does not retry on its own.
 */
public final class RetryingBackend implements Backend {
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    /** How to wait between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Backend delegate;
    private final int maxRetries;
    private final Duration backoff;
    private final Sleeper sleeper;

    public RetryingBackend(Backend delegate, int maxRetries, Duration backoff, Sleeper sleeper) {
        this.delegate = delegate;
        this.maxRetries = Math.max(0, maxRetries);
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    public RetryingBackend(Backend delegate, BackendSettings settings) {
        this(delegate, settings.maxRetries(), settings.retryBackoff(), duration -> Thread.sleep(duration.toMillis()));
    }

    /** The backend this one retries (for callers that need the concrete kind). */
    public Backend delegate() {
        return delegate;
    }

    @Override
    public Reply generate(GenerationRequest request) throws BackendException {
        for (int attempt = 1; ; attempt++) {
            try {
                return delegate.generate(request);
            } catch (BackendException e) {
                if (!e.retryable() || attempt > maxRetries) {
                    if (attempt == 1) {
                        throw e;
                    }
                    throw new BackendException(e.getMessage() + " (gave up after " + attempt + " attempts)",
                            false, e.status(), e);
                }
                try {
                    sleeper.sleep(waitBefore(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new BackendException(e.getMessage() + " (interrupted while waiting to retry)", false,
                            e.status(), e);
                }
            }
        }
    }

    /** The wait before retry number {@code retry} (1-based): backoff x 2^(retry-1), +0-10 % jitter, at most 30 s. */
    Duration waitBefore(int retry) {
        long base = backoff.toMillis() << Math.min(retry - 1, 20);
        long jitter = (long) (base * 0.1 * Math.random());
        return Duration.ofMillis(Math.min(base + jitter, MAX_WAIT.toMillis()));
    }

    @Override
    public ModelSpec model() {
        return delegate.model();
    }

    @Override
    public List<String> preflight() {
        return delegate.preflight();
    }

    @Override
    public List<String> preflight(GenerationRequest longestRequest) {
        return delegate.preflight(longestRequest);
    }

    @Override
    public Map<String, Object> describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
