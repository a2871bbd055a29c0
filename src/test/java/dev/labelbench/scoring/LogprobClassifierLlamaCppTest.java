package dev.labelbench.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.labelbench.backend.BackendSettings;
import dev.labelbench.backend.LlamaCppTokenScorer;
import dev.labelbench.backend.LlamaServerRecording;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelScoring;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole teacher-forcing sequence against a WireMock llama-server: label tokens are the real stories260K split
 * recorded in {@code tokenize.http} (where {@code negative} and {@code neutral} both start with {@code " ne"}), and
 * every {@code /completion} answer is the recorded {@code completion-nonstream-nprobs} response with its
 * {@code completion_probabilities} replaced by the distribution this test defines for that step.
 */
class LogprobClassifierLlamaCppTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMPT = "Text: I loved this movie, it was wonderful!\nLabel:";
    private static final List<Integer> CONTEXT = List.of(1, 7, 8, 9);

    @Test
    void negativeAndNeutralSharingTheirFirstTokenAreDecidedByTheRestOfTheirTokens() throws Exception {
        List<JsonNode> recorded = new ArrayList<>();
        LlamaServerRecording.load("tokenize").json().path("tokens").forEach(recorded::add);
        stubTokenize(PROMPT, List.of());
        stubTokenize(PROMPT + "positive", recorded.subList(0, 6));    // " p" "o" "s" "it" "i" "ve"
        stubTokenize(PROMPT + "negative", recorded.subList(6, 11));   // " ne" "g" "at" "i" "ve"
        stubTokenize(PROMPT + "neutral", recorded.subList(11, 16));   // " ne" "ut" "r" "a" "l"

        // After the prompt: " p" 0.3, " ne" 0.5. After " ne": "ut" 0.6, "g" 0.3. Every later step: each label
        // continuation token 0.1. By hand: positive 0.3 * 0.1^5 = 3e-6; negative 0.5 * 0.3 * 0.1^3 = 1.5e-4;
        // neutral 0.5 * 0.6 * 0.1^3 = 3e-4.
        stubStep(List.of(), Map.of(282, 0.3, 404, 0.5, 263, 0.2), 1);
        stubStep(List.of(404), Map.of(323, 0.6, 428, 0.3, 263, 0.1), 1);
        java.util.Map<Integer, Double> later = new java.util.LinkedHashMap<>();
        for (int id : new int[] {414, 419, 275, 417, 360, 294, 420, 412, 421}) {
            later.put(id, 0.1);
        }
        later.put(263, 0.1);
        stubStep(null, later, 10);

        LabelSet labels = LabelSet.ofNames(List.of("positive", "negative", "neutral"));
        LogprobClassifier classifier = new LogprobClassifier(
                new LlamaCppTokenScorer(server.baseUrl(), BackendSettings.DEFAULTS),
                new ScoringOptions(20, false, false, null, null));
        LabelDistribution d = classifier.classify(Prompt.completion("t", PROMPT), labels, GenerationOptions.NONE);

        double total = 3e-6 + 1.5e-4 + 3e-4;
        assertEquals("neutral", d.predicted());
        assertEquals(3e-4 / total, d.probabilities().get("neutral"), 1e-9);
        assertEquals(1.5e-4 / total, d.probabilities().get("negative"), 1e-9);
        assertEquals(3e-6 / total, d.probabilities().get("positive"), 1e-9);
        assertEquals(1 - total, d.outsideMass(), 1e-12);
        LabelScoring.Form negative = d.scoring().forms().get(1);
        assertEquals(List.of(" ne", "g", "at", "i", "ve"), negative.tokens());
        // One /completion per prefix-tree node: root, 5 inside positive, " ne" (shared), 3 + 3 inside the two.
        server.verify(13, postRequestedFor(urlEqualTo("/completion")));
        server.verify(1, postRequestedFor(urlEqualTo("/completion")).withRequestBody(
                matchingJsonPath("$.prompt", equalToJson("[1,7,8,9,404]"))));
        server.verify(0, postRequestedFor(urlEqualTo("/completion")).withRequestBody(containing("grammar")));
        assertEquals(17, d.scoring().requests());
    }

    private static void stubTokenize(String content, List<JsonNode> labelTokens) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode tokens = body.putArray("tokens");
        CONTEXT.forEach(id -> tokens.addObject().put("id", id).put("piece", "p" + id));
        labelTokens.forEach(tokens::add);
        server.stubFor(post("/tokenize").withRequestBody(equalToJson(
                        JSON.createObjectNode().put("content", content).toString(), true, true))
                .willReturn(LlamaServerRecording.json(200, body)));
    }

    /** The recorded /completion response, its probabilities replaced by {@code probabilities} (id -> p). */
    private static void stubStep(List<Integer> forced, Map<Integer, Double> probabilities, int priority) {
        ObjectNode body = (ObjectNode) LlamaServerRecording.load("completion-nonstream-nprobs").json();
        ArrayNode steps = body.putArray("completion_probabilities");
        ObjectNode step = steps.addObject();
        ArrayNode top = step.putArray("top_logprobs");
        probabilities.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> top.addObject().put("id", e.getKey()).put("token", "t" + e.getKey())
                        .put("logprob", Math.log(e.getValue())));
        step.put("id", top.get(0).path("id").asInt()).put("logprob", top.get(0).path("logprob").asDouble());
        var request = post("/completion").atPriority(priority);
        if (forced != null) {
            ArrayNode prompt = JSON.createArrayNode();
            CONTEXT.forEach(prompt::add);
            forced.forEach(prompt::add);
            request = request.withRequestBody(matchingJsonPath("$.prompt", equalToJson(prompt.toString())));
        }
        server.stubFor(request.willReturn(LlamaServerRecording.json(200, body)));
    }
}
