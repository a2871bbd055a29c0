package dev.labelbench.backend.embedded;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the embedded classifier decided for one text: the label, each label's raw score (cosine similarity to the
 * label's prototype, or for k-NN the similarity-weighted share of the votes) and a probability per label derived from
 * the scores (in label order, summing to 1; a softmax of similarities is not calibrated, treat it as a ranking).
 */
public record Classification(String label, Map<String, Double> scores, Map<String, Double> probabilities) {
    public Classification {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
    }
}
