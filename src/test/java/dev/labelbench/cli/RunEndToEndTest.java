package dev.labelbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `labelbench run` against a WireMock Ollama answering with recorded bodies: checks every file it writes. */
class RunEndToEndTest {
    @RegisterExtension
    static WireMockExtension ollama = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true)).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** text, gold label, the model's reply. */
    private static final String[][] ROWS = {
            {"Please refund my money", "billing", "Billing"},
            {"The invoice total is wrong", "billing", "**billing**"},
            {"The app crashes on start", "technical", "technical"},
            {"Login fails with an error", "technical", "shipping"},
            {"My parcel is late", "shipping", "shipping."},
            {"A box is missing from my order", "shipping", "I am not sure."},
    };

    @BeforeEach
    void stubOllama() throws IOException {
        ollama.stubFor(get("/api/tags").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(OllamaRecordings.responseBody("tags"))));
        for (String[] row : ROWS) {
            ollama.stubFor(post("/api/chat").withRequestBody(matchingJsonPath("$.messages[1].content", containing(row[0])))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                            .withBody(OllamaRecordings.chatReply(row[2]))));
        }
        StringBuilder csv = new StringBuilder("id,text,label\n");
        for (int i = 0; i < ROWS.length; i++) {
            csv.append("r").append(i + 1).append(',').append(ROWS[i][0]).append(',').append(ROWS[i][1]).append('\n');
        }
        Files.writeString(dir.resolve("tickets.csv"), csv.toString());
        Files.writeString(dir.resolve("zero.yaml"), "system: \"Classify as one of: {{labels}}.\"\nuser: \"{{text}}\"\n");
        Files.writeString(dir.resolve("eval.yaml"), """
                name: e2e
                dataset: {path: tickets.csv, id: id}
                labels: [billing, technical, shipping]
                prompts: [zero.yaml]
                models:
                  - id: ollama:llama3:8b
                    url: %s
                options: {temperature: 0, seed: 42, max_tokens: 8}
                """.formatted(ollama.baseUrl()));
    }

    @Test
    void runWritesResultsAndMetricsWithTheRightNumbers() throws IOException {
        Path out = dir.resolve("run");
        Cli.Result result = Cli.run("run", dir.resolve("eval.yaml").toString(), "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());

        List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
        assertEquals(6, lines.size());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals("r1", first.path("id").asText());
        assertEquals("ollama:llama3:8b", first.path("model").asText());
        assertEquals("zero", first.path("template").asText());
        assertEquals("billing", first.path("predicted").asText());
        assertEquals("Billing", first.path("reply").path("text").asText());
        JsonNode recorded = JSON.readTree(OllamaRecordings.responseBody("chat-nonstream-llama3"));
        assertEquals(recorded.path("eval_count").asInt(), first.path("reply").path("completion_tokens").asInt());
        assertEquals(recorded.path("prompt_eval_count").asInt(), first.path("reply").path("prompt_tokens").asInt());
        assertEquals(recorded.path("eval_duration").asLong() / 1e6, first.path("reply").path("generation_ms").asDouble(), 1e-9);
        JsonNode last = JSON.readTree(lines.get(5));
        assertEquals("invalid", last.path("predicted").asText());
        assertEquals("I am not sure.", last.path("reply").path("text").asText(), "raw text kept for invalid replies");

        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        JsonNode cell = metrics.path("cells").get(0);
        assertEquals("[[2,0,0,0],[0,1,1,0],[0,0,1,1]]", cell.path("confusion").toString());
        JsonNode scores = cell.path("scores");
        assertEquals(4.0 / 6, scores.path("accuracy").asDouble(), 1e-12);
        assertEquals((1 + 2.0 / 3 + 0.5) / 3, scores.path("macro_f1").asDouble(), 1e-12);
        assertEquals(2 * 0.8 * (4.0 / 6) / (0.8 + 4.0 / 6), scores.path("micro_f1").asDouble(), 1e-12);
        assertEquals(1, cell.path("invalid").asInt());
        assertEquals(1.0 / 6, cell.path("invalid_rate").asDouble(), 1e-12);
        assertEquals("e2e", metrics.path("run").path("name").asText());

        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertTrue(csv.get(0).startsWith("model,template,scope,n,accuracy"));
        assertTrue(csv.get(1).startsWith("ollama:llama3:8b,zero,all,6,0.666667"), csv.get(1));
        assertEquals(1 + 1 + 3, csv.size(), "header, one overall row, one row per label");

        assertTrue(result.out().contains("macro avg"), "a classification report on stdout");
        assertTrue(result.out().contains("confusion matrix"), result.out());
        assertTrue(Files.exists(out.resolve("run.json")));
    }

    @Test
    void requestsAskForAControlledEvaluation() throws IOException {
        Cli.Result result = Cli.run("run", dir.resolve("eval.yaml").toString(), "--out", dir.resolve("r").toString(),
                "--limit", "1");
        assertEquals(0, result.exitCode(), result.err());
        List<LoggedRequest> requests = ollama.findAll(postRequestedFor(urlEqualTo("/api/chat")));
        assertEquals(1, requests.size());
        JsonNode body = JSON.readTree(requests.get(0).getBodyAsString());
        assertEquals("llama3:8b", body.path("model").asText());
        assertEquals(false, body.path("stream").asBoolean(true), "an omitted stream means NDJSON");
        assertEquals(false, body.path("think").asBoolean(true), "thinking models would spend the budget thinking");
        assertEquals(false, body.path("truncate").asBoolean(true), "an over-long prompt must fail, not be cut");
        assertEquals(0.0, body.path("options").path("temperature").asDouble(-1));
        assertEquals(42, body.path("options").path("seed").asInt());
        assertEquals(8, body.path("options").path("num_predict").asInt());
        assertEquals("system", body.path("messages").get(0).path("role").asText());
        assertEquals("Classify as one of: billing, technical, shipping.", body.path("messages").get(0).path("content").asText());
    }

    @Test
    void flagsAloneDefineARunAndOverrideTheFile() throws IOException {
        Path out = dir.resolve("flags");
        Cli.Result result = Cli.run("run", "--dataset", dir.resolve("tickets.csv").toString(), "--id-field", "id",
                "--prompt", dir.resolve("zero.yaml").toString(), "--model", "ollama:llama3:8b@" + ollama.baseUrl(),
                "--labels", "billing,technical,shipping", "--out", out.toString(), "--max-tokens", "4");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(6, Files.readAllLines(out.resolve("results.jsonl")).size());
        JsonNode body = JSON.readTree(ollama.findAll(postRequestedFor(urlEqualTo("/api/chat"))).get(0).getBodyAsString());
        assertEquals(4, body.path("options").path("num_predict").asInt());
    }

    @Test
    void aModelTheServerLacksFailsBeforeTheFirstExampleAndSaysHowToGetIt() {
        Cli.Result result = Cli.run("run", dir.resolve("eval.yaml").toString(), "--out", dir.resolve("x").toString(),
                "--model", "ollama:qwen2.5:0.5b@" + ollama.baseUrl());
        assertEquals(4, result.exitCode());
        assertTrue(result.err().contains("model 'qwen2.5:0.5b' is not on the Ollama server at " + ollama.baseUrl()
                + "; run `ollama pull qwen2.5:0.5b`"), result.err());
        assertEquals(0, ollama.findAll(postRequestedFor(urlEqualTo("/api/chat"))).size());
        assertTrue(!result.err().contains("\tat "), "no stack trace for a user mistake");
    }

    @Test
    void anUnreachableServerNamesTheUrl() {
        Cli.Result result = Cli.run("run", dir.resolve("eval.yaml").toString(), "--out", dir.resolve("y").toString(),
                "--model", "ollama:llama3:8b@http://127.0.0.1:9");
        assertEquals(4, result.exitCode());
        assertTrue(result.err().contains("cannot reach Ollama at http://127.0.0.1:9"), result.err());
        assertTrue(result.err().contains("ollama serve"), result.err());
    }
}
