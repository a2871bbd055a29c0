package dev.labelbench.scoring;

import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;

import java.util.List;
import java.util.Map;

/**
 * Turns a label distribution into one label: the most probable label (ties go to the earlier label in the label
 * set), or, for a binary task with a threshold, the positive label exactly when its probability reaches the threshold.
 */
public final class LabelDecision {
    private final Double threshold;
    private final String positive;
    private final String negative;

    public LabelDecision(LabelSet labels, Double threshold, String positiveLabel) {
        this.threshold = threshold;
        if (threshold == null) {
            this.positive = null;
            this.negative = null;
            return;
        }
        if (labels.size() != 2) {
            throw LabelbenchException.input("a scoring threshold needs exactly two labels, but the label set has "
                    + labels.size() + " (" + labels + "); remove the threshold or use a binary label set");
        }
        this.positive = positiveLabel(labels, positiveLabel);
        this.negative = labels.names().get(0).equals(positive) ? labels.names().get(1) : labels.names().get(0);
    }

    /**
     * The positive label of a binary task: the configured one (any spelling or alias), else the second label, as
     * scikit-learn takes the second of two sorted classes. Metrics use the same rule.
     */
    public static String positiveLabel(LabelSet labels, String configured) {
        if (configured == null) {
            return labels.names().get(labels.size() - 1);
        }
        return labels.resolve(configured).orElseThrow(() -> LabelbenchException.input("positive label '" + configured
                + "' is not one of the labels (" + labels + ")"));
    }

    public String decide(List<String> order, Map<String, Double> probabilities) {
        if (threshold != null) {
            return probabilities.get(positive) >= threshold ? positive : negative;
        }
        String best = order.get(0);
        for (String label : order) {
            if (probabilities.get(label) > probabilities.get(best)) {
                best = label;
            }
        }
        return best;
    }
}
