package dev.labelbench.run;

import dev.labelbench.core.LabelbenchException;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits until one of a run's input files (the eval config, a template) changes on disk, for {@code run --watch}.
 * Watches the files' folders (the JDK watches folders, not files) and ignores other files in them. Editors save in
 * bursts (write, rename, touch), so after the first event it waits for a quiet moment before reporting.
 */
public final class PlanWatcher {
    private static final long QUIET_MILLIS = 300;

    private PlanWatcher() {
    }

    /** The files whose change should trigger a new run. */
    public static Set<Path> inputsOf(Path config, RunPlan plan) {
        Set<Path> files = new HashSet<>();
        if (config != null) {
            files.add(config.toAbsolutePath().normalize());
        }
        if (plan != null) {
            plan.templates().forEach(t -> files.add(t.template().path().toAbsolutePath().normalize()));
        }
        return files;
    }

    /**
     * Blocks until a file of {@code files} is created, changed or replaced; returns the changed files, or an empty
     * set when {@code stop} became true first.
     */
    public static Set<Path> awaitChange(Set<Path> files, BooleanSupplier stop) {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            Set<Path> folders = new HashSet<>();
            files.forEach(f -> folders.add(f.getParent()));
            for (Path folder : folders) {
                folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
            Set<Path> changed = new HashSet<>();
            while (!stop.getAsBoolean()) {
                WatchKey key = watcher.poll(changed.isEmpty() ? 250 : QUIET_MILLIS, TimeUnit.MILLISECONDS);
                if (key == null) {
                    if (!changed.isEmpty()) {
                        return changed;
                    }
                    continue;
                }
                Path folder = (Path) key.watchable();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name) {
                        Path file = folder.resolve(name).toAbsolutePath().normalize();
                        if (files.contains(file)) {
                            changed.add(file);
                        }
                    }
                }
                key.reset();
            }
            return Set.of();
        } catch (IOException e) {
            throw LabelbenchException.input("cannot watch " + List.copyOf(files) + " for changes: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }
}
