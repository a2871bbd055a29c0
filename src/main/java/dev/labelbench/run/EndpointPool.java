package dev.labelbench.run;

import java.util.List;
import java.util.Set;

/**
 * The endpoints serving one model. {@link #acquire} hands out a request slot on the least busy healthy endpoint,
 * waiting while every slot is taken; an endpoint whose request failed is out of rotation for a cooldown while the
 * others carry on, then tried again. When every endpoint is cooling down the one that failed longest ago is used
 * anyway: a run must not stall on a dead server, its failures are recorded and retried on resume.
 */
final class EndpointPool {
    private final List<Endpoint> endpoints;

    EndpointPool(List<Endpoint> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one endpoint");
        }
        this.endpoints = List.copyOf(endpoints);
    }

    List<Endpoint> endpoints() {
        return endpoints;
    }

    int totalSlots() {
        return endpoints.stream().mapToInt(e -> e.slots).sum();
    }

    /** A slot on an endpoint not in {@code exclude} (endpoints this request already failed on), when there is one. */
    synchronized Endpoint acquire(Set<Endpoint> exclude) throws InterruptedException {
        while (true) {
            Endpoint chosen = choose(exclude, System.currentTimeMillis());
            if (chosen != null) {
                chosen.inFlight++;
                chosen.lastUsedNanos = System.nanoTime();
                return chosen;
            }
            wait(250);
        }
    }

    /** Whether another endpoint than those in {@code tried} exists to send a failed request to. */
    synchronized boolean hasAlternative(Set<Endpoint> tried) {
        return endpoints.stream().anyMatch(e -> !tried.contains(e));
    }

    synchronized void release(Endpoint endpoint, boolean succeeded) {
        endpoint.inFlight--;
        if (succeeded) {
            endpoint.succeeded();
        } else {
            endpoint.failed(System.currentTimeMillis());
        }
        notifyAll();
    }

    /** Releases a slot without judging the endpoint (the request was abandoned, e.g. on Ctrl-C). */
    synchronized void abandon(Endpoint endpoint) {
        endpoint.inFlight--;
        notifyAll();
    }

    private Endpoint choose(Set<Endpoint> exclude, long now) {
        Endpoint best = null;
        boolean anyHealthyCandidate = false;
        for (Endpoint e : endpoints) {
            if (!exclude.contains(e) && e.healthy(now)) {
                anyHealthyCandidate = true;
                if (e.hasFreeSlot() && (best == null || busier(best, e))) {
                    best = e;
                }
            }
        }
        if (best != null || anyHealthyCandidate) {
            return best;
        }
        // Nothing healthy to choose from: fall back to the endpoint that has been down longest.
        Endpoint fallback = null;
        for (Endpoint e : endpoints) {
            if (!exclude.contains(e) && e.hasFreeSlot()
                    && (fallback == null || e.downUntilMillis() < fallback.downUntilMillis())) {
                fallback = e;
            }
        }
        if (fallback == null && endpoints.stream().allMatch(exclude::contains)) {
            throw new IllegalStateException("every endpoint excluded; check hasAlternative first");
        }
        return fallback;
    }

    /** True when {@code a} is busier than {@code b}: fewer free slots relative to its size, then used more recently. */
    private static boolean busier(Endpoint a, Endpoint b) {
        double loadA = (double) a.inFlight / a.slots;
        double loadB = (double) b.inFlight / b.slots;
        if (loadA != loadB) {
            return loadA > loadB;
        }
        return a.lastUsedNanos > b.lastUsedNanos;
    }
}
