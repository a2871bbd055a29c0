package dev.labelbench.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a binary task decides from label probabilities ({@code scoring: logprob}): which label is the positive one
 * (default: the second), an optional fixed threshold on its probability (default: the most probable label wins), and
 * an optional recall the threshold chosen on the dev split must reach.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BinaryDecision(
        @JsonProperty("positive_label") String positiveLabel,
        Double threshold,
        @JsonProperty("target_recall") Double targetRecall) {

    public static final BinaryDecision DEFAULT = new BinaryDecision(null, null, null);

    /** Problems with the values, each one line; empty when they are usable with these labels. */
    public java.util.List<String> problems(LabelSet labels, String where) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (positiveLabel != null && labels != null && labels.resolve(positiveLabel).isEmpty()) {
            problems.add(where + ": decision.positive_label '" + positiveLabel + "' is not a label (" + labels + ")");
        }
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            problems.add(where + ": decision.threshold must be between 0 and 1, got " + threshold);
        }
        if (targetRecall != null && !(targetRecall > 0 && targetRecall <= 1)) {
            problems.add(where + ": decision.target_recall must be in (0, 1], got " + targetRecall);
        }
        return problems;
    }
}
