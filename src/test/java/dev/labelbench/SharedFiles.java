package dev.labelbench;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code ../shared} folder (recorded fixtures, tiny models, datasets) lies beside the repository in CI and on the
 * developers' machines, but not on a user's. Tests that need it call {@link #require(String)}, which skips them with a
 * clear message where it is absent.
 */
public final class SharedFiles {
    private SharedFiles() {
    }

    public static Path root() {
        String override = System.getenv("LABELBENCH_SHARED");
        return override != null ? Path.of(override) : Path.of("..", "shared").toAbsolutePath().normalize();
    }

    /** The shared file or folder at {@code relative}; skips the calling test when it is absent. */
    public static Path require(String relative) {
        Path path = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(path),
                "skipped: " + path + " is absent (the ../shared test fixtures are only beside the repo in CI and dev)");
        return path;
    }
}
