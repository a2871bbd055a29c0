package dev.labelbench.backend;

import dev.labelbench.core.Example;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prompt;

/**
 * One request to a model: the rendered prompt and the example it was rendered from (backends that classify the text
 * itself, such as the embedded baseline, read the example). {@code constrainTo}, when set, asks the backend to make the
 * reply one of these labels (JSON-schema enum or grammar); {@code topLogprobs}, when set, asks for that many
 * alternatives per generated token. {@code showsExamples} is true when the prompt's template shows the labelled
 * few-shot examples, so a backend that learns from examples itself (the embedded baseline) knows to use them.
 */
public record GenerationRequest(Prompt prompt, Example example, GenerationOptions options, LabelSet constrainTo,
                                Integer topLogprobs, boolean showsExamples) {

    public GenerationRequest(Prompt prompt, Example example, GenerationOptions options, LabelSet constrainTo,
                             Integer topLogprobs) {
        this(prompt, example, options, constrainTo, topLogprobs, false);
    }

    public static GenerationRequest of(Prompt prompt, Example example, GenerationOptions options) {
        return new GenerationRequest(prompt, example, options, null, null);
    }

    public boolean constrained() {
        return constrainTo != null;
    }
}
