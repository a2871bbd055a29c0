package dev.labelbench.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanWatcherTest {
    @TempDir
    Path dir;

    @Test
    void reportsAnEditedTemplateAndIgnoresOtherFilesInItsFolder() throws Exception {
        Path template = Files.writeString(dir.resolve("zero.yaml"), "user: \"{{text}}\"\n");
        Path other = dir.resolve("notes.txt");
        Thread editor = new Thread(() -> {
            try {
                Thread.sleep(300);
                Files.writeString(other, "not watched");
                Thread.sleep(200);
                Files.writeString(template, "user: \"Text: {{text}}\"\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        editor.start();
        Set<Path> changed = PlanWatcher.awaitChange(Set.of(template.toAbsolutePath()), () -> false);
        editor.join();
        assertEquals(Set.of(template.toAbsolutePath()), changed);
    }

    @Test
    void returnsNothingWhenStopped() {
        AtomicBoolean stop = new AtomicBoolean(true);
        assertTrue(PlanWatcher.awaitChange(Set.of(dir.resolve("x.yaml").toAbsolutePath()), stop::get).isEmpty());
    }
}
