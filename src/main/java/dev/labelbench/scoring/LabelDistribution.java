package dev.labelbench.scoring;

import dev.labelbench.core.LabelScoring;

import java.util.Map;

/**
 * What logprob scoring made of one example: a probability for every label (renormalised over the label set, in label
 * order, summing to 1), the label predicted from them, and how they were obtained (forms, tokens, mass outside the
 * label set) for {@code results.jsonl}.
 */
public record LabelDistribution(Map<String, Double> probabilities, String predicted, LabelScoring scoring) {
    public LabelDistribution {
        probabilities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(probabilities));
    }

    /** The probability of the predicted label. */
    public double confidence() {
        return probabilities.get(predicted);
    }

    public double outsideMass() {
        return scoring.outsideMass();
    }
}
