package dev.labelbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compares output with a golden file under {@code src/test/resources/report/golden/}. Run the test with
 * {@code -Dlabelbench.updateGolden=true} to rewrite the golden file after an intended change, then review the diff.
 */
final class GoldenFiles {
    private GoldenFiles() {
    }

    static void assertMatches(String name, String actual) throws IOException {
        Path golden = Path.of("src/test/resources/report/golden", name);
        if (Boolean.getBoolean("labelbench.updateGolden")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        if (!Files.exists(golden)) {
            throw new AssertionError(golden + " is missing; create it with -Dlabelbench.updateGolden=true and review it");
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                "differs from " + golden + " (rerun with -Dlabelbench.updateGolden=true if the change is intended)");
    }
}
