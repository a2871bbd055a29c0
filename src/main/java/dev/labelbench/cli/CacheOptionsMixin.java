package dev.labelbench.cli;

import dev.labelbench.cache.CacheLocation;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the response cache is, shared by {@code run} and {@code cache}. */
final class CacheOptionsMixin {
    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Response cache folder (default: $XDG_CACHE_HOME/labelbench or ~/.cache/labelbench).")
    Path cacheDir;

    Path dir() {
        return cacheDir != null ? cacheDir.toAbsolutePath() : CacheLocation.defaultDir();
    }
}
