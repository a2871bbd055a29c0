package dev.labelbench.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;
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

/**
 * OpenAI-compatible servers through LangChain4j's OpenAiChatModel (on HTTP/1.1), served by WireMock from recorded
 * llama-server and Ollama {@code /v1} exchanges and from the documented shapes.
 */
class OpenAiBackendTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true))
            .build();

    static final BackendSettings FAST = new BackendSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 0, Duration.ZERO);
    static final LabelSet LABELS = LabelSet.ofNames(List.of("positive", "negative", "neutral"));
    static final Prompt CLASSIFY = Prompt.chat("zero-shot", List.of(
            new ChatMessage("system", "You are a sentiment classifier. Reply with exactly one word: positive, negative, or neutral."),
            new ChatMessage("user", "Text: I loved this movie, it was wonderful!\nLabel:")));
    static final GenerationOptions OPTIONS = new GenerationOptions(0.0, 42L, 8, List.of("\n"), null, 1, 0.9, null, null);
    static final String SECRET = "sk-test-0123456789abcdef";

    private OpenAiBackend backend(String name, Map<String, String> env) {
        return new OpenAiBackend(ModelSpec.parse("openai:" + name + "@" + server.baseUrl() + "/v1"), FAST, env);
    }

    private LoggedRequest sent(String path) {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(path)));
        assertEquals(1, requests.size(), "requests to " + path);
        return requests.get(0);
    }

    @Test
    void missingUrlIsAClearUsageError() {
        LabelbenchException e = assertThrows(LabelbenchException.class,
                () -> new OpenAiBackend(ModelSpec.parse("openai:qwen"), FAST, Map.of()));
        assertTrue(e.getMessage().contains("openai:qwen@http://127.0.0.1:8000/v1"), e.getMessage());
    }

    @Test
    void chatAgainstRecordedLlamaServerKeepsLogprobsAndTimings() throws Exception {
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.llamaServer("chat-grammar-labels").response()));

        Reply reply = backend("stories260K", Map.of()).generate(new GenerationRequest(CLASSIFY, null, OPTIONS, null, 3));

        assertEquals("neutral", reply.text());
        assertEquals("stop", reply.finishReason());
        assertEquals(156, reply.promptTokens());
        assertEquals(8, reply.completionTokens());
        assertEquals(1.471, reply.promptMs(), 1e-12);
        assertEquals(4.422, reply.generationMs(), 1e-12);
        assertEquals(8, reply.logprobs().size());
        assertEquals("n", reply.logprobs().get(0).token());
        assertEquals(-7.4026923179626465, reply.logprobs().get(0).logprob(), 1e-12);
        assertEquals(3, reply.logprobs().get(0).top().size());

        LoggedRequest request = sent("/v1/chat/completions");
        assertNull(request.getHeader("Upgrade"), "HTTP/1.1 only: no h2c upgrade attempt");
        assertNull(request.getHeader("HTTP2-Settings"));
        assertFalse(request.containsHeader("Authorization"), "no key configured, none sent");
        JsonNode body = HttpJsonClient.json().readTree(request.getBodyAsString());
        assertEquals("stories260K", body.path("model").asText());
        assertEquals(0.0, body.path("temperature").asDouble(-1));
        assertEquals(42, body.path("seed").asInt());
        assertEquals(8, body.path("max_tokens").asInt());
        assertEquals(0.9, body.path("top_p").asDouble());
        assertEquals(1, body.path("top_k").asInt(), "top_k goes as an extra top-level field");
        assertEquals("\n", body.path("stop").path(0).asText());
        assertTrue(body.path("logprobs").asBoolean());
        assertEquals(3, body.path("top_logprobs").asInt());
        assertFalse(body.path("stream").asBoolean(true));
        assertEquals("system", body.path("messages").path(0).path("role").asText());
        assertEquals("Text: I loved this movie, it was wonderful!\nLabel:", body.path("messages").path(1).path("content").asText());
    }

    @Test
    void constrainedChatSendsAJsonSchemaEnumAndUnwrapsTheLabel() throws Exception {
        // The reply body of a real llama-server asked for this schema (fixtures/llama-server/chat-json-schema-enum-max256).
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.llamaServer("chat-json-schema-enum-max256").response()));

        Reply reply = backend("stories260K", Map.of()).generate(new GenerationRequest(CLASSIFY, null, OPTIONS, LABELS, null));

        assertEquals("positive", reply.text());
        JsonNode format = HttpJsonClient.json().readTree(sent("/v1/chat/completions").getBodyAsString()).path("response_format");
        assertEquals("json_schema", format.path("type").asText());
        JsonNode schema = format.path("json_schema").path("schema");
        assertEquals("object", schema.path("type").asText());
        assertEquals("[\"positive\",\"negative\",\"neutral\"]", schema.path("properties").path("label").path("enum").toString());
        assertEquals("[\"label\"]", schema.path("required").toString());
    }

    @Test
    void ollamaV1ReasoningIsKeptAsThinking() throws Exception {
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.ollama("v1-chat-nonstream-reasoning-qwen3").response()));

        Reply reply = backend("qwen3", Map.of()).generate(GenerationRequest.of(CLASSIFY, null, OPTIONS));

        assertTrue(reply.text().startsWith("The answer to **2 + 2** is **4**."), reply.text());
        assertTrue(reply.thinking() != null && reply.thinking().contains("2 + 2 is 4"), reply.thinking());
        assertEquals(18, reply.promptTokens());
        assertEquals(295, reply.completionTokens());
        assertNull(reply.generationMs(), "Ollama's /v1 reports no timings");
    }

    @Test
    void apiKeyComesFromTheNamedVariableAndNeverAppearsInErrors() throws Exception {
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.ollama("cloud-v1-error-401-unauthorized").response()));
        ModelSpec spec = new ModelSpec("openai", "gpt-oss:120b", List.of(server.baseUrl() + "/v1"), null, "MY_KEY", null, null);
        OpenAiBackend backend = new OpenAiBackend(spec, FAST, Map.of("MY_KEY", SECRET, "OPENAI_API_KEY", "other"));

        BackendException e = assertThrows(BackendException.class, () -> backend.generate(GenerationRequest.of(CLASSIFY, null, OPTIONS)));

        assertEquals("Bearer " + SECRET, sent("/v1/chat/completions").getHeader("Authorization"));
        assertEquals(401, e.status());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("HTTP 401: Unauthorized (api_error)"), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(SECRET), "key leaked into " + t);
        }
    }

    @Test
    void contextLengthErrorIsNotRetried() {
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.ollama("cloud-v1-error-400-context-length").response()));

        BackendException e = assertThrows(BackendException.class,
                () -> backend("gpt-oss:120b", Map.of()).generate(GenerationRequest.of(CLASSIFY, null, OPTIONS)));

        assertEquals(400, e.status());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().startsWith("model openai:gpt-oss:120b: " + server.baseUrl() + "/v1/chat/completions: HTTP 400:"
                + " prompt too long; exceeded max context length by 1119046 tokens"), e.getMessage());
    }

    @Test
    void serverErrorsAndResetsAreRetryable() {
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.llamaServer("error-malformed-json").response()));
        BackendException e500 = assertThrows(BackendException.class,
                () -> backend("m", Map.of()).generate(GenerationRequest.of(CLASSIFY, null, OPTIONS)));
        assertEquals(500, e500.status());
        assertTrue(e500.retryable());
        assertTrue(e500.getMessage().contains("parse error"), e500.getMessage());

        server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        BackendException reset = assertThrows(BackendException.class,
                () -> backend("m", Map.of()).generate(GenerationRequest.of(CLASSIFY, null, OPTIONS)));
        assertTrue(reset.retryable(), reset.getMessage());
        assertTrue(reset.getMessage().contains(server.baseUrl() + "/v1/chat/completions"), reset.getMessage());
    }

    private OpenAiBackend streaming(String name) {
        return new OpenAiBackend(ModelSpec.parse("openai:" + name + "@" + server.baseUrl() + "/v1"), FAST.withStream(true), Map.of());
    }

    @Test
    void streamedChatFromRecordedLlamaServerKeepsUsageAndTimings() throws Exception {
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.llamaServer("chat-stream-include-usage").dribbled(9)));

        Reply reply = streaming("stories260K").generate(GenerationRequest.of(CLASSIFY, null, OPTIONS));

        assertEquals("\"Here,\"", reply.text());
        assertEquals("length", reply.finishReason());
        assertEquals(156, reply.promptTokens());
        assertEquals(6, reply.completionTokens());
        assertEquals(1.174, reply.promptMs(), 1e-12);
        assertEquals(3.61, reply.generationMs(), 1e-12);
        JsonNode body = HttpJsonClient.json().readTree(sent("/v1/chat/completions").getBodyAsString());
        assertTrue(body.path("stream").asBoolean());
        assertTrue(body.path("stream_options").path("include_usage").asBoolean());
    }

    @Test
    void streamedLogprobsAreCollected() throws Exception {
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.llamaServer("chat-stream-logprobs-top3").dribbled(7)));

        Reply reply = streaming("stories260K").generate(new GenerationRequest(CLASSIFY, null, OPTIONS, null, 3));

        assertEquals("\"He", reply.text());
        assertEquals(List.of("\"", "H", "e"), reply.logprobs().stream().map(t -> t.token()).toList());
    }

    @Test
    void streamedOllamaV1ReasoningIsKeptAsThinking() throws Exception {
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.ollama("v1-chat-stream-qwen3").dribbled(13)));

        Reply reply = streaming("qwen3").generate(GenerationRequest.of(CLASSIFY, null, OPTIONS));

        assertEquals("1  \n2  \n3", reply.text());
        assertTrue(reply.thinking().startsWith("Okay, the user wants me to count from 1 to 3."), reply.thinking());
        assertEquals(1177, reply.thinking().length());
        assertEquals(17, reply.promptTokens());
        assertEquals(289, reply.completionTokens());
    }

    @Test
    void streamedRequestErrorIsNamedLikeTheOthers() {
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.llamaServer("error-exceed-context-chat-stream").response()));

        BackendException e = assertThrows(BackendException.class,
                () -> streaming("stories260K").generate(GenerationRequest.of(CLASSIFY, null, OPTIONS)));

        assertEquals(400, e.status());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("exceeds the available context size (512 tokens)"), e.getMessage());
    }

    @Test
    void slowServerIsARetryableTimeoutNamingTheUrl() {
        server.stubFor(post("/v1/chat/completions").willReturn(okJson("{}").withFixedDelay(1500)));
        BackendSettings slow = new BackendSettings(Duration.ofSeconds(1), Duration.ofMillis(300), 0, Duration.ZERO);
        OpenAiBackend backend = new OpenAiBackend(ModelSpec.parse("openai:m@" + server.baseUrl() + "/v1"), slow, Map.of());

        BackendException e = assertThrows(BackendException.class, () -> backend.generate(GenerationRequest.of(CLASSIFY, null, OPTIONS)));

        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains(server.baseUrl() + "/v1/chat/completions: no response in time"), e.getMessage());
        server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void rawPromptGoesToCompletionsAndReadsLlamaCppLogprobs() throws Exception {
        RecordedExchange recorded = RecordedExchange.llamaServer("v1-completions-nonstream");
        server.stubFor(post("/v1/completions").willReturn(recorded.response()));

        Reply reply = backend("stories260K", Map.of()).generate(new GenerationRequest(Prompt.completion("raw", "Once upon a time"),
                null, new GenerationOptions(0.0, 42L, 8, null, null, null, null, null, null), null, 2));

        assertEquals(", there was a little girl", reply.text());
        assertEquals(8, reply.logprobs().size());
        assertEquals(" there", reply.logprobs().get(1).token());
        assertEquals(2, reply.logprobs().get(0).top().size());
        JsonNode sent = HttpJsonClient.json().readTree(sent("/v1/completions").getBodyAsString());
        recorded.assertSentAsRecorded(sent);
        assertEquals(6, sent.size(), "nothing beyond the recorded request: " + sent);
    }

    /** vLLM/OpenAI legacy completions logprobs: parallel arrays (documented shape, no recording). */
    @Test
    void legacyCompletionLogprobsAreRead() throws Exception {
        server.stubFor(post("/v1/completions").willReturn(okJson("{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"text\":\" positive\",\"finish_reason\":\"stop\",\"logprobs\":{"
                + "\"tokens\":[\" positive\"],\"token_logprobs\":[-0.1],\"top_logprobs\":[{\" positive\":-0.1,\" negative\":-2.5}],"
                + "\"text_offset\":[0]}}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":1,\"total_tokens\":13}}")));

        Reply reply = backend("m", Map.of()).generate(new GenerationRequest(Prompt.completion("raw", "Label:"), null, OPTIONS, LABELS, 2));

        assertEquals(" positive", reply.text());
        assertEquals(12, reply.promptTokens());
        assertEquals(-0.1, reply.logprobs().get(0).logprob(), 1e-12);
        assertEquals(" negative", reply.logprobs().get(0).top().get(1).token());
        JsonNode sent = HttpJsonClient.json().readTree(sent("/v1/completions").getBodyAsString());
        assertEquals("[\"positive\",\"negative\",\"neutral\"]", sent.path("guided_choice").toString());
        assertEquals(2, sent.path("logprobs").asInt());
    }

    @Test
    void preflightChecksTheServedModelsAndTheKey() {
        server.stubFor(get("/v1/models").willReturn(RecordedExchange.llamaServer("get-v1-models").response()));

        assertEquals(List.of(), backend("stories260K", Map.of()).preflight());
        List<String> wrong = backend("qwen2.5-7b", Map.of()).preflight();
        assertEquals(1, wrong.size());
        assertTrue(wrong.get(0).contains("it serves: stories260K"), wrong.get(0));

        ModelSpec keyed = new ModelSpec("openai", "stories260K", List.of(server.baseUrl() + "/v1"), null, "VLLM_KEY", null, null);
        List<String> noKey = new OpenAiBackend(keyed, FAST, Map.of()).preflight();
        assertEquals(1, noKey.size());
        assertTrue(noKey.get(0).contains("VLLM_KEY is not set"), noKey.get(0));
    }

    @Test
    void preflightNamesAnUnreachableServer() {
        List<String> problems = new OpenAiBackend(ModelSpec.parse("openai:m@http://127.0.0.1:9/v1"), FAST, Map.of()).preflight();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("cannot reach the OpenAI-compatible server for openai:m"), problems.get(0));
        assertTrue(problems.get(0).contains("http://127.0.0.1:9/v1/models"), problems.get(0));
    }
}
