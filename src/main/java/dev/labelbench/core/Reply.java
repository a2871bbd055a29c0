package dev.labelbench.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What a model answered, with what the server said about it. Timings are in milliseconds; a null field means the
 * server did not report it. {@code thinking} holds a reasoning model's separate thinking text, never parsed as the
 * answer. {@code cached} is true when the reply was reused rather than asked for (absent otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reply(
        String text,
        String thinking,
        @JsonProperty("finish_reason") String finishReason,
        @JsonProperty("latency_ms") double latencyMs,
        @JsonProperty("prompt_tokens") Integer promptTokens,
        @JsonProperty("completion_tokens") Integer completionTokens,
        @JsonProperty("load_ms") Double loadMs,
        @JsonProperty("prompt_ms") Double promptMs,
        @JsonProperty("generation_ms") Double generationMs,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TokenLogprob> logprobs,
        Boolean cached) {

    public Reply {
        logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
    }

    /** A fresh reply from a server (not from the response cache). */
    public Reply(String text, String thinking, String finishReason, double latencyMs, Integer promptTokens,
                 Integer completionTokens, Double loadMs, Double promptMs, Double generationMs,
                 List<TokenLogprob> logprobs) {
        this(text, thinking, finishReason, latencyMs, promptTokens, completionTokens, loadMs, promptMs, generationMs,
                logprobs, null);
    }

    /**
     * This reply marked as reused (from the response cache, or shared with an identical prompt in the same run): its
     * latency is the original request's, so latency and tokens/s statistics should skip it.
     */
    public Reply asCached() {
        return new Reply(text, thinking, finishReason, latencyMs, promptTokens, completionTokens, loadMs, promptMs,
                generationMs, logprobs, Boolean.TRUE);
    }

    public boolean fromCache() {
        return Boolean.TRUE.equals(cached);
    }

    public static Reply ofText(String text, double latencyMs) {
        return new Reply(text, null, null, latencyMs, null, null, null, null, null, List.of());
    }

    /** Generated tokens per second: from the server's own generation time when known, else from the latency. */
    public Double tokensPerSecond() {
        if (completionTokens == null || completionTokens == 0) {
            return null;
        }
        double ms = generationMs != null && generationMs > 0 ? generationMs : latencyMs;
        return ms > 0 ? completionTokens * 1000.0 / ms : null;
    }
}
