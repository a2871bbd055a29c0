package dev.labelbench.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labelbench.core.TokenLogprob;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads per-token log-probabilities from the shape Ollama ({@code logprobs}), llama.cpp ({@code
 * completion_probabilities}, {@code choices[].logprobs.content}) and OpenAI-compatible servers share:
 * {@code [{token, logprob, top_logprobs:[{token, logprob}]}]} (llama.cpp adds {@code id} and {@code bytes}). With
 * llama.cpp's {@code post_sampling_probs} the entries carry probabilities ({@code prob}, {@code top_probs}) instead;
 * those are stored as their logarithm so every reply has the same unit.
 */
final class WireLogprobs {
    private WireLogprobs() {
    }

    static List<TokenLogprob> parse(JsonNode entries) {
        List<TokenLogprob> out = new ArrayList<>();
        if (entries == null || !entries.isArray()) {
            return out;
        }
        for (JsonNode entry : entries) {
            List<TokenLogprob.Alternative> top = new ArrayList<>();
            JsonNode alternatives = entry.has("top_logprobs") ? entry.get("top_logprobs") : entry.path("top_probs");
            for (JsonNode alternative : alternatives) {
                top.add(new TokenLogprob.Alternative(alternative.path("token").asText(), logprobOf(alternative)));
            }
            out.add(new TokenLogprob(entry.path("token").asText(), logprobOf(entry), top));
        }
        return out;
    }

    /**
     * The {@code logprobs} of a legacy {@code /v1/completions} choice: llama.cpp answers with the chat shape
     * ({@code content[]}), OpenAI and vLLM with parallel arrays ({@code tokens}, {@code token_logprobs},
     * {@code top_logprobs} as one token-to-logprob object per position).
     */
    static List<TokenLogprob> parseCompletionLogprobs(JsonNode logprobs) {
        if (logprobs.path("content").isArray()) {
            return parse(logprobs.get("content"));
        }
        List<TokenLogprob> out = new ArrayList<>();
        JsonNode tokens = logprobs.path("tokens");
        for (int i = 0; i < tokens.size(); i++) {
            List<TokenLogprob.Alternative> top = new ArrayList<>();
            logprobs.path("top_logprobs").path(i).properties().forEach(alternative -> top.add(
                    new TokenLogprob.Alternative(alternative.getKey(), clamp(alternative.getValue()))));
            out.add(new TokenLogprob(tokens.get(i).asText(), clamp(logprobs.path("token_logprobs").path(i)), top));
        }
        return out;
    }

    private static double clamp(JsonNode value) {
        double logprob = value.isNumber() ? value.asDouble() : Double.NEGATIVE_INFINITY;
        return Double.isFinite(logprob) ? logprob : -Double.MAX_VALUE;
    }

    /**
     * An impossible token (probability 0; some servers send null for its -inf logprob) is clamped to the lowest
     * finite double, as llama.cpp does, because JSON has no infinity and results.jsonl must stay valid JSON.
     */
    private static double logprobOf(JsonNode node) {
        double value = Double.NEGATIVE_INFINITY;
        if (node.path("logprob").isNumber()) {
            value = node.get("logprob").asDouble();
        } else if (node.path("prob").isNumber()) {
            value = Math.log(node.get("prob").asDouble());
        }
        return Double.isFinite(value) ? value : -Double.MAX_VALUE;
    }
}
