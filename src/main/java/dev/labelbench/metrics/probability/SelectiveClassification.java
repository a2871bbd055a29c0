package dev.labelbench.metrics.probability;

import dev.labelbench.core.ProbabilityMetrics.CoveragePoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Accuracy against coverage: answer only the most confident fraction of examples (abstain on the rest) and see how
 * accurate the answers kept are. A model whose confidence means something gains accuracy as coverage falls.
 */
public final class SelectiveClassification {
    private SelectiveClassification() {
    }

    /** Points at coverage 10%, 20%, ... 100%; the most probable label is the answer, its probability the confidence. */
    public static List<CoveragePoint> curve(ProbabilityTable table, int steps) {
        int n = table.size();
        Integer[] order = new Integer[n];
        double[] confidence = new double[n];
        boolean[] correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            int top = table.argmax(i);
            confidence[i] = table.probs()[i][top];
            correct[i] = top == table.gold()[i];
        }
        // Most confident first; equal confidence keeps dataset order, so the curve is reproducible.
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -confidence[i]));
        List<CoveragePoint> points = new ArrayList<>();
        for (int s = 1; s <= steps; s++) {
            double coverage = (double) s / steps;
            int answered = (int) Math.ceil(coverage * n - 1e-9);
            if (answered == 0) {
                continue;
            }
            int right = 0;
            for (int j = 0; j < answered; j++) {
                right += correct[order[j]] ? 1 : 0;
            }
            points.add(new CoveragePoint(coverage, answered, (double) right / answered, confidence[order[answered - 1]]));
        }
        return points;
    }
}
