package dev.labelbench.backend;

import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prompt;

/**
 * One request to a model. {@code constrainTo}, when set, asks the backend to make the reply one of these labels
 * (JSON-schema enum or grammar); {@code topLogprobs}, when set, asks for that many alternatives per token.
 */
public record GenerationRequest(Prompt prompt, GenerationOptions options, LabelSet constrainTo, Integer topLogprobs) {

    public static GenerationRequest of(Prompt prompt, GenerationOptions options) {
        return new GenerationRequest(prompt, options, null, null);
    }

    public boolean constrained() {
        return constrainTo != null;
    }
}
