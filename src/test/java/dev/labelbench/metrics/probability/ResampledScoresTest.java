package dev.labelbench.metrics.probability;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bootstrap's fast path (weights instead of copied rows) must give exactly what the scikit-learn-checked
 * functions give on the resample written out row by row, ties and repeated rows included.
 */
class ResampledScoresTest {

    @Test
    void weightedScoresEqualTheScoresOfTheResampleWrittenOut() {
        Random random = new Random(17);
        for (int trial = 0; trial < 200; trial++) {
            int classes = trial % 2 == 0 ? 2 : 2 + random.nextInt(5);
            int n = 3 + random.nextInt(60);
            double[][] probs = new double[n][classes];
            int[] gold = new int[n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    probs[i][k] = Math.round(random.nextDouble() * 4) + 0.5; // few distinct values: many ties
                    sum += probs[i][k];
                }
                for (int k = 0; k < classes; k++) {
                    probs[i][k] /= sum;
                }
                gold[i] = random.nextInt(classes);
            }
            List<String> labels = new ArrayList<>();
            for (int k = 0; k < classes; k++) {
                labels.add("l" + k);
            }
            ProbabilityTable table = new ProbabilityTable(labels, probs, gold, new double[n]);
            int positive = classes == 2 ? 1 : -1;
            int[] weights = new int[n];
            int[] drawn = new int[n];
            for (int j = 0; j < n; j++) {
                drawn[j] = random.nextInt(n);
                weights[drawn[j]]++;
            }
            ProbabilityTable resample = table.rows(drawn);
            double[] fast = new ResampledScores(table, positive, 10).scores(weights);
            double[] expected = {ProperScores.logLoss(resample), ProperScores.brier(resample, positive),
                    Calibration.ece(resample, 10), macro(resample, positive, true), macro(resample, positive, false)};
            for (int m = 0; m < expected.length; m++) {
                assertEquals(expected[m], fast[m], 1e-12, "trial " + trial + " metric " + ProbabilityMetricsCalculator.NAMES[m]);
            }
        }
    }

    private static double macro(ProbabilityTable table, int positive, boolean roc) {
        int[] columns = positive >= 0 ? new int[] {positive} : java.util.stream.IntStream.range(0, table.classes()).toArray();
        double sum = 0;
        int count = 0;
        for (int c : columns) {
            double[] scores = ThresholdAnalysis.column(table, c);
            boolean[] truth = ThresholdAnalysis.truth(table, c);
            Double value = roc ? RankingScores.rocAuc(scores, truth) : RankingScores.averagePrecision(scores, truth);
            if (value != null) {
                sum += value;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
