package dev.labelbench.backend;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.labelbench.backend.TokenScorer.Alternatives;
import dev.labelbench.backend.TokenScorer.Token;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Prompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OllamaTokenScorer} against WireMock. No Ollama logprobs exchange was recorded (the recorded server predates
 * 0.12.11), so the response follows Ollama's {@code api/types.go} {@code Logprob} type as quoted in the API brief.
 */
class OllamaTokenScorerTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String RESPONSE = "{\"model\":\"qwen2.5:0.5b\",\"created_at\":\"2026-11-25T10:00:00Z\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"negative\"},\"done\":true,\"done_reason\":\"length\","
            + "\"logprobs\":[{\"token\":\"negative\",\"logprob\":-0.2,\"bytes\":[110,101,103,97,116,105,118,101],"
            + "\"top_logprobs\":[{\"token\":\"negative\",\"logprob\":-0.2},{\"token\":\"Negative\",\"logprob\":-2.1},"
            + "{\"token\":\"neutral\",\"logprob\":-3.0}]}],\"eval_count\":1}";

    private OllamaTokenScorer scorer() {
        return new OllamaTokenScorer(server.baseUrl(), "qwen2.5:0.5b", BackendSettings.DEFAULTS);
    }

    @Test
    void chatPromptsAskApiChatForOneTokenWithTopLogprobsAndContinueAForcedPrefix() throws Exception {
        server.stubFor(post("/api/chat").willReturn(okJson(RESPONSE)));
        Prompt chat = Prompt.chat("t", List.of(new ChatMessage("user", "Text: awful\nLabel:")));
        Alternatives top = scorer().open(chat, GenerationOptions.NONE).next(List.of(Token.ofText("neg")), 50);

        assertEquals(List.of("negative", "Negative", "neutral"), top.top().stream().map(a -> a.token().text()).toList());
        assertEquals(-0.2, top.top().get(0).logprob(), 0);
        server.verify(postRequestedFor(urlEqualTo("/api/chat")).withRequestBody(equalToJson(
                "{\"model\":\"qwen2.5:0.5b\",\"messages\":[{\"role\":\"user\",\"content\":\"Text: awful\\nLabel:\"},"
                        + "{\"role\":\"assistant\",\"content\":\"neg\"}],\"stream\":false,\"think\":false,"
                        + "\"logprobs\":true,\"top_logprobs\":20,"
                        + "\"options\":{\"temperature\":0.0,\"num_predict\":1}}")));
    }

    @Test
    void completionPromptsUseRawGenerate() throws Exception {
        server.stubFor(post("/api/generate").willReturn(okJson(RESPONSE)));
        scorer().open(Prompt.completion("t", "Label:"), GenerationOptions.NONE).next(List.of(Token.ofText(" ne")), 5);
        server.verify(postRequestedFor(urlEqualTo("/api/generate")).withRequestBody(equalToJson(
                "{\"prompt\":\"Label: ne\",\"raw\":true,\"logprobs\":true,\"top_logprobs\":5}", true, true)));
    }

    @Test
    void preflightRefusesAnOllamaTooOldForLogprobs() {
        server.stubFor(get("/api/version").willReturn(okJson("{\"version\":\"0.12.10\"}")));
        List<String> problems = scorer().preflight();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("0.12.10") && problems.get(0).contains("0.12.11"), problems.get(0));
        server.stubFor(get("/api/version").willReturn(okJson("{\"version\":\"0.13.0\"}")));
        assertEquals(List.of(), scorer().preflight());
    }

    @Test
    void versionsCompareNumerically() {
        int[] min = {0, 12, 11};
        assertTrue(OllamaTokenScorer.atLeast("0.12.11", min));
        assertTrue(OllamaTokenScorer.atLeast("0.12.12-rc0", min));
        assertTrue(OllamaTokenScorer.atLeast("1.0.0", min));
        assertTrue(OllamaTokenScorer.atLeast("0.13", min));
        assertFalse(OllamaTokenScorer.atLeast("0.12.9", min));
        assertFalse(OllamaTokenScorer.atLeast("0.9.20", min));
        assertFalse(OllamaTokenScorer.atLeast("", min));
    }

    @Test
    void anErrorInsideA200AnswerIsABackendError() {
        server.stubFor(post("/api/generate").willReturn(aResponse().withStatus(200)
                .withBody("{\"error\":\"model runner has unexpectedly stopped\"}")));
        BackendException e = org.junit.jupiter.api.Assertions.assertThrows(BackendException.class,
                () -> scorer().open(Prompt.completion("t", "x"), GenerationOptions.NONE).next(List.of(), 5));
        assertTrue(e.getMessage().contains("unexpectedly stopped"), e.getMessage());
    }
}
