package dev.labelbench.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.labelbench.backend.TokenScorer.Alternatives;
import dev.labelbench.backend.TokenScorer.Token;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Prompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link OpenAiTokenScorer} against WireMock replaying real llama.cpp {@code /v1} exchanges. */
class OpenAiTokenScorerTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Prompt CHAT = Prompt.chat("t", List.of(
            new ChatMessage("system", "You are a sentiment classifier. Reply with exactly one word: positive, negative,"
                    + " or neutral."),
            new ChatMessage("user", "Text: I loved this movie, it was wonderful!\nLabel:")));

    private OpenAiTokenScorer scorer() {
        return new OpenAiTokenScorer(server.baseUrl() + "/v1", "stories260K", BackendSettings.DEFAULTS,
                Map.of("Authorization", "Bearer sk-test"));
    }

    @Test
    void readsTheFirstTokensAlternativesFromTheRecordedChatLogprobs() throws Exception {
        server.stubFor(post("/v1/chat/completions").willReturn(LlamaServerRecording.load("chat-logprobs-top3").response()));
        TokenScorer.Session session = scorer().open(CHAT, GenerationOptions.NONE);
        Alternatives top = session.next(List.of(), 3);

        assertEquals(List.of("\"", "H", "T"), top.top().stream().map(a -> a.token().text()).toList());
        assertEquals(436, top.top().get(0).token().id());
        assertEquals(-0.9697761535644531, top.top().get(0).logprob(), 0);
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer sk-test"))
                .withRequestBody(equalToJson("{\"model\":\"stories260K\",\"max_tokens\":1,\"temperature\":0.0,"
                        + "\"logprobs\":true,\"top_logprobs\":3}", true, true)));
    }

    @Test
    void aForcedPrefixIsSentAsAnAssistantMessageToContinue() throws Exception {
        server.stubFor(post("/v1/chat/completions").willReturn(LlamaServerRecording.load("chat-logprobs-top3").response()));
        scorer().open(CHAT, GenerationOptions.NONE).next(List.of(Token.ofText("neg")), 20);
        String messages = new ObjectMapper().writeValueAsString(List.of(
                Map.of("role", "system", "content", CHAT.messages().get(0).content()),
                Map.of("role", "user", "content", CHAT.messages().get(1).content()),
                Map.of("role", "assistant", "content", "neg")));
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(equalToJson(
                "{\"messages\":" + messages + ",\"continue_final_message\":true,\"add_generation_prompt\":false,"
                        + "\"top_logprobs\":20}", true, true)));
    }

    @Test
    void completionPromptsUseV1CompletionsAndReadLlamaCppsContentShape() throws Exception {
        server.stubFor(post("/v1/completions").willReturn(LlamaServerRecording.load("v1-completions-nonstream").response()));
        Alternatives top = scorer().open(Prompt.completion("t", "Once upon a time"), GenerationOptions.NONE)
                .next(List.of(Token.ofText(",")), 2);
        assertEquals(List.of(",", " there"), top.top().stream().map(a -> a.token().text()).toList());
        server.verify(postRequestedFor(urlEqualTo("/v1/completions")).withRequestBody(equalToJson(
                "{\"prompt\":\"Once upon a time,\",\"max_tokens\":1,\"logprobs\":2}", true, true)));
    }

    @Test
    void readsOpenAisLegacyCompletionShapeToo() throws Exception {
        // OpenAI's documented legacy shape: logprobs.top_logprobs is a list of {token: logprob} maps.
        String body = "{\"choices\":[{\"text\":\" yes\",\"logprobs\":{\"tokens\":[\" yes\"],\"token_logprobs\":[-0.1],"
                + "\"top_logprobs\":[{\" no\":-2.5,\" yes\":-0.1}],\"text_offset\":[0]}}]}";
        Alternatives top = OpenAiTokenScorer.alternatives(new ObjectMapper().readTree(body)
                .path("choices").path(0).path("logprobs"));
        assertEquals(List.of(" yes", " no"), top.top().stream().map(a -> a.token().text()).toList());
        assertEquals(-1, top.top().get(0).token().id());
    }

    @Test
    void preflightSaysWhenTheServerReturnsNoLogprobs() {
        server.stubFor(post("/v1/chat/completions").willReturn(LlamaServerRecording.load("chat-nonstream").response()));
        List<String> problems = scorer().preflight();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("answered without logprobs") && problems.get(0).contains(server.baseUrl()),
                problems.get(0));
    }

    @Test
    void preflightPassesWhenLogprobsComeBack() {
        server.stubFor(post("/v1/chat/completions").willReturn(LlamaServerRecording.load("chat-logprobs-top3").response()));
        assertEquals(List.of(), scorer().preflight());
    }

    @Test
    void aServerErrorInThePreflightIsReportedWithItsMessage() {
        server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":{\"message\":\"logprobs is not supported\",\"type\":\"invalid_request_error\"}}")));
        List<String> problems = scorer().preflight();
        assertTrue(problems.get(0).contains("logprobs is not supported"), problems.get(0));
    }
}
