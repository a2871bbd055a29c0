package dev.labelbench.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import dev.labelbench.core.TokenLogprob;
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
 * llama-server, served by WireMock from the exchanges recorded against a real llama.cpp b9928
 * (../shared/fixtures/llama-server). Requests labelbench sends are compared field by field with the recorded requests
 * that produced those responses.
 */
class LlamaCppBackendTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true))
            .build();

    static final BackendSettings FAST = new BackendSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 0, Duration.ZERO);
    static final LabelSet LABELS = LabelSet.ofNames(List.of("positive", "negative", "neutral"));
    /** The prompt of the recordings. */
    static final Prompt CLASSIFY = Prompt.chat("zero-shot", List.of(
            new ChatMessage("system", "You are a sentiment classifier. Reply with exactly one word: positive, negative, or neutral."),
            new ChatMessage("user", "Text: I loved this movie, it was wonderful!\nLabel:")));
    static final GenerationOptions GREEDY_8 = new GenerationOptions(0.0, 42L, 8, null, null, null, null, null, null);

    private LlamaCppBackend backend(BackendSettings settings) {
        return new LlamaCppBackend(ModelSpec.parse("llamacpp:stories260K@" + server.baseUrl()), settings);
    }

    private JsonNode sentBody(String path) throws Exception {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(path)));
        assertEquals(1, requests.size(), "requests to " + path);
        return HttpJsonClient.json().readTree(requests.get(0).getBodyAsString());
    }

    @Test
    void missingUrlIsAClearUsageError() {
        LabelbenchException e = assertThrows(LabelbenchException.class,
                () -> new LlamaCppBackend(ModelSpec.parse("llamacpp:qwen"), FAST));
        assertTrue(e.getMessage().contains("llamacpp:qwen@http://127.0.0.1:8080"), e.getMessage());
    }

    @Test
    void chatReplyCarriesUsageAndTimings() throws Exception {
        RecordedExchange recorded = RecordedExchange.llamaServer("chat-nonstream");
        server.stubFor(post("/v1/chat/completions").willReturn(recorded.response()));

        Reply reply = backend(FAST).generate(GenerationRequest.of(CLASSIFY, null, GREEDY_8));

        assertEquals("\"Here,\" said the", reply.text());
        assertEquals("length", reply.finishReason());
        assertEquals(156, reply.promptTokens());
        assertEquals(8, reply.completionTokens());
        assertEquals(9.247, reply.promptMs(), 1e-12);
        assertEquals(5.135, reply.generationMs(), 1e-12);
        assertNull(reply.loadMs());
        JsonNode sent = sentBody("/v1/chat/completions");
        recorded.assertSentAsRecorded(sent);
        assertTrue(sent.path("cache_prompt").asBoolean(), "cache_prompt is sent explicitly");
        assertFalse(sent.has("stream"));
        assertFalse(sent.has("grammar"));
    }

    @Test
    void grammarAdmitsExactlyTheLabelsAndLogprobsAreStored() throws Exception {
        RecordedExchange recorded = RecordedExchange.llamaServer("chat-grammar-labels");
        server.stubFor(post("/v1/chat/completions").willReturn(recorded.response()));

        Reply reply = backend(FAST).generate(new GenerationRequest(CLASSIFY, null, GREEDY_8, LABELS, 3));

        assertEquals("neutral", reply.text());
        assertEquals("stop", reply.finishReason());
        JsonNode sent = sentBody("/v1/chat/completions");
        recorded.assertSentAsRecorded(sent); // includes grammar, logprobs:true and top_logprobs:3
        assertEquals("root ::= \"positive\" | \"negative\" | \"neutral\"", sent.path("grammar").asText());
        List<TokenLogprob> logprobs = reply.logprobs();
        assertEquals(8, logprobs.size(), "7 pieces of 'neutral' + the EOS");
        assertEquals("n", logprobs.get(0).token());
        assertEquals(-7.4026923179626465, logprobs.get(0).logprob(), 1e-12);
        assertEquals(3, logprobs.get(0).top().size());
        assertEquals("\"", logprobs.get(0).top().get(0).token(), "pre-grammar alternatives, as the server reports them");
        assertEquals("", logprobs.get(7).token());
    }

    @Test
    void streamedChatWithUsageChunkIsReassembled() throws Exception {
        RecordedExchange recorded = RecordedExchange.llamaServer("chat-grammar-labels-stream");
        server.stubFor(post("/v1/chat/completions").willReturn(recorded.dribbled(13)));

        Reply reply = backend(FAST.withStream(true)).generate(new GenerationRequest(CLASSIFY, null, GREEDY_8, LABELS, null));

        assertEquals("neutral", reply.text());
        assertEquals("stop", reply.finishReason());
        assertEquals(156, reply.promptTokens());
        assertEquals(8, reply.completionTokens());
        assertEquals(1.349, reply.promptMs(), 1e-12);
        assertEquals(4.821, reply.generationMs(), 1e-12);
        recorded.assertSentAsRecorded(sentBody("/v1/chat/completions"));
    }

    @Test
    void streamedChatWithoutUsageTakesCountsFromTimings() throws Exception {
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.llamaServer("chat-stream-no-usage").dribbled(7)));

        Reply reply = backend(FAST.withStream(true)).generate(GenerationRequest.of(CLASSIFY, null, GREEDY_8));

        assertEquals("\"Here", reply.text());
        assertEquals(73, reply.promptTokens(), "prompt_n 62 + cache_n 11");
        assertEquals(4, reply.completionTokens());
    }

    @Test
    void streamedLogprobsAreCollectedAcrossChunks() throws Exception {
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.llamaServer("chat-stream-logprobs-top3").dribbled(9)));

        Reply reply = backend(FAST.withStream(true)).generate(new GenerationRequest(CLASSIFY, null, GREEDY_8, null, 3));

        assertEquals("\"He", reply.text());
        assertEquals(3, reply.logprobs().size());
        assertEquals(List.of("\"", "H", "e"), reply.logprobs().stream().map(TokenLogprob::token).toList());
        assertEquals(3, reply.logprobs().get(0).top().size());
    }

    @Test
    void rawPromptGoesToNativeCompletionWithNProbs() throws Exception {
        RecordedExchange recorded = RecordedExchange.llamaServer("completion-nonstream-nprobs");
        server.stubFor(post("/completion").willReturn(recorded.response()));

        Reply reply = backend(FAST).generate(new GenerationRequest(Prompt.completion("raw", "Once upon a time"), null,
                GREEDY_8, null, 3));

        assertEquals(", there was a little girl", reply.text());
        assertEquals("length", reply.finishReason(), "stop_type limit");
        assertEquals(5, reply.promptTokens());
        assertEquals(8, reply.completionTokens());
        assertEquals(1.023, reply.promptMs(), 1e-12);
        assertEquals(2.028, reply.generationMs(), 1e-12);
        assertEquals(8, reply.logprobs().size());
        assertEquals(",", reply.logprobs().get(0).token());
        assertEquals(-0.031780876219272614, reply.logprobs().get(0).logprob(), 1e-15);
        assertEquals(" there", reply.logprobs().get(0).top().get(1).token());
        JsonNode sent = sentBody("/completion");
        recorded.assertSentAsRecorded(sent, "cache_prompt");
        assertTrue(sent.path("cache_prompt").asBoolean());
        assertFalse(sent.has("messages"));
    }

    @Test
    void nativeStreamWithoutDoneEndsAtStopTrue() throws Exception {
        RecordedExchange recorded = RecordedExchange.llamaServer("completion-stream-nprobs");
        server.stubFor(post("/completion").willReturn(recorded.dribbled(11)));

        Reply reply = backend(FAST.withStream(true)).generate(new GenerationRequest(Prompt.completion("raw", "Once upon a time"),
                null, new GenerationOptions(0.0, 42L, 6, null, null, null, null, null, null), null, 3));

        assertEquals(", there was a little g", reply.text());
        assertEquals("length", reply.finishReason());
        assertEquals(6, reply.completionTokens());
        assertEquals(1.698, reply.generationMs(), 1e-12);
        assertEquals(6, reply.logprobs().size());
        recorded.assertSentAsRecorded(sentBody("/completion"), "cache_prompt");
    }

    @Test
    void nativeGrammarReplyIsALabel() throws Exception {
        RecordedExchange recorded = RecordedExchange.llamaServer("completion-grammar-labels");
        server.stubFor(post("/completion").willReturn(recorded.response()));

        Reply reply = backend(FAST).generate(new GenerationRequest(
                Prompt.completion("raw", "Text: I loved this movie, it was wonderful!\nLabel:"), null, GREEDY_8, LABELS, 3));

        assertEquals("positive", reply.text());
        assertEquals("stop", reply.finishReason(), "stop_type eos");
        recorded.assertSentAsRecorded(sentBody("/completion"));
    }

    @Test
    void postSamplingProbabilitiesAreStoredAsLogprobs() throws Exception {
        server.stubFor(post("/completion").willReturn(
                RecordedExchange.llamaServer("completion-grammar-labels-post-sampling-probs-t1").response()));

        Reply reply = backend(FAST).generate(new GenerationRequest(
                Prompt.completion("raw", "Text: I loved this movie, it was wonderful!\nLabel:"), null, GREEDY_8, LABELS, 3));

        assertEquals("neutral", reply.text());
        assertEquals(Math.log(0.4704604148864746), reply.logprobs().get(0).logprob(), 1e-12);
        assertEquals("p", reply.logprobs().get(0).top().get(0).token());
        assertEquals(Math.log(0.5293993353843689), reply.logprobs().get(0).top().get(0).logprob(), 1e-12);
    }

    @Test
    void contextOverflowIsA400NamedPreciselyAndNotRetried() {
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.llamaServer("error-exceed-context-chat").response()));

        BackendException e = assertThrows(BackendException.class,
                () -> backend(FAST).generate(GenerationRequest.of(CLASSIFY, null, GREEDY_8)));

        assertFalse(e.retryable());
        assertEquals(400, e.status());
        assertEquals("model llamacpp:stories260K: " + server.baseUrl() + "/v1/chat/completions: HTTP 400: request (1721 tokens)"
                + " exceeds the available context size (512 tokens), try increasing it (exceed_context_size_error)", e.getMessage());
    }

    @Test
    void streamedRequestOverflowingTheContextGetsThePlain400() {
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.llamaServer("error-exceed-context-chat-stream").response()));

        BackendException e = assertThrows(BackendException.class,
                () -> backend(FAST.withStream(true)).generate(GenerationRequest.of(CLASSIFY, null, GREEDY_8)));

        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("exceed_context_size_error"), e.getMessage());
    }

    @Test
    void everyRecordedErrorShapeIsNamedWithTheServersText() {
        record Case(String fixture, String path, int status, boolean retryable, String text) {
        }
        List<Case> cases = List.of(
                new Case("error-malformed-json", "/v1/chat/completions", 500, true, "[json.exception.parse_error.101] parse error at line 1, column 82"),
                new Case("error-malformed-json-completion", "/completion", 500, true, "parse error"),
                new Case("error-empty-body", "/v1/chat/completions", 500, true, "parse error"),
                new Case("error-invalid-grammar-undefined-rule", "/v1/chat/completions", 400, false, "Failed to initialize samplers: failed to parse grammar (invalid_request_error)"),
                new Case("error-invalid-grammar-unterminated", "/v1/chat/completions", 400, false, "failed to parse grammar"),
                new Case("error-invalid-json-schema", "/v1/chat/completions", 400, false, "JSON schema conversion failed"),
                new Case("error-unsupported-response-format-type", "/v1/chat/completions", 400, false, "response_format"),
                new Case("error-wrong-type-max-tokens", "/v1/chat/completions", 400, false, "Field 'max_tokens'"),
                new Case("error-wrong-type-messages", "/v1/chat/completions", 400, false, "Expected 'messages' to be an array"),
                new Case("error-wrong-type-temperature", "/v1/chat/completions", 400, false, "temperature"),
                new Case("error-missing-messages", "/v1/chat/completions", 400, false, "'messages' is required"),
                new Case("error-unknown-endpoint", "/v1/chat/completions", 404, false, "File Not Found (not_found_error)"),
                new Case("error-exceed-context-completion", "/completion", 400, false, "exceeds the available context size"));
        for (Case c : cases) {
            server.resetAll();
            server.stubFor(post(c.path()).willReturn(RecordedExchange.llamaServer(c.fixture()).response()));
            Prompt prompt = c.path().equals("/completion") ? Prompt.completion("raw", "hi") : CLASSIFY;
            BackendException e = assertThrows(BackendException.class,
                    () -> backend(FAST).generate(GenerationRequest.of(prompt, null, GREEDY_8)), c.fixture());
            assertEquals(c.status(), e.status(), c.fixture());
            assertEquals(c.retryable(), e.retryable(), c.fixture());
            assertTrue(e.getMessage().contains(c.text()), c.fixture() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(server.baseUrl() + c.path()), c.fixture() + ": " + e.getMessage());
        }
    }

    @Test
    void errorsCloseTheConnectionAndTheNextRequestStillWorks() throws Exception {
        LlamaCppBackend backend = backend(FAST);
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.llamaServer("error-exceed-context-chat").response()));
        assertThrows(BackendException.class, () -> backend.generate(GenerationRequest.of(CLASSIFY, null, GREEDY_8)));
        server.stubFor(post("/v1/chat/completions").willReturn(RecordedExchange.llamaServer("chat-nonstream").response()));

        Reply reply = backend.generate(GenerationRequest.of(CLASSIFY, null, GREEDY_8));

        assertEquals("\"Here,\" said the", reply.text());
    }

    @Test
    void errorEventInsideAStreamFailsTheRequest() {
        server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody("data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\"ne\"}}]}\n\n"
                        + "data: {\"error\":{\"code\":500,\"message\":\"slot unavailable\",\"type\":\"server_error\"}}\n\n")
                .withChunkedDribbleDelay(4, 40)));

        BackendException e = assertThrows(BackendException.class,
                () -> backend(FAST.withStream(true)).generate(GenerationRequest.of(CLASSIFY, null, GREEDY_8)));

        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("slot unavailable (server_error)"), e.getMessage());
    }

    @Test
    void sseCommentPingsAreIgnored() throws Exception {
        server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(": ping\n\ndata: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\"neg\"}}]}\n\n"
                        + ": ping\n\ndata: {\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{\"content\":\"ative\"}}]}\n\n"
                        + "data: [DONE]\n\n")));

        Reply reply = backend(FAST.withStream(true)).generate(GenerationRequest.of(CLASSIFY, null, GREEDY_8));

        assertEquals("negative", reply.text());
        assertEquals("stop", reply.finishReason());
    }

    private void stubServerInfo() {
        server.stubFor(get("/health").willReturn(RecordedExchange.llamaServer("get-health").response()));
        server.stubFor(get("/props").willReturn(RecordedExchange.llamaServer("get-props").response()));
        server.stubFor(get("/v1/models").willReturn(RecordedExchange.llamaServer("get-v1-models").response()));
        server.stubFor(post("/apply-template").willReturn(RecordedExchange.llamaServer("apply-template").response()));
    }

    @Test
    void preflightCountsTokensWithTheServersTemplateAndTokenizer() throws Exception {
        stubServerInfo();
        server.stubFor(post("/tokenize").willReturn(RecordedExchange.llamaServer("tokenize-plain").response()));

        assertEquals(List.of(), backend(FAST).preflight(GenerationRequest.of(CLASSIFY, null, GREEDY_8)));

        JsonNode tokenized = sentBody("/tokenize");
        assertTrue(tokenized.path("content").asText().startsWith("<|im_start|>system\nYou are a sentiment classifier."),
                "the prompt is counted as the chat template renders it");
        JsonNode applied = sentBody("/apply-template");
        assertEquals("system", applied.path("messages").path(0).path("role").asText());
    }

    @Test
    void preflightFlagsAPromptLongerThanOneSlotsContext() {
        stubServerInfo();
        StringBuilder tokens = new StringBuilder("{\"tokens\":[1");
        for (int i = 0; i < 509; i++) {
            tokens.append(",7");
        }
        server.stubFor(post("/tokenize").willReturn(okJson(tokens.append("]}").toString())));

        List<String> problems = backend(FAST).preflight(GenerationRequest.of(CLASSIFY, null, GREEDY_8));

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("510 tokens plus 8 to generate, more than the 512-token context of each of"
                + " the server's 4 slots"), problems.get(0));
        assertTrue(problems.get(0).contains("-c 2072"), problems.get(0));
    }

    @Test
    void preflightNamesAnUnreachableServer() {
        List<String> problems = new LlamaCppBackend(ModelSpec.parse("llamacpp:m@http://127.0.0.1:9"), FAST)
                .preflight(GenerationRequest.of(CLASSIFY, null, GREEDY_8));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("cannot use llama-server at http://127.0.0.1:9"), problems.get(0));
    }

    @Test
    void describeReportsSlotsContextTemplateAndBuild() {
        stubServerInfo();

        Map<String, Object> description = backend(FAST).describe();

        assertEquals(4, description.get("slots"));
        assertEquals(512, description.get("slot_context"));
        assertEquals("b9928-81ff7abe5", description.get("build"));
        assertEquals(2048, description.get("trained_context"));
        assertEquals(292800L, description.get("parameters"));
        assertTrue(((String) description.get("chat_template")).contains("<|im_start|>"));
    }

    @Test
    void openAiStyleBaseUrlIsAccepted() {
        LlamaCppBackend backend = new LlamaCppBackend(ModelSpec.parse("llamacpp:m@http://127.0.0.1:8080/v1/"), FAST);
        assertEquals("http://127.0.0.1:8080", backend.baseUrl());
    }
}
