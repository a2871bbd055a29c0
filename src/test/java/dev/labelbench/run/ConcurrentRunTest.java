package dev.labelbench.run;

import dev.labelbench.bench.StubLlmServer;
import dev.labelbench.cache.ResponseCache;
import dev.labelbench.core.Prediction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine against stub Ollama servers with real HTTP: slots, several URLs, dead endpoints, identical prompts. */
class ConcurrentRunTest {
    @TempDir
    Path dir;

    private final List<StubLlmServer> servers = new ArrayList<>();
    private final RunHarness harness = new RunHarness();

    private StubLlmServer server(int parallel, double latencyMs) throws IOException {
        StubLlmServer server = StubLlmServer.start(0, parallel, latencyMs, List.of("stub:1b", "stub:2b"), EvalFixture.LABELS);
        servers.add(server);
        return server;
    }

    @AfterEach
    void stopServers() {
        servers.forEach(StubLlmServer::close);
    }

    private static void assertOneLinePerExampleAndCell(Path out, int examples, int cells) {
        Map<String, Long> counts = EvalFixture.lineCounts(out);
        assertEquals(examples * cells, counts.size(), "every example x cell has a line");
        counts.forEach((key, n) -> assertEquals(1L, n, "duplicate line for " + key));
    }

    @Test
    void keepsExactlyTheConfiguredNumberOfRequestsInFlight() throws IOException {
        StubLlmServer stub = server(16, 40);
        Path eval = EvalFixture.write(dir, 30, 30, "- {id: \"ollama:stub:1b\", url: \"" + stub.url() + "\"}", null);
        harness.run(eval, dir.resolve("out"), ResponseCache.DISABLED, 4);
        assertEquals(4, stub.maxInFlight(), "4 slots kept busy, never more");
        assertEquals(60, stub.requests());
        assertOneLinePerExampleAndCell(dir.resolve("out"), 30, 2);
    }

    @Test
    void perModelConcurrencyFromTheConfigAndOllamasDefaultOfOne() throws IOException {
        StubLlmServer a = server(16, 20);
        StubLlmServer b = server(16, 20);
        Path eval = EvalFixture.write(dir, 12, 12, """
                - {id: "ollama:stub:1b", url: "%s", concurrency: 3}
                - {id: "ollama:stub:2b", url: "%s"}
                """.formatted(a.url(), b.url()), null);
        harness.run(eval, dir.resolve("out"), ResponseCache.DISABLED, null);
        assertEquals(3, a.maxInFlight(), "the model's own concurrency");
        assertEquals(1, b.maxInFlight(), "Ollama does not report its parallelism: one at a time by default");
    }

    @Test
    void balancesSeveralUrlsOfOneModel() throws IOException {
        StubLlmServer a = server(8, 30);
        StubLlmServer b = server(8, 30);
        Path eval = EvalFixture.write(dir, 40, 40,
                "- {id: \"ollama:stub:1b\", urls: [\"" + a.url() + "\", \"" + b.url() + "\"], concurrency: 2}", null);
        harness.run(eval, dir.resolve("out"), ResponseCache.DISABLED, null);
        assertEquals(80, a.requests() + b.requests());
        assertTrue(a.requests() >= 25 && b.requests() >= 25, "both servers carry a fair share: " + a.requests()
                + " / " + b.requests());
        assertEquals(2, a.maxInFlight());
        assertEquals(2, b.maxInFlight());
        assertOneLinePerExampleAndCell(dir.resolve("out"), 40, 2);
    }

    @Test
    void aDeadUrlIsTakenOutOfRotationAndTheOthersAnswerEverything() throws IOException {
        StubLlmServer live = server(4, 10);
        // Preflight would reject a URL dead from the start, so this one dies right after the check.
        StubLlmServer doomed = server(4, 10);
        Path eval = EvalFixture.write(dir, 30, 30,
                "- {id: \"ollama:stub:1b\", urls: [\"" + doomed.url() + "\", \"" + live.url() + "\"], concurrency: 2}", null);
        RunPlan plan = RunPlanner.plan(eval, RunHarness.withOut(dir.resolve("out")));
        EngineSettings settings = EngineSettings.defaults().withProgress(new ClosingAfterStart(doomed));
        new EvaluationRunner(RunHarness.backends(java.time.Duration.ofSeconds(5)), harness.log::add, settings).run(plan);
        List<Prediction> predictions = EvalFixture.predictions(dir.resolve("out"));
        assertEquals(60, predictions.size());
        assertTrue(predictions.stream().noneMatch(Prediction::failed), "the live URL answered what the dead one could not");
        assertTrue(live.requests() >= 58, "the live server took (nearly) all: " + live.requests());
    }

    /** Closes a server when the first cell starts, i.e. after the preflight found it alive. */
    private static final class ClosingAfterStart implements RunProgress {
        private final StubLlmServer server;

        ClosingAfterStart(StubLlmServer server) {
            this.server = server;
        }

        @Override
        public void cellStarted(dev.labelbench.core.CellKey cell, long total, long alreadyDone) {
            server.close();
        }

        @Override
        public void answered(dev.labelbench.core.CellKey cell, boolean invalid, boolean failed) {
        }

        @Override
        public void cellFinished(dev.labelbench.core.CellKey cell) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void identicalPromptsAreSentOnceAndEveryExampleStillGetsItsLine() throws IOException {
        StubLlmServer stub = server(4, 20);
        Path eval = EvalFixture.write(dir, 40, 5, "- {id: \"ollama:stub:1b\", url: \"" + stub.url() + "\", concurrency: 4}", null);
        harness.run(eval, dir.resolve("out"), ResponseCache.DISABLED, null);
        assertEquals(10, stub.requests(), "5 distinct texts x 2 templates");
        List<Prediction> predictions = EvalFixture.predictions(dir.resolve("out"));
        assertOneLinePerExampleAndCell(dir.resolve("out"), 40, 2);
        assertEquals(10, predictions.stream().filter(p -> !p.reply().fromCache()).count(),
                "only the requests actually sent count as fresh replies");
        assertTrue(predictions.stream().allMatch(p -> p.error() == null));
    }

    @Test
    void modelsOnTheSameServerRunOneAfterAnother() throws IOException {
        StubLlmServer stub = server(8, 5);
        Path eval = EvalFixture.write(dir, 20, 20, """
                - {id: "ollama:stub:1b", url: "%s", concurrency: 4}
                - {id: "ollama:stub:2b", url: "%s", concurrency: 4}
                """.formatted(stub.url(), stub.url()), null);
        harness.run(eval, dir.resolve("out"), ResponseCache.DISABLED, null);
        List<Prediction> predictions = EvalFixture.predictions(dir.resolve("out"));
        assertEquals(80, predictions.size());
        int lastOfFirst = -1;
        int firstOfSecond = Integer.MAX_VALUE;
        for (int i = 0; i < predictions.size(); i++) {
            if (predictions.get(i).model().equals("ollama:stub:1b")) {
                lastOfFirst = i;
            } else {
                firstOfSecond = Math.min(firstOfSecond, i);
            }
        }
        assertTrue(lastOfFirst < firstOfSecond, "the second model starts after the first finished");
        assertNull(predictions.get(0).error());
    }
}
