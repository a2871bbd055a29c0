package dev.labelbench.run;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.labelbench.backend.OllamaRecordings;
import dev.labelbench.bench.StubLlmServer;
import dev.labelbench.core.CellKey;
import dev.labelbench.core.Prediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server faults mid-run: every example still gets exactly one line (answered, or failed with the reason), and a
 * resume asks the failed ones again.
 */
class FaultsTest {
    @RegisterExtension
    static WireMockExtension ollama = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true)).build();

    @TempDir
    Path dir;

    private final RunHarness harness = new RunHarness();

    private static void stubHealthy() {
        ollama.resetAll();
        ollama.stubFor(get("/api/tags").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(OllamaRecordings.responseBody("tags"))));
        ollama.stubFor(post("/api/chat").atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(OllamaRecordings.chatReply("billing"))));
    }

    private static void failFor(int textNumber, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        ollama.stubFor(post("/api/chat").atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[1].content", containing("number " + textNumber + " about")))
                .willReturn(response));
    }

    /** WireMock's first answer can take seconds on a loaded machine; the short timeout below is for the faults. */
    private static void warmUp() {
        long start = System.nanoTime();
        try {
            java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(ollama.baseUrl() + "/api/tags")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        System.err.println("warm-up took " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    @Test
    void resetsEmptyAndMalformedRepliesServerErrorsAndTimeoutsEachCostOneFailedLineThenResumeAsksAgain() {
        stubHealthy();
        failFor(1, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        failFor(2, aResponse().withFault(Fault.EMPTY_RESPONSE));
        failFor(3, aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
        failFor(4, aResponse().withStatus(500).withBody("{\"error\":\"llama runner process has terminated\"}"));
        failFor(5, aResponse().withStatus(503).withBody("{\"error\":\"server busy, please try again\"}"));
        failFor(6, aResponse().withStatus(200).withFixedDelay(5_000).withBody(OllamaRecordings.chatReply("billing")));
        failFor(7, aResponse().withStatus(200).withBody("{\"model\":\"llama3:8b\",\"message\":{\"role\":\"assi"));
        Path eval = EvalFixture.write(dir, 24, 24,
                "- {id: \"ollama:llama3:8b\", url: \"" + ollama.baseUrl() + "\", concurrency: 4}", null);
        Path out = dir.resolve("run");
        warmUp();
        RunPlan plan = RunPlanner.plan(eval, RunHarness.withOut(out));
        RunRecipe.of(eval, RunHarness.withOut(out), out).write(out);
        new EvaluationRunner(RunHarness.backends(Duration.ofSeconds(2)), harness.log::add, EngineSettings.defaults())
                .run(plan);

        List<Prediction> predictions = EvalFixture.predictions(out);
        Map<String, Long> counts = EvalFixture.lineCounts(out);
        assertEquals(48, counts.size());
        counts.forEach((key, n) -> assertEquals(1L, n, key));
        for (Prediction p : predictions) {
            int number = Integer.parseInt(p.text().replaceAll("\\D+", " ").strip().split(" ")[0]);
            boolean faulty = number >= 1 && number <= 7;
            assertEquals(faulty, p.failed(), p.text() + " -> " + p.error());
            if (faulty) {
                assertTrue(p.error().contains(ollama.baseUrl()), "the error names the server: " + p.error());
            } else {
                assertEquals("billing", p.predicted());
            }
        }
        assertTrue(predictions.stream().anyMatch(p -> p.failed() && p.error().contains("HTTP 503")));
        assertTrue(predictions.stream().anyMatch(p -> p.failed() && p.error().contains("no response within")));

        // The server recovers; resuming asks exactly the 14 failed requests again.
        stubHealthy();
        harness.resume(out, EngineSettings.defaults());
        assertEquals(14, ollama.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/chat"))).size());
        counts = EvalFixture.lineCounts(out);
        assertEquals(48, counts.size());
        counts.forEach((key, n) -> assertEquals(1L, n, key));
        assertTrue(EvalFixture.predictions(out).stream().noneMatch(Prediction::failed));
    }

    @Test
    void aServerThatDiesMidRunAndComesBackLeavesOneLinePerExample() throws Exception {
        AtomicReference<StubLlmServer> server = new AtomicReference<>(
                StubLlmServer.start(0, 4, 10, List.of("stub:1b"), EvalFixture.LABELS));
        int port = server.get().port();
        Path eval = EvalFixture.write(dir, 60, 60,
                "- {id: \"ollama:stub:1b\", url: \"" + server.get().url() + "\", concurrency: 2}", null);
        Path out = dir.resolve("run");
        AtomicInteger answered = new AtomicInteger();
        Thread restarter = new Thread(() -> {
            try {
                while (answered.get() < 15) {
                    Thread.sleep(5);
                }
                server.get().close();
                Thread.sleep(400);
                server.set(StubLlmServer.start(port, 4, 10, List.of("stub:1b"), EvalFixture.LABELS));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        restarter.start();
        RunProgress counting = new RunProgress() {
            @Override
            public void cellStarted(CellKey cell, long total, long alreadyDone) {
            }

            @Override
            public void answered(CellKey cell, boolean invalid, boolean failed) {
                answered.incrementAndGet();
            }

            @Override
            public void cellFinished(CellKey cell) {
            }

            @Override
            public void close() {
            }
        };
        try {
            harness.run(eval, out, EngineSettings.defaults().withProgress(counting));
            restarter.join();
            Map<String, Long> counts = EvalFixture.lineCounts(out);
            assertEquals(120, counts.size());
            counts.forEach((key, n) -> assertEquals(1L, n, key));
            long failed = EvalFixture.predictions(out).stream().filter(Prediction::failed).count();
            assertTrue(failed > 0, "some requests met the dead server");
            assertTrue(failed < 120, "the run went on once it came back");

            harness.resume(out, EngineSettings.defaults());
            counts = EvalFixture.lineCounts(out);
            assertEquals(120, counts.size());
            counts.forEach((key, n) -> assertEquals(1L, n, key));
            assertTrue(EvalFixture.predictions(out).stream().noneMatch(Prediction::failed));
        } finally {
            server.get().close();
        }
    }
}
