package dev.labelbench.run;

import dev.labelbench.bench.StubLlmServer;
import dev.labelbench.cache.ResponseCache;
import dev.labelbench.cache.SqliteResponseCache;
import dev.labelbench.core.Prediction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The response cache and resume, through the engine against a stub Ollama server. */
class CacheAndResumeTest {
    @TempDir
    Path dir;

    private StubLlmServer stub;
    private final RunHarness harness = new RunHarness();

    @BeforeEach
    void start() throws IOException {
        stub = StubLlmServer.start(0, 8, 5, List.of("stub:1b"), EvalFixture.LABELS);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private Path eval(int rows) {
        return EvalFixture.write(dir, rows, rows, "- {id: \"ollama:stub:1b\", url: \"" + stub.url() + "\", concurrency: 4}", null);
    }

    @Test
    void aSecondRunIsAnsweredFromTheCacheWithTheSameMetrics() {
        Path eval = eval(25);
        try (SqliteResponseCache cache = SqliteResponseCache.open(dir.resolve("cache"))) {
            RunAnalysis first = harness.run(eval, dir.resolve("one"), cache, null);
            assertEquals(50, stub.requests());
            RunAnalysis second = harness.run(eval, dir.resolve("two"), cache, null);
            assertEquals(50, stub.requests(), "nothing asked twice");
            List<Prediction> predictions = EvalFixture.predictions(dir.resolve("two"));
            assertEquals(50, predictions.size());
            assertTrue(predictions.stream().allMatch(p -> p.reply().fromCache()), "every reply marked cached");
            assertTrue(EvalFixture.predictions(dir.resolve("one")).stream().noneMatch(p -> p.reply().fromCache()));
            for (int i = 0; i < first.cells().size(); i++) {
                assertEquals(first.cells().get(i).scores(), second.cells().get(i).scores());
            }
        }
    }

    @Test
    void changingOneTemplateReasksOnlyThatTemplatesPrompts() throws IOException {
        Path eval = eval(20);
        try (SqliteResponseCache cache = SqliteResponseCache.open(dir.resolve("cache"))) {
            harness.run(eval, dir.resolve("one"), cache, null);
            assertEquals(40, stub.requests());
            Files.writeString(dir.resolve("polite.yaml"),
                    "system: \"Kindly classify the message as one of: {{labels}}.\"\nuser: \"Message: {{text}}\"\n");
            harness.run(eval, dir.resolve("two"), cache, null);
            assertEquals(60, stub.requests(), "only the 20 prompts of the edited template");
            for (Prediction p : EvalFixture.predictions(dir.resolve("two"))) {
                assertEquals(p.template().equals("plain"), p.reply().fromCache(), p.template() + " " + p.id());
            }
        }
    }

    @Test
    void resumeAsksOnlyWhatIsMissingRetriesErrorsAndLeavesOneLinePerExample() throws IOException {
        Path eval = eval(30);
        Path out = dir.resolve("run");
        harness.run(eval, out, ResponseCache.DISABLED, null);
        assertEquals(60, stub.requests());
        // Simulate an interrupted run: keep 21 lines, turn one into a failed request, and cut the last line in half.
        List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
        Prediction failed = ResultsLog.JSON.readValue(lines.get(3), Prediction.class);
        String errorLine = ResultsLog.JSON.writeValueAsString(new Prediction(failed.id(), failed.model(),
                failed.template(), failed.text(), failed.gold(), null, null, null, "HTTP 503: busy", null));
        List<String> kept = new java.util.ArrayList<>(lines.subList(0, 20));
        kept.set(3, errorLine);
        Files.write(out.resolve("results.jsonl"), kept);
        Files.writeString(out.resolve("results.jsonl"), lines.get(20).substring(0, 40), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        stub.resetCounters();

        RunAnalysis analysis = harness.resume(out, EngineSettings.defaults());
        assertEquals(41, stub.requests(), "40 missing (one cut short) + 1 failed, nothing else");
        Map<String, Long> counts = EvalFixture.lineCounts(out);
        assertEquals(60, counts.size());
        counts.forEach((key, n) -> assertEquals(1L, n, key));
        assertTrue(EvalFixture.predictions(out).stream().noneMatch(Prediction::failed));
        assertEquals(30, analysis.cells().get(0).total());
    }

    @Test
    void aFinishedRunFolderIsNotSilentlyAppendedTo() {
        Path eval = eval(5);
        harness.run(eval, dir.resolve("run"), ResponseCache.DISABLED, null);
        var error = assertThrows(dev.labelbench.core.LabelbenchException.class,
                () -> harness.run(eval, dir.resolve("run"), ResponseCache.DISABLED, null));
        assertTrue(error.getMessage().contains("labelbench run --resume " + dir.resolve("run")), error.getMessage());
    }
}
