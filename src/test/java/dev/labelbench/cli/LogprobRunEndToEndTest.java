package dev.labelbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.labelbench.backend.OllamaRecordings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code labelbench run} with {@code scoring: logprob} against a WireMock Ollama that returns top logprobs (shape of
 * Ollama's {@code api/types.go} Logprob): every prediction carries its label distribution, and a backend that cannot
 * score is refused before the first example.
 */
class LogprobRunEndToEndTest {
    @RegisterExtension
    static WireMockExtension ollama = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true)).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** text, gold, the model's next-token probabilities (token, p ...). */
    private static final Object[][] ROWS = {
            {"I loved it", "positive", new Object[] {"positive", 0.7, "Positive", 0.1, "negative", 0.1, "The", 0.08}},
            {"Awful film", "negative", new Object[] {"negative", 0.6, "positive", 0.3, "Negative", 0.05}},
            {"It was fine I guess", "positive", new Object[] {"negative", 0.55, "positive", 0.4, "Neutral", 0.05}},
    };

    @BeforeEach
    void stubOllama() throws IOException {
        ollama.stubFor(get("/api/tags").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(OllamaRecordings.responseBody("tags"))));
        ollama.stubFor(get("/api/version").willReturn(okJson("{\"version\":\"0.13.1\"}")));
        StringBuilder csv = new StringBuilder("id,text,label\n");
        for (int i = 0; i < ROWS.length; i++) {
            Object[] alternatives = (Object[]) ROWS[i][2];
            StringBuilder top = new StringBuilder();
            for (int a = 0; a < alternatives.length; a += 2) {
                top.append(a == 0 ? "" : ",").append("{\"token\":\"").append(alternatives[a]).append("\",\"logprob\":")
                        .append(Math.log((Double) alternatives[a + 1])).append('}');
            }
            String body = "{\"model\":\"llama3:8b\",\"message\":{\"role\":\"assistant\",\"content\":\"" + alternatives[0]
                    + "\"},\"done\":true,\"done_reason\":\"length\",\"logprobs\":[{\"token\":\"" + alternatives[0]
                    + "\",\"logprob\":" + Math.log((Double) alternatives[1]) + ",\"top_logprobs\":[" + top + "]}]}";
            ollama.stubFor(post("/api/chat").withRequestBody(matchingJsonPath("$.messages[1].content",
                    containing((String) ROWS[i][0]))).willReturn(okJson(body)));
            csv.append("r").append(i + 1).append(',').append(ROWS[i][0]).append(',').append(ROWS[i][1]).append('\n');
        }
        Files.writeString(dir.resolve("reviews.csv"), csv.toString());
        Files.writeString(dir.resolve("zero.yaml"), "system: \"Classify as one of: {{labels}}.\"\nuser: \"{{text}}\"\n");
        Files.writeString(dir.resolve("eval.yaml"), """
                name: logprob-e2e
                dataset: {path: reviews.csv, id: id}
                labels: [positive, negative]
                prompts: [zero.yaml]
                models:
                  - id: ollama:llama3:8b
                    url: %s
                scoring: logprob
                """.formatted(ollama.baseUrl()));
    }

    @Test
    void everyPredictionCarriesItsLabelDistributionTokensAndOutsideMass() throws IOException {
        Path out = dir.resolve("run");
        Cli.Result result = Cli.run("run", dir.resolve("eval.yaml").toString(), "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());

        List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
        assertEquals(3, lines.size());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals("positive", first.path("predicted").asText());
        assertEquals("logprob", first.path("rule").asText());
        // positive: 0.7 + 0.1 (Positive); negative: 0.1; the list is complete (4 < 20), so "Negative" has none.
        assertEquals(0.8 / 0.9, first.path("label_probs").path("positive").asDouble(), 1e-9);
        assertEquals(0.1 / 0.9, first.path("label_probs").path("negative").asDouble(), 1e-9);
        assertEquals(0.1, first.path("scoring").path("outside_mass").asDouble(), 1e-9);
        assertEquals("Positive", first.path("scoring").path("forms").get(1).path("text").asText());
        assertEquals("[\"Positive\"]", first.path("scoring").path("forms").get(1).path("tokens").toString());
        JsonNode third = JSON.readTree(lines.get(2));
        assertEquals("negative", third.path("predicted").asText(), "the most probable label, even when wrong");

        JsonNode cell = JSON.readTree(out.resolve("metrics.json").toFile()).path("cells").get(0);
        assertEquals(0, cell.path("invalid").asInt(), "a logprob prediction is never invalid");
        assertEquals(2.0 / 3, cell.path("scores").path("accuracy").asDouble(), 1e-12);
    }

    @Test
    void aBinaryDecisionThresholdOnTheChosenPositiveLabelDecidesAndReachesTheMetrics() throws IOException {
        Files.writeString(dir.resolve("eval.yaml"), Files.readString(dir.resolve("eval.yaml"))
                + "decision: {positive_label: negative, threshold: 0.6, target_recall: 0.9}\n");
        Path out = dir.resolve("decided");
        Cli.Result result = Cli.run("run", dir.resolve("eval.yaml").toString(), "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        // "It was fine I guess": P(negative) = 0.55 / 0.95 = 0.58 is below 0.6, so it is positive (and right) now.
        JsonNode third = JSON.readTree(Files.readAllLines(out.resolve("results.jsonl")).get(2));
        assertEquals("positive", third.path("predicted").asText());
        JsonNode cell = JSON.readTree(out.resolve("metrics.json").toFile()).path("cells").get(0);
        assertEquals(1.0, cell.path("scores").path("accuracy").asDouble(), 1e-12);
        assertEquals("negative", cell.path("probability").path("binary").path("positive_label").asText());
        assertEquals(0.9, JSON.readTree(out.resolve("run.json").toFile()).path("decision").path("target_recall").asDouble());
    }

    @Test
    void aDecisionOutsideItsRangeIsAnInputError() throws IOException {
        Files.writeString(dir.resolve("eval.yaml"), Files.readString(dir.resolve("eval.yaml"))
                + "decision: {positive_label: neutral, threshold: 1.5}\n");
        Cli.Result result = Cli.run("validate", dir.resolve("eval.yaml").toString());
        assertEquals(3, result.exitCode());
        assertTrue(result.err().contains("decision.positive_label 'neutral' is not a label"), result.err());
        assertTrue(result.err().contains("decision.threshold must be between 0 and 1, got 1.5"), result.err());
    }

    @Test
    void theInProcessGgufBackendIsRefusedBeforeTheFirstExample() throws IOException {
        Path out = dir.resolve("gguf");
        Cli.Result result = Cli.run("run", dir.resolve("eval.yaml").toString(), "--model", "gguf:tiny.gguf",
                "--out", out.toString());
        assertEquals(3, result.exitCode(), result.err());
        assertTrue(result.err().contains("model 'gguf:tiny.gguf': scoring: logprob needs token probabilities"),
                result.err());
        assertFalse(Files.exists(out.resolve("results.jsonl")));
    }
}
