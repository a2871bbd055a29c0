package dev.labelbench.cache;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the response cache lives when {@code --cache-dir} is not given: {@code $XDG_CACHE_HOME/labelbench}, else
 * {@code ~/.cache/labelbench} (the XDG default, also fine on macOS), or {@code %LOCALAPPDATA%\labelbench} on Windows.
 */
public final class CacheLocation {
    public static final String FILE_NAME = "responses.sqlite";

    private CacheLocation() {
    }

    public static Path defaultDir() {
        return defaultDir(System.getenv(), System.getProperty("user.home"), System.getProperty("os.name", ""));
    }

    static Path defaultDir(Map<String, String> env, String home, String osName) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "labelbench");
        }
        String localAppData = env.get("LOCALAPPDATA");
        if (osName.startsWith("Windows") && localAppData != null && !localAppData.isBlank()) {
            return Path.of(localAppData, "labelbench");
        }
        return Path.of(home, ".cache", "labelbench");
    }

    /** The database file in a cache directory. */
    public static Path file(Path dir) {
        return dir.resolve(FILE_NAME);
    }
}
