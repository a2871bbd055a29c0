package dev.labelbench.metrics.probability;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How well a score ranks positives above negatives, threshold-free: ROC-AUC and average precision (the area under the
 * precision-recall curve as scikit-learn computes it). Both return null where undefined (no positives, or for ROC-AUC
 * no negatives).
 */
public final class RankingScores {
    private RankingScores() {
    }

    /** ROC-AUC as the Mann-Whitney statistic: the chance a random positive outscores a random negative (ties half). */
    public static Double rocAuc(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = sortedAscending(scores);
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = averageRank;
            }
            i = j + 1;
        }
        long positives = 0;
        double rankSum = 0;
        for (int k = 0; k < n; k++) {
            if (positive[k]) {
                positives++;
                rankSum += ranks[k];
            }
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Average precision: sum over the distinct score thresholds, from the highest, of (recall gained) x precision,
     * as scikit-learn's {@code average_precision_score} (a step function, no interpolation).
     */
    public static Double averagePrecision(double[] scores, boolean[] positive) {
        int n = scores.length;
        long totalPositives = 0;
        for (boolean p : positive) {
            totalPositives += p ? 1 : 0;
        }
        if (totalPositives == 0) {
            return null;
        }
        Integer[] order = sortedAscending(scores);
        double ap = 0;
        double previousRecall = 0;
        long tp = 0;
        long fp = 0;
        int i = n - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            for (int k = j; k <= i; k++) {
                if (positive[order[k]]) {
                    tp++;
                } else {
                    fp++;
                }
            }
            double recall = (double) tp / totalPositives;
            double precision = (double) tp / (tp + fp);
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
            i = j - 1;
        }
        return ap;
    }

    private static Integer[] sortedAscending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }
}
