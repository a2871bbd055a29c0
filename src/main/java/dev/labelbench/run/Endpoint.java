package dev.labelbench.run;

import dev.labelbench.backend.Backend;

/**
 * One server URL of a model, with its request slots and its health. Only {@link EndpointPool} changes the state, under
 * its lock.
 */
final class Endpoint {
    private static final long FIRST_COOLDOWN_MS = 1_000;
    private static final long MAX_COOLDOWN_MS = 30_000;

    final Backend backend;
    final String url;
    final int slots;
    int inFlight;
    long lastUsedNanos;
    private int consecutiveFailures;
    private long downUntilMillis;

    Endpoint(Backend backend, String url, int slots) {
        this.backend = backend;
        this.url = url;
        this.slots = slots;
    }

    boolean hasFreeSlot() {
        return inFlight < slots;
    }

    boolean healthy(long nowMillis) {
        return nowMillis >= downUntilMillis;
    }

    long downUntilMillis() {
        return downUntilMillis;
    }

    /** Out of rotation for a while, longer after each failure in a row (1 s, 2 s, 4 s ... 30 s). */
    void failed(long nowMillis) {
        consecutiveFailures++;
        long cooldown = Math.min(MAX_COOLDOWN_MS, FIRST_COOLDOWN_MS << Math.min(consecutiveFailures - 1, 5));
        downUntilMillis = nowMillis + cooldown;
    }

    void succeeded() {
        consecutiveFailures = 0;
        downUntilMillis = 0;
    }

    @Override
    public String toString() {
        return url;
    }
}
