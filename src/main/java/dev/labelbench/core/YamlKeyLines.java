package dev.labelbench.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the line of a key in a YAML file, for error messages. Jackson reports the end of an object, not the key, when
 * it reads YAML into records (their properties are buffered until the object ends), so we look the key up ourselves.
 */
public final class YamlKeyLines {
    private YamlKeyLines() {
    }

    /** The 1-based line where {@code key:} first appears, or {@code fallback} when not found. */
    public static int lineOf(Path file, String key, int fallback) {
        Pattern pattern = Pattern.compile("^[\\s-]*[\"']?" + Pattern.quote(key) + "[\"']?\\s*:.*");
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (pattern.matcher(lines.get(i)).matches()) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            return fallback;
        }
        return fallback;
    }
}
