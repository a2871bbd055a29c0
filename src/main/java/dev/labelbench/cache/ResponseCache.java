package dev.labelbench.cache;

import dev.labelbench.core.Reply;

import java.util.Optional;

/**
 * Replies already paid for, keyed by {@link CacheKey}. Implementations are thread-safe: the run engine reads and writes
 * from many threads at once.
 */
public interface ResponseCache extends AutoCloseable {

    /** A cache that remembers nothing ({@code --no-cache}). */
    ResponseCache DISABLED = new ResponseCache() {
        @Override
        public Optional<Reply> get(CacheKey key) {
            return Optional.empty();
        }

        @Override
        public void put(CacheKey key, Reply reply) {
        }

        @Override
        public void close() {
        }
    };

    /** The stored reply for this key, if any (as stored: the caller marks it as cached). */
    Optional<Reply> get(CacheKey key);

    /** Stores a reply; a later put for the same key replaces it. */
    void put(CacheKey key, Reply reply);

    @Override
    void close();
}
