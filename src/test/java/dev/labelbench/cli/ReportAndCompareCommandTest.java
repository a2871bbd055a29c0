package dev.labelbench.cli;

import dev.labelbench.core.ExitCode;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prediction;
import dev.labelbench.report.RunData;
import dev.labelbench.report.SyntheticRun;
import dev.labelbench.run.ResultsLog;
import dev.labelbench.run.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportAndCompareCommandTest {
    @TempDir
    Path tmp;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome labelbench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A run folder as `run` leaves it: run.json and results.jsonl only. */
    private Path runFolder(String name, RunData run, UnaryOperator<Prediction> change) {
        Path dir = tmp.resolve(name);
        RunFolder folder = new RunFolder(dir);
        folder.writeRunInfo(run.info());
        try (ResultsLog log = ResultsLog.append(folder.results())) {
            int i = 0;
            for (Prediction p : run.predictions()) {
                log.write(i++ % 4 == 0 ? change.apply(p) : p);
            }
        }
        return dir;
    }

    @Test
    void reportRerendersEveryFileFromTheLog() throws Exception {
        Path dir = runFolder("run", SyntheticRun.generate(2, 2, 60, 9), UnaryOperator.identity());
        Outcome result = labelbench("report", dir.toString());
        assertEquals(0, result.code(), result.err());
        for (String file : List.of("report.html", "summary.md", "metrics.json", "metrics.csv")) {
            assertTrue(Files.size(dir.resolve(file)) > 0, file);
            assertTrue(result.out().contains(file) || file.startsWith("metrics"), result.out());
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("ollama:model-1") && html.contains("template-1"));
        assertTrue(Files.readString(dir.resolve("summary.md")).contains("| 1 | `ollama:model-0`"));
    }

    @Test
    void reportOfAMissingFolderIsOneClearInputError() {
        Outcome result = labelbench("report", tmp.resolve("nope").toString());
        assertEquals(ExitCode.INPUT.code(), result.code());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().startsWith("error: ") && result.err().contains("nope"), result.err());
    }

    @Test
    void compareGatesOnASignificantRegression() throws Exception {
        RunData base = SyntheticRun.generate(1, 2, 300, 4);
        Path a = runFolder("a", base, UnaryOperator.identity());
        // B turns every 4th correct answer into an invalid reply.
        Path b = runFolder("b", base, p -> p.correct() ? new Prediction(p.id(), p.model(), p.template(), p.text(),
                p.gold(), LabelSet.INVALID, p.rule(), p.reply(), p.error(), p.labelProbs()) : p);

        Outcome plain = labelbench("compare", a.toString(), b.toString());
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().contains("significantly worse"), plain.out());
        assertTrue(Files.readString(b.resolve("compare.html")).contains("Broken ("));

        Outcome gated = labelbench("compare", a.toString(), b.toString(), "--fail-if-worse", "--metric", "accuracy");
        assertEquals(ExitCode.QUALITY_GATE.code(), gated.code(), gated.out());
        assertTrue(gated.err().contains("quality gate"), gated.err());

        Path page = tmp.resolve("cmp.html");
        Outcome reverse = labelbench("compare", b.toString(), a.toString(), "--fail-if-worse", "--out", page.toString());
        assertEquals(0, reverse.code(), reverse.out());
        assertTrue(reverse.out().contains("significantly better"), reverse.out());
        assertTrue(Files.exists(page));
        assertFalse(Files.exists(a.resolve("compare.html")));
    }

    @Test
    void compareRejectsAnUnknownMetric() {
        Path a = runFolder("a", SyntheticRun.generate(1, 1, 10, 1), UnaryOperator.identity());
        Outcome result = labelbench("compare", a.toString(), a.toString(), "--metric", "f2");
        assertEquals(ExitCode.USAGE.code(), result.code());
        assertTrue(result.err().contains("unknown metric 'f2'"), result.err());
    }
}
