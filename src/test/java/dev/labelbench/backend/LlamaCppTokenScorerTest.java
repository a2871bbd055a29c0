package dev.labelbench.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.labelbench.backend.TokenScorer.Alternatives;
import dev.labelbench.backend.TokenScorer.Token;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Prompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LlamaCppTokenScorer} against WireMock replaying real llama-server b9928 exchanges. */
class LlamaCppTokenScorerTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private LlamaCppTokenScorer scorer() {
        return new LlamaCppTokenScorer(server.baseUrl(), BackendSettings.DEFAULTS);
    }

    /** Stubs /tokenize for {@code content} to answer these tokens (with pieces, as the server does). */
    static void stubTokenize(String content, List<Token> tokens) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("tokens");
        tokens.forEach(t -> array.addObject().put("id", t.id()).put("piece", t.text()));
        server.stubFor(post("/tokenize").withRequestBody(equalToJson(
                        JSON.createObjectNode().put("content", content).toString(), true, true))
                .willReturn(LlamaServerRecording.json(200, body)));
    }

    /** The recorded split of "positive negative neutral" by stories260K's tokenizer: 16 tokens with pieces. */
    static List<Token> recordedLabelTokens() {
        List<Token> tokens = new ArrayList<>();
        for (JsonNode t : LlamaServerRecording.load("tokenize").json().path("tokens")) {
            tokens.add(new Token(t.path("id").asInt(), t.path("piece").asText()));
        }
        return tokens;
    }

    @Test
    void readsTheTopAlternativesOfTheRecordedNprobsResponseAndSendsNoGrammar() throws Exception {
        server.stubFor(post("/completion").willReturn(LlamaServerRecording.load("completion-nonstream-nprobs").response()));
        List<Token> prompt = List.of(new Token(1, "<s>"), new Token(378, " Once"));
        stubTokenize("Once upon a time", prompt);
        stubTokenize("Once upon a time,", List.of(new Token(1, "<s>"), new Token(378, " Once"), new Token(432, ",")));

        TokenScorer.Session session = scorer().open(Prompt.completion("t", "Once upon a time"), GenerationOptions.NONE);
        List<List<Token>> split = session.tokenize(List.of(",")).orElseThrow();
        assertEquals(List.of(List.of(new Token(432, ","))), split);
        Alternatives top = session.next(List.of(), 3);

        assertEquals(3, top.top().size());
        assertEquals(new Token(432, ","), top.top().get(0).token());
        assertEquals(-0.031780876219272614, top.top().get(0).logprob(), 0);
        assertEquals(" there", top.top().get(1).token().text());
        assertEquals(-8.119460105895996, top.floor(), 0);
        assertEquals(3, session.requests());
        server.verify(postRequestedFor(urlEqualTo("/completion")).withRequestBody(equalToJson(
                "{\"prompt\":[1,378],\"n_predict\":1,\"n_probs\":3,\"temperature\":0.0,\"cache_prompt\":true}")));
    }

    @Test
    void labelsAreTokenizedInTheContextOfThePromptRenderedByTheServersChatTemplate() throws Exception {
        LlamaServerRecording template = LlamaServerRecording.load("apply-template");
        server.stubFor(post("/apply-template").willReturn(template.response()));
        String rendered = template.json().path("prompt").asText();
        List<Token> promptTokens = List.of(new Token(1, "<s>"), new Token(32, "<|im_start|>"), new Token(13, "\n"));
        List<Token> labels = recordedLabelTokens();
        stubTokenize(rendered, promptTokens);
        List<Token> withPositive = new ArrayList<>(promptTokens);
        withPositive.addAll(labels.subList(0, 6));
        stubTokenize(rendered + "positive", withPositive);

        Prompt chat = Prompt.chat("t", List.of(
                new ChatMessage("system", "You are a sentiment classifier. Reply with exactly one word: positive,"
                        + " negative, or neutral."),
                new ChatMessage("user", "Text: I loved this movie, it was wonderful!\nLabel:")));
        TokenScorer.Session session = scorer().open(chat, GenerationOptions.NONE);
        List<Token> positive = session.tokenize(List.of("positive")).orElseThrow().get(0);

        assertEquals(List.of(" p", "o", "s", "it", "i", "ve"), positive.stream().map(Token::text).toList());
        assertEquals(List.of(282, 414, 419, 275, 417, 360), positive.stream().map(Token::id).toList());
        server.verify(postRequestedFor(urlEqualTo("/tokenize")).withRequestBody(equalToJson(
                "{\"content\":" + JSON.writeValueAsString(rendered + "positive")
                        + ",\"add_special\":true,\"with_pieces\":true}")));
    }

    @Test
    void whenTheTokenizerMergesThePromptsLastTokenWithALabelEveryLabelIsScoredFromBeforeIt() throws Exception {
        // "Label:" ends in ":"; suppose ": p" tokenizes as one piece. The context then stops before ":" for all labels.
        List<Token> prompt = List.of(new Token(1, "<s>"), new Token(50, "Label"), new Token(51, ":"));
        stubTokenize("Label:", prompt);
        stubTokenize("Label:pos", List.of(new Token(1, "<s>"), new Token(50, "Label"), new Token(52, ":p"),
                new Token(53, "os")));
        stubTokenize("Label:neg", List.of(new Token(1, "<s>"), new Token(50, "Label"), new Token(51, ":"),
                new Token(54, "neg")));
        TokenScorer.Session session = scorer().open(Prompt.completion("t", "Label:"), GenerationOptions.NONE);
        List<List<Token>> split = session.tokenize(List.of("pos", "neg")).orElseThrow();
        assertEquals(List.of(":p", "os"), split.get(0).stream().map(Token::text).toList());
        assertEquals(List.of(":", "neg"), split.get(1).stream().map(Token::text).toList());
    }

    @Test
    void aRecordedContextOverflowBecomesABackendErrorWithTheServersMessage() throws Exception {
        server.stubFor(post("/completion").willReturn(LlamaServerRecording.load("error-exceed-context-completion")
                .response()));
        stubTokenize("x", List.of(new Token(1, "<s>")));
        TokenScorer.Session session = scorer().open(Prompt.completion("t", "x"), GenerationOptions.NONE);
        session.tokenize(List.of());
        BackendException e = assertThrows(BackendException.class, () -> session.next(List.of(), 20));
        assertEquals(400, e.status());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("exceeds the available context size (512 tokens)"), e.getMessage());
    }

    @Test
    void preflightNamesTheUrlWhenTheServerHasNoTokenizeEndpoint() {
        server.stubFor(get("/health").willReturn(LlamaServerRecording.load("get-health").response()));
        server.stubFor(post("/tokenize").willReturn(LlamaServerRecording.load("error-unknown-endpoint").response()));
        List<String> problems = scorer().preflight();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains(server.baseUrl()) && problems.get(0).contains("/tokenize")
                && problems.get(0).contains("openai:NAME@URL"), problems.get(0));
    }

    @Test
    void preflightPassesOnTheRecordedHealthAndTokenizeAnswers() {
        server.stubFor(get("/health").willReturn(LlamaServerRecording.load("get-health").response()));
        server.stubFor(post("/tokenize").willReturn(LlamaServerRecording.load("tokenize-plain").response()));
        assertEquals(List.of(), scorer().preflight());
    }

    @Test
    void neverSendsAGrammar() throws Exception {
        readsTheTopAlternativesOfTheRecordedNprobsResponseAndSendsNoGrammar();
        server.verify(0, postRequestedFor(urlEqualTo("/completion")).withRequestBody(containing("grammar")));
        server.verify(0, postRequestedFor(urlEqualTo("/completion")).withRequestBody(containing("json_schema")));
    }
}
