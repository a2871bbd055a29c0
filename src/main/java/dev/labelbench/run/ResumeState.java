package dev.labelbench.run;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.Prediction;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an earlier session of a run already answered, read from its {@code results.jsonl}. Failed requests are not
 * counted as done: resuming asks them again. To keep exactly one line per example x cell the log is first rewritten
 * without those failed lines (and without any duplicate, keeping the last), into a temporary file moved over the log
 * atomically, so a kill during the rewrite leaves either the old log or the new one.
 */
final class ResumeState {
    private final Set<String> done;
    private final Map<CellKey, Long> doneByCell;

    private ResumeState(Set<String> done, Map<CellKey, Long> doneByCell) {
        this.done = done;
        this.doneByCell = doneByCell;
    }

    static ResumeState empty() {
        return new ResumeState(Set.of(), Map.of());
    }

    /** Reads the log and, when it held failed or duplicate lines, rewrites it without them. */
    static ResumeState load(Path log, boolean retryErrors) {
        if (!Files.exists(log)) {
            return empty();
        }
        List<Prediction> all = ResultsLog.read(log);
        List<Prediction> latest = RunAnalysis.latestPerExample(all);
        List<Prediction> kept = retryErrors ? latest.stream().filter(p -> !p.failed()).toList() : latest;
        if (kept.size() != all.size()) {
            rewrite(log, kept);
        }
        Set<String> done = new HashSet<>();
        Map<CellKey, Long> byCell = new HashMap<>();
        for (Prediction p : kept) {
            done.add(key(p.model(), p.template(), p.id()));
            byCell.merge(p.cell(), 1L, Long::sum);
        }
        return new ResumeState(done, byCell);
    }

    boolean isDone(String model, String template, String id) {
        return !done.isEmpty() && done.contains(key(model, template, id));
    }

    long doneIn(CellKey cell) {
        return doneByCell.getOrDefault(cell, 0L);
    }

    int size() {
        return done.size();
    }

    private static String key(String model, String template, String id) {
        return model + '\u0000' + template + '\u0000' + id;
    }

    private static void rewrite(Path log, List<Prediction> kept) {
        Path temp = log.resolveSibling(log.getFileName() + ".rewrite");
        try {
            try (FileOutputStream file = new FileOutputStream(temp.toFile());
                 OutputStream out = new BufferedOutputStream(file)) {
                for (Prediction p : kept) {
                    out.write((ResultsLog.JSON.writeValueAsString(p) + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                file.getFD().sync();
            }
            Files.move(temp, log, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw LabelbenchException.input("cannot rewrite " + log + " for resuming: " + e.getMessage(), e);
        }
    }
}
