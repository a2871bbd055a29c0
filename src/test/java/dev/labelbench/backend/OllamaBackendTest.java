package dev.labelbench.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ollama's native API, served by WireMock from real recorded exchanges (../shared/fixtures/ollama) and documented shapes. */
class OllamaBackendTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true))
            .build();

    static final BackendSettings FAST = new BackendSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 0, Duration.ZERO);
    static final LabelSet LABELS = LabelSet.ofNames(List.of("positive", "negative", "neutral"));
    static final Prompt CHAT = Prompt.chat("zero-shot", List.of(
            new ChatMessage("system", "Reply with one word: positive, negative or neutral."),
            new ChatMessage("user", "Text: I loved it\nLabel:")));
    static final GenerationOptions OPTIONS = new GenerationOptions(0.0, 42L, 8, List.of("\n"), 2048, 1, 0.9, null, "-1");

    private OllamaBackend backend(BackendSettings settings) {
        return new OllamaBackend(ModelSpec.parse("ollama:llama3:8b@" + server.baseUrl()), settings, null);
    }

    private JsonNode sentBody(String path) throws Exception {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(path)));
        assertEquals(1, requests.size(), "requests to " + path);
        return HttpJsonClient.json().readTree(requests.get(0).getBodyAsString());
    }

    @Test
    void chatReplyFromRecordedLlama3ExchangeCarriesCountsAndDurations() throws Exception {
        server.stubFor(post("/api/chat").willReturn(RecordedExchange.ollama("chat-nonstream-llama3").response()));

        Reply reply = backend(FAST).generate(new GenerationRequest(CHAT, null, OPTIONS, null, null));

        assertTrue(reply.text().startsWith("A sweet question!"), reply.text());
        assertEquals("stop", reply.finishReason());
        assertEquals(17, reply.promptTokens());
        assertEquals(358, reply.completionTokens());
        assertEquals(5401.885674, reply.loadMs(), 1e-6);
        assertEquals(21730.375963, reply.promptMs(), 1e-6);
        assertEquals(552034.145799, reply.generationMs(), 1e-6);
        assertEquals(358 / 552.034145799, reply.tokensPerSecond(), 1e-9);
        assertNull(reply.thinking());
    }

    @Test
    void chatRequestSaysEverythingAControlledEvaluationNeeds() throws Exception {
        server.stubFor(post("/api/chat").willReturn(okJson(
                "{\"model\":\"llama3:8b\",\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"label\\\":\\\"negative\\\"}\\n \\t\"},"
                        + "\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":30,\"eval_count\":6}")));

        Reply reply = backend(FAST).generate(new GenerationRequest(CHAT, null, OPTIONS, LABELS, null));

        assertEquals("negative", reply.text(), "the JSON-schema reply is unwrapped to the bare label");
        LoggedRequest request = server.findAll(postRequestedFor(urlEqualTo("/api/chat"))).get(0);
        assertNull(request.getHeader("Upgrade"), "HTTP/1.1 only: no h2c upgrade attempt");
        assertNull(request.getHeader("HTTP2-Settings"));
        JsonNode body = sentBody("/api/chat");
        assertEquals("llama3:8b", body.path("model").asText());
        assertFalse(body.path("stream").asBoolean(true), "stream:false is explicit (omitted means NDJSON)");
        assertTrue(body.path("stream").isBoolean());
        assertFalse(body.path("think").asBoolean(true), "think:false unless the run asks for thinking");
        assertTrue(body.path("think").isBoolean());
        assertFalse(body.path("truncate").asBoolean(true), "truncate:false: an over-long prompt is an error");
        assertTrue(body.path("truncate").isBoolean());
        assertEquals(-1, body.path("keep_alive").asInt(), "a bare number is sent as seconds, not as a Go duration");
        assertTrue(body.path("keep_alive").isNumber());
        assertEquals(2, body.path("messages").size());
        assertEquals("system", body.path("messages").path(0).path("role").asText());
        JsonNode options = body.path("options");
        assertEquals(0.0, options.path("temperature").asDouble(-1));
        assertEquals(42, options.path("seed").asInt());
        assertEquals(8, options.path("num_predict").asInt());
        assertEquals(2048, options.path("num_ctx").asInt());
        assertEquals(1, options.path("top_k").asInt());
        assertEquals(0.9, options.path("top_p").asDouble());
        assertEquals("\n", options.path("stop").path(0).asText());
        JsonNode format = body.path("format");
        assertEquals("object", format.path("type").asText());
        assertEquals("[\"positive\",\"negative\",\"neutral\"]", format.path("properties").path("label").path("enum").toString());
        assertEquals("[\"label\"]", format.path("required").toString());
        assertFalse(body.has("logprobs"), "no logprobs unless asked");
    }

    @Test
    void constrainedReplyThatIsNotTheExpectedObjectIsKeptRawForTheParserToJudge() throws Exception {
        server.stubFor(post("/api/chat").willReturn(RecordedExchange.ollama("chat-nonstream-format-schema-deepseek-r1").response()));

        Reply reply = backend(FAST).generate(new GenerationRequest(CHAT, null, OPTIONS, LABELS, null));

        assertTrue(reply.text().startsWith("{ \"name\": \"Sarah Chen\""), reply.text());
        assertEquals(42, reply.completionTokens());
    }

    @Test
    void rawCompletionPromptGoesToGenerateWithRawTrue() throws Exception {
        server.stubFor(post("/api/generate").willReturn(RecordedExchange.ollama("generate-nonstream").response()));

        Reply reply = backend(FAST).generate(GenerationRequest.of(
                Prompt.completion("raw", "Hello, how are you?"), null, GenerationOptions.DEFAULTS));

        assertTrue(reply.text().startsWith("Hello there! I’m doing well"), reply.text());
        assertEquals(15, reply.promptTokens());
        assertEquals(65, reply.completionTokens());
        assertEquals(319.786334, reply.generationMs(), 1e-9);
        JsonNode body = sentBody("/api/generate");
        assertEquals("Hello, how are you?", body.path("prompt").asText());
        assertTrue(body.path("raw").asBoolean(), "raw: no chat template around a completion prompt");
        assertFalse(body.path("stream").asBoolean(true));
        assertFalse(body.path("truncate").asBoolean(true));
        assertFalse(body.path("think").asBoolean(true));
        assertEquals(32, body.path("options").path("num_predict").asInt());
    }

    @Test
    void streamedChatIsReassembledFromLinesSplitMidway() throws Exception {
        server.stubFor(post("/api/chat").willReturn(RecordedExchange.ollama("chat-stream").dribbled(9)));

        Reply reply = backend(FAST.withStream(true)).generate(new GenerationRequest(CHAT, null, OPTIONS, null, null));

        assertEquals("Okay, here we go!\n\n1, 2, 3, 4, 5\n", reply.text());
        assertEquals("stop", reply.finishReason());
        assertEquals(16, reply.promptTokens());
        assertEquals(22, reply.completionTokens());
        assertEquals(105.611917, reply.generationMs(), 1e-9);
        assertTrue(sentBody("/api/chat").path("stream").asBoolean(), "stream:true when streaming");
    }

    @Test
    void streamedChatCutByTheTokenLimitSaysLength() throws Exception {
        server.stubFor(post("/api/chat").willReturn(RecordedExchange.ollama("chat-stream-default-done-reason-length").dribbled(7)));

        Reply reply = backend(FAST.withStream(true)).generate(new GenerationRequest(CHAT, null, OPTIONS, null, null));

        assertEquals("length", reply.finishReason());
        assertEquals(50, reply.completionTokens());
        assertTrue(reply.text().endsWith("whatever you need. 😊 "), reply.text());
    }

    @Test
    void streamedGenerateIsReassembled() throws Exception {
        server.stubFor(post("/api/generate").willReturn(RecordedExchange.ollama("generate-stream").dribbled(5)));

        Reply reply = backend(FAST.withStream(true)).generate(GenerationRequest.of(
                Prompt.completion("raw", "Count from 1 to 5"), null, OPTIONS));

        assertEquals("Okay, here we go!\n\n1, 2, 3, 4, 5\n", reply.text());
        assertEquals(22, reply.completionTokens());
        assertEquals(40.1685, reply.promptMs(), 1e-9);
    }

    @Test
    void thinkingIsKeptApartFromTheAnswer() throws Exception {
        server.stubFor(post("/api/chat").willReturn(RecordedExchange.ollama("chat-stream-think-gpt-oss").withStatus(200).dribbled(11)));

        Reply reply = backend(FAST.withStream(true)).generate(new GenerationRequest(CHAT, null, OPTIONS, null, null));

        assertEquals("Sure thing! Let me know what you'd like to test or if there's anything specific you need.", reply.text());
        assertTrue(reply.thinking().startsWith("The user says \"Test prompt\"."), reply.thinking());
        assertEquals(76, reply.completionTokens());
    }

    @Test
    void errorInsideA200StreamFailsTheRequestRetryably() {
        server.stubFor(post("/api/chat").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-ndjson")
                .withBody("{\"model\":\"gemma4\",\"created_at\":\"2025-10-26T17:21:21.196249Z\",\"message\":{\"role\":\"assistant\",\"content\":\" Yes\"},\"done\":false}\n"
                        + "{\"error\":\"an error was encountered while running the model\"}\n")
                .withChunkedDribbleDelay(3, 30)));

        BackendException e = assertThrows(BackendException.class, () -> backend(FAST.withStream(true))
                .generate(new GenerationRequest(CHAT, null, OPTIONS, null, null)));

        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("an error was encountered while running the model"), e.getMessage());
        assertTrue(e.getMessage().contains("ollama:llama3:8b"), e.getMessage());
    }

    @Test
    void recordedMidStreamErrorLineIsReported() {
        server.stubFor(post("/api/chat").willReturn(RecordedExchange.ollama("error-midstream-unknown-error").response()));

        BackendException e = assertThrows(BackendException.class, () -> backend(FAST.withStream(true))
                .generate(new GenerationRequest(CHAT, null, OPTIONS, null, null)));

        assertTrue(e.getMessage().contains("an unknown error was encountered while running the model"), e.getMessage());
    }

    @Test
    void streamThatStopsBeforeDoneIsAnError() {
        server.stubFor(post("/api/chat").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-ndjson")
                .withBody("{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"pos\"},\"done\":false}\n")));

        BackendException e = assertThrows(BackendException.class, () -> backend(FAST.withStream(true))
                .generate(new GenerationRequest(CHAT, null, OPTIONS, null, null)));
        assertTrue(e.getMessage().contains("ended before the final"), e.getMessage());
    }

    @Test
    void missingModelSuggestsPullingItAndIsNotRetried() {
        server.stubFor(post("/api/generate").willReturn(RecordedExchange.ollama("error-model-not-found-try-pulling").withStatus(404).response()));

        BackendException e = assertThrows(BackendException.class, () -> backend(FAST).generate(
                GenerationRequest.of(Prompt.completion("raw", "Why is the sky blue?"), null, OPTIONS)));

        assertFalse(e.retryable());
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("model 'tinyllama' not found, try pulling it first"), e.getMessage());
        assertTrue(e.getMessage().contains("ollama pull llama3:8b"), e.getMessage());
        assertTrue(e.getMessage().contains(server.baseUrl() + "/api/generate"), e.getMessage());
    }

    @Test
    void invalidSchemaIs500WithTheServersText() {
        server.stubFor(post("/api/chat").willReturn(RecordedExchange.ollama("error-500-invalid-json-schema-in-format").withStatus(500).response()));

        BackendException e = assertThrows(BackendException.class, () -> backend(FAST)
                .generate(new GenerationRequest(CHAT, null, OPTIONS, LABELS, null)));

        assertEquals(500, e.status());
        assertTrue(e.getMessage().endsWith("HTTP 500: invalid JSON schema in format"), e.getMessage());
    }

    @Test
    void serverBusyIsRetryableAndBadRequestIsNot() {
        server.stubFor(post("/api/chat").willReturn(aResponse().withStatus(503)
                .withBody("{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}")));
        BackendException busy = assertThrows(BackendException.class, () -> backend(FAST)
                .generate(new GenerationRequest(CHAT, null, OPTIONS, null, null)));
        assertTrue(busy.retryable());
        assertTrue(busy.getMessage().contains("HTTP 503: server busy"), busy.getMessage());

        server.stubFor(post("/api/chat").willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":\"top_logprobs must be between 0 and 20\"}")));
        BackendException bad = assertThrows(BackendException.class, () -> backend(FAST)
                .generate(new GenerationRequest(CHAT, null, OPTIONS, null, 25)));
        assertFalse(bad.retryable());
        assertTrue(bad.getMessage().contains("top_logprobs must be between 0 and 20"), bad.getMessage());
    }

    /** Ollama >= 0.12.11 logprobs: no real recording exists, so the documented shape (api/types.go) is used. */
    @Test
    void logprobsAreRequestedAndStored() throws Exception {
        server.stubFor(post("/api/chat").willReturn(okJson("{\"model\":\"llama3.2\",\"created_at\":\"2025-11-20T10:00:00Z\","
                + "\"message\":{\"role\":\"assistant\",\"content\":\"positive\"},\"done\":true,\"done_reason\":\"stop\","
                + "\"logprobs\":[{\"token\":\"positive\",\"logprob\":-0.013,\"bytes\":[112,111,115,105,116,105,118,101],"
                + "\"top_logprobs\":[{\"token\":\"positive\",\"logprob\":-0.013},{\"token\":\"negative\",\"logprob\":-4.41}]}],"
                + "\"prompt_eval_count\":26,\"eval_count\":1}")));

        Reply reply = backend(FAST).generate(new GenerationRequest(CHAT, null, OPTIONS, null, 5));

        JsonNode body = sentBody("/api/chat");
        assertTrue(body.path("logprobs").asBoolean());
        assertEquals(5, body.path("top_logprobs").asInt());
        assertEquals(1, reply.logprobs().size());
        assertEquals("positive", reply.logprobs().get(0).token());
        assertEquals(-0.013, reply.logprobs().get(0).logprob(), 1e-12);
        assertEquals("negative", reply.logprobs().get(0).top().get(1).token());
        assertEquals(-4.41, reply.logprobs().get(0).top().get(1).logprob(), 1e-12);
    }

    @Test
    void preflightFindsTheModelInTheRecordedTagsOrSuggestsPull() {
        server.stubFor(get("/api/tags").willReturn(RecordedExchange.ollama("tags").response()));

        assertEquals(List.of(), backend(FAST).preflight());
        OllamaBackend missing = new OllamaBackend(ModelSpec.parse("ollama:qwen2.5:0.5b@" + server.baseUrl()), FAST, null);
        List<String> problems = missing.preflight();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("run `ollama pull qwen2.5:0.5b`"), problems.get(0));
    }

    @Test
    void preflightNamesAnUnreachableServer() {
        OllamaBackend nowhere = new OllamaBackend(ModelSpec.parse("ollama:x@http://127.0.0.1:9"), FAST, null);
        List<String> problems = nowhere.preflight();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("cannot reach Ollama at http://127.0.0.1:9"), problems.get(0));
    }

    @Test
    void preflightFlagsAPromptLongerThanTheContext() {
        server.stubFor(get("/api/tags").willReturn(okJson("{\"models\":[{\"name\":\"llama3:8b\",\"model\":\"llama3:8b\"}]}")));
        Prompt longPrompt = Prompt.chat("long", List.of(new ChatMessage("user", "word ".repeat(2000))));

        List<String> small = backend(FAST).preflight(new GenerationRequest(longPrompt, null,
                GenerationOptions.DEFAULTS.overriddenBy(new GenerationOptions(null, null, 16, null, 1024, null, null, null, null)), null, null));
        assertEquals(1, small.size());
        assertTrue(small.get(0).contains("more than context_size 1024"), small.get(0));
        assertTrue(small.get(0).contains("template 'long'"), small.get(0));

        List<String> enough = backend(FAST).preflight(new GenerationRequest(longPrompt, null,
                GenerationOptions.DEFAULTS.overriddenBy(new GenerationOptions(null, null, 16, null, 8192, null, null, null, null)), null, null));
        assertEquals(List.of(), enough);
    }

    @Test
    void describeReadsShowAndVersion() {
        server.stubFor(post("/api/show").willReturn(okJson("{\"details\":{\"format\":\"gguf\",\"family\":\"llama\","
                + "\"parameter_size\":\"8.0B\",\"quantization_level\":\"Q4_0\"},\"model_info\":{\"llama.context_length\":8192},"
                + "\"capabilities\":[\"completion\"]}")));
        server.stubFor(get("/api/version").willReturn(okJson("{\"version\":\"0.12.11\"}")));

        Map<String, Object> description = backend(FAST).describe();

        assertEquals("llama", description.get("family"));
        assertEquals("Q4_0", description.get("quantization"));
        assertEquals(8192, description.get("trained_context"));
        assertEquals("0.12.11", description.get("server_version"));
        assertEquals(List.of("completion"), description.get("capabilities"));
        server.verify(1, getRequestedFor(urlEqualTo("/api/version")));
    }

    @Test
    void ollamaHostForms() {
        assertEquals("http://localhost:11434", OllamaBackend.fromOllamaHost(null));
        assertEquals("http://0.0.0.0:11434", OllamaBackend.fromOllamaHost("0.0.0.0"));
        assertEquals("http://gpu-box:8000", OllamaBackend.fromOllamaHost("gpu-box:8000"));
        assertEquals("https://ollama.example:443", OllamaBackend.fromOllamaHost("https://ollama.example:443"));
        assertEquals("https://ollama.example.org:443", OllamaBackend.fromOllamaHost("https://ollama.example.org:443"));
    }
}
