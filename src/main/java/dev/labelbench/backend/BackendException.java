package dev.labelbench.backend;

/**
 * A request that got no usable reply. The message names the URL, model, HTTP status and the server's own error text.
 * {@code retryable} is true for failures worth another try (5xx, busy, connection reset, timeout), false for 4xx.
 */
public class BackendException extends Exception {
    private final boolean retryable;
    private final int status;

    public BackendException(String message, boolean retryable, int status, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.status = status;
    }

    public BackendException(String message, boolean retryable, int status) {
        this(message, retryable, status, null);
    }

    /** The same failure, its message prefixed with the model it concerned. */
    public BackendException forModel(String modelId) {
        return new BackendException("model " + modelId + ": " + getMessage(), retryable, status, this);
    }

    public boolean retryable() {
        return retryable;
    }

    /** The HTTP status, or 0 when there was no HTTP response. */
    public int status() {
        return status;
    }
}
