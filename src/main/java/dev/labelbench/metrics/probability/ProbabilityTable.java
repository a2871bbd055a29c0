package dev.labelbench.metrics.probability;

import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The label distributions of one cell as a matrix: row i is an example, column k the label {@code k} of the label
 * set; {@code gold[i]} is the gold label's column. Built from the predictions that carry a distribution.
 */
public record ProbabilityTable(List<String> labels, double[][] probs, int[] gold, double[] outsideMass) {

    public static ProbabilityTable of(List<Prediction> predictions, LabelSet labelSet) {
        List<String> labels = labelSet.names();
        List<double[]> rows = new ArrayList<>();
        List<Integer> golds = new ArrayList<>();
        List<Double> outside = new ArrayList<>();
        for (Prediction prediction : predictions) {
            Map<String, Double> distribution = prediction.labelProbs();
            int gold = labels.indexOf(prediction.gold());
            if (prediction.failed() || distribution == null || gold < 0) {
                continue;
            }
            double[] row = new double[labels.size()];
            for (int k = 0; k < row.length; k++) {
                row[k] = distribution.getOrDefault(labels.get(k), 0.0);
            }
            rows.add(row);
            golds.add(gold);
            outside.add(prediction.scoring() != null ? prediction.scoring().outsideMass() : Double.NaN);
        }
        return new ProbabilityTable(List.copyOf(labels), rows.toArray(new double[0][]),
                golds.stream().mapToInt(Integer::intValue).toArray(),
                outside.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public int size() {
        return gold.length;
    }

    public int classes() {
        return labels.size();
    }

    /** The most probable label of row i (ties: the earlier label). */
    public int argmax(int i) {
        int best = 0;
        for (int k = 1; k < probs[i].length; k++) {
            if (probs[i][k] > probs[i][best]) {
                best = k;
            }
        }
        return best;
    }

    /** The rows at these indices (with repeats), for bootstrap resamples and splits. */
    public ProbabilityTable rows(int[] indices) {
        double[][] p = new double[indices.length][];
        int[] g = new int[indices.length];
        double[] o = new double[indices.length];
        for (int j = 0; j < indices.length; j++) {
            p[j] = probs[indices[j]];
            g[j] = gold[indices[j]];
            o[j] = outsideMass[indices[j]];
        }
        return new ProbabilityTable(labels, p, g, o);
    }
}
