package dev.labelbench.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Identical prompts in one run are sent once: the first claims the key and sends; the others wait for its outcome.
 * Finished outcomes stay for the most recent {@code capacity} keys (the response cache holds them beyond that, and
 * with {@code --no-cache} this keeps memory bounded); keys in flight are never dropped.
 */
final class ReplyMemo {
    private final Map<String, CompletableFuture<Outcome>> entries;

    ReplyMemo(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Outcome>> eldest) {
                return size() > capacity && eldest.getValue().isDone();
            }
        };
    }

    /** Null when the caller now owns {@code key} and must complete {@code mine}; else the owner's future. */
    synchronized CompletableFuture<Outcome> claim(String key, CompletableFuture<Outcome> mine) {
        CompletableFuture<Outcome> existing = entries.get(key);
        if (existing != null && !existing.isCancelled()) {
            return existing;
        }
        entries.put(key, mine);
        return null;
    }
}
