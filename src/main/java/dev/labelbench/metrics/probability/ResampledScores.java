package dev.labelbench.metrics.probability;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The five headline probability scores of a bootstrap resample, computed from how often each example was drawn
 * (its weight) instead of from a copied and re-sorted table. Everything that does not depend on the draw (each row's
 * loss, its calibration bin, each label's score order and tie groups) is prepared once, so a resample costs one pass
 * over the examples per label. With every weight 1 the values equal {@link ProperScores}, {@link Calibration} and
 * {@link RankingScores} on the table itself.
 */
final class ResampledScores {
    private final int n;
    private final int bins;
    private final double[] logLoss;
    private final double[] brier;
    private final int[] bin;
    private final double[] confidence;
    private final boolean[] correct;
    /** Per scored column: examples in ascending score order, and where each group of tied scores starts. */
    private final int[][] order;
    private final int[][] groupStarts;
    private final boolean[][] truth;

    ResampledScores(ProbabilityTable table, int positive, int bins) {
        this.n = table.size();
        this.bins = bins;
        logLoss = new double[n];
        brier = new double[n];
        bin = new int[n];
        confidence = new double[n];
        correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            ProbabilityTable one = table.rows(new int[] {i});
            logLoss[i] = ProperScores.logLoss(one);
            brier[i] = ProperScores.brier(one, positive);
            int top = table.argmax(i);
            confidence[i] = table.probs()[i][top];
            bin[i] = Calibration.bin(confidence[i], bins);
            correct[i] = top == table.gold()[i];
        }
        int[] columns = positive >= 0 ? new int[] {positive} : java.util.stream.IntStream.range(0, table.classes()).toArray();
        order = new int[columns.length][];
        groupStarts = new int[columns.length][];
        truth = new boolean[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            double[] scores = ThresholdAnalysis.column(table, columns[c]);
            truth[c] = ThresholdAnalysis.truth(table, columns[c]);
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, Comparator.comparingDouble(i -> scores[i]));
            order[c] = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
            int[] starts = new int[n + 1];
            int groups = 0;
            for (int j = 0; j < n; j++) {
                if (j == 0 || scores[order[c][j]] != scores[order[c][j - 1]]) {
                    starts[groups++] = j;
                }
            }
            starts[groups] = n;
            groupStarts[c] = Arrays.copyOf(starts, groups + 1);
        }
    }

    /** log loss, Brier, ECE, ROC-AUC, PR-AUC (NaN where undefined) of the resample drawing example i w[i] times. */
    double[] scores(int[] w) {
        double total = 0;
        double loss = 0;
        double squared = 0;
        double[] binCount = new double[bins];
        double[] binConfidence = new double[bins];
        double[] binCorrect = new double[bins];
        for (int i = 0; i < n; i++) {
            if (w[i] == 0) {
                continue;
            }
            total += w[i];
            loss += w[i] * logLoss[i];
            squared += w[i] * brier[i];
            binCount[bin[i]] += w[i];
            binConfidence[bin[i]] += w[i] * confidence[i];
            binCorrect[bin[i]] += correct[i] ? w[i] : 0;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (binCount[b] > 0) {
                ece += binCount[b] / total * Math.abs(binCorrect[b] / binCount[b] - binConfidence[b] / binCount[b]);
            }
        }
        double rocSum = 0;
        double prSum = 0;
        int rocN = 0;
        int prN = 0;
        for (int c = 0; c < order.length; c++) {
            double[] rocPr = rankingScores(c, w);
            if (!Double.isNaN(rocPr[0])) {
                rocSum += rocPr[0];
                rocN++;
            }
            if (!Double.isNaN(rocPr[1])) {
                prSum += rocPr[1];
                prN++;
            }
        }
        return new double[] {loss / total, squared / total, ece,
                rocN == 0 ? Double.NaN : rocSum / rocN, prN == 0 ? Double.NaN : prSum / prN};
    }

    /** Weighted Mann-Whitney ROC-AUC (ties half) and step-wise average precision of one column. */
    private double[] rankingScores(int c, int[] w) {
        int[] starts = groupStarts[c];
        int groups = starts.length - 1;
        double[] groupPositives = new double[groups];
        double[] groupNegatives = new double[groups];
        double positives = 0;
        double negatives = 0;
        for (int g = 0; g < groups; g++) {
            for (int j = starts[g]; j < starts[g + 1]; j++) {
                int i = order[c][j];
                if (truth[c][i]) {
                    groupPositives[g] += w[i];
                } else {
                    groupNegatives[g] += w[i];
                }
            }
            positives += groupPositives[g];
            negatives += groupNegatives[g];
        }
        double auc = Double.NaN;
        if (positives > 0 && negatives > 0) {
            double below = 0;
            double sum = 0;
            for (int g = 0; g < groups; g++) {
                sum += groupPositives[g] * (below + groupNegatives[g] / 2);
                below += groupNegatives[g];
            }
            auc = sum / (positives * negatives);
        }
        double ap = Double.NaN;
        if (positives > 0) {
            double tp = 0;
            double fp = 0;
            double previousRecall = 0;
            ap = 0;
            for (int g = groups - 1; g >= 0; g--) {
                if (groupPositives[g] == 0 && groupNegatives[g] == 0) {
                    continue;
                }
                tp += groupPositives[g];
                fp += groupNegatives[g];
                double recall = tp / positives;
                ap += (recall - previousRecall) * (tp / (tp + fp));
                previousRecall = recall;
            }
        }
        return new double[] {auc, ap};
    }
}
