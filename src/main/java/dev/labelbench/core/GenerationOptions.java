package dev.labelbench.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Generation options for a run or a model. A null field means "not set here": {@link #overriddenBy} layers a model's
 * options over the run's, and {@link #DEFAULTS} fills what nobody set (temperature 0 for a controlled evaluation).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerationOptions(
        Double temperature,
        Long seed,
        @JsonProperty("max_tokens") Integer maxTokens,
        List<String> stop,
        @JsonProperty("context_size") Integer contextSize,
        @JsonProperty("top_k") Integer topK,
        @JsonProperty("top_p") Double topP,
        Boolean think,
        @JsonProperty("keep_alive") String keepAlive) {

    public static final GenerationOptions NONE = new GenerationOptions(null, null, null, null, null, null, null, null, null);
    public static final GenerationOptions DEFAULTS = new GenerationOptions(0.0, null, 32, null, null, null, null, false, null);

    public GenerationOptions {
        stop = stop == null ? null : List.copyOf(stop);
    }

    /** These options with every field that {@code other} sets replaced by its value. */
    public GenerationOptions overriddenBy(GenerationOptions other) {
        if (other == null) {
            return this;
        }
        return new GenerationOptions(
                pick(other.temperature, temperature),
                pick(other.seed, seed),
                pick(other.maxTokens, maxTokens),
                pick(other.stop, stop),
                pick(other.contextSize, contextSize),
                pick(other.topK, topK),
                pick(other.topP, topP),
                pick(other.think, think),
                pick(other.keepAlive, keepAlive));
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
