package dev.labelbench.cli;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.labelbench.backend.OllamaRecordings;
import dev.labelbench.core.Prediction;
import dev.labelbench.run.EvalFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stops a real {@code labelbench run} process mid-run (kill -9, and Ctrl-C's SIGINT), then resumes it: no line lost,
 * none duplicated. The server answers after a fixed delay so the stop lands mid-run.
 */
class KillAndResumeTest {
    @RegisterExtension
    static WireMockExtension ollama = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true).containerThreads(40)).build();

    private static final int ROWS = 60;

    @TempDir
    Path dir;

    private Path eval;

    @BeforeEach
    void setUp() {
        ollama.stubFor(get("/api/tags").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(OllamaRecordings.responseBody("tags"))));
        ollama.stubFor(post("/api/chat").willReturn(aResponse().withStatus(200).withFixedDelay(100)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(OllamaRecordings.chatReply("shipping"))));
        eval = EvalFixture.write(dir, ROWS, ROWS,
                "- {id: \"ollama:llama3:8b\", url: \"" + ollama.baseUrl() + "\", concurrency: 2}", null);
    }

    private Process startRun(Path out) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.labelbench.cli.Main",
                "run", eval.toString(), "--out", out.toString(), "--no-cache", "--progress", "plain"));
        return new ProcessBuilder(command).redirectError(dir.resolve("child-stderr.txt").toFile())
                .redirectOutput(dir.resolve("child-stdout.txt").toFile()).start();
    }

    private static void awaitLines(Path results, int atLeast, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (Files.exists(results) && Files.readAllLines(results).size() >= atLeast) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child run did not get to " + atLeast + " lines (alive: " + child.isAlive() + ")");
    }

    private static void assertCompleteWithoutDuplicates(Path out) {
        Map<String, Long> counts = EvalFixture.lineCounts(out);
        assertEquals(2 * ROWS, counts.size(), "every example x template has a line");
        counts.forEach((key, n) -> assertEquals(1L, n, "duplicate: " + key));
        assertTrue(EvalFixture.predictions(out).stream().noneMatch(Prediction::failed));
    }

    @Test
    void killNineMidRunThenResumeLosesAndDuplicatesNothing() throws Exception {
        Path out = dir.resolve("run");
        Process child = startRun(out);
        awaitLines(out.resolve("results.jsonl"), 15, child);
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        int before = Files.readAllLines(out.resolve("results.jsonl")).size();
        assertTrue(before < 2 * ROWS, "killed mid-run, after " + before + " lines");

        Cli.Result resumed = Cli.run("run", "--resume", out.toString(), "--no-cache", "--progress", "none");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertCompleteWithoutDuplicates(out);
        assertTrue(Files.exists(out.resolve("metrics.json")));
    }

    @Test
    void ctrlCStopsCleanlyWritesPartialMetricsAndPrintsTheResumeCommand() throws Exception {
        Path out = dir.resolve("run");
        Process child = startRun(out);
        awaitLines(out.resolve("results.jsonl"), 15, child);
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        String stderr = Files.readString(dir.resolve("child-stderr.txt"));
        assertEquals(130, child.exitValue(), stderr);
        assertTrue(stderr.contains("labelbench run --resume " + out), stderr);
        assertTrue(Files.exists(out.resolve("metrics.json")), "partial metrics written");
        assertEquals("", Files.readString(dir.resolve("child-stdout.txt")), "nothing but results on stdout");

        Cli.Result resumed = Cli.run("run", "--resume", out.toString(), "--no-cache", "--progress", "none");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertCompleteWithoutDuplicates(out);
    }
}
