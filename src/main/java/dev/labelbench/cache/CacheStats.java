package dev.labelbench.cache;

import java.nio.file.Path;
import java.util.List;

/** What {@code labelbench cache stats} shows: entries per model, and the size of the database on disk. */
public record CacheStats(Path file, long entries, long bytesOnDisk, List<ModelCount> models) {
    public record ModelCount(String model, long entries, String oldest, String newest) {
    }
}
