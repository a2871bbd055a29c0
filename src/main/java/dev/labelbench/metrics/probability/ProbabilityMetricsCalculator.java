package dev.labelbench.metrics.probability;

import dev.labelbench.core.Interval;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.ProbabilityMetrics;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The probability metrics of one cell, a pure function of its predictions: those with a label distribution count,
 * the others (failed requests, or predictions read from generated text) are left out and counted as excluded.
 */
public final class ProbabilityMetricsCalculator {
    private final ProbabilityMetricsOptions options;

    public ProbabilityMetricsCalculator(ProbabilityMetricsOptions options) {
        this.options = options;
    }

    /** Null when no prediction of the cell has a label distribution. */
    public ProbabilityMetrics compute(List<Prediction> predictions, LabelSet labels) {
        ProbabilityTable table = ProbabilityTable.of(predictions, labels);
        if (table.size() == 0) {
            return null;
        }
        int positive = labels.size() == 2 ? labels.indexOf(positiveLabel(labels)) : -1;
        List<String> undefined = new ArrayList<>();
        Map<String, Double> rocPerLabel = new LinkedHashMap<>();
        Map<String, Double> prPerLabel = new LinkedHashMap<>();
        double[] point = headline(table, positive, rocPerLabel, prPerLabel, undefined);

        double outsideSum = 0;
        int outsideCount = 0;
        for (double o : table.outsideMass()) {
            if (!Double.isNaN(o)) {
                outsideSum += o;
                outsideCount++;
            }
        }
        return new ProbabilityMetrics(table.size(), predictions.size() - table.size(), point[0], point[1], point[2],
                nullIfNaN(point[3]), nullIfNaN(point[4]), rocPerLabel, prPerLabel,
                outsideCount == 0 ? null : outsideSum / outsideCount,
                bootstrap(table, positive),
                Calibration.reliability(table, options.bins()),
                positive >= 0 ? ThresholdAnalysis.analyse(table, positive, options.devFraction(),
                        options.targetRecall(), options.seed()) : null,
                SelectiveClassification.curve(table, 10),
                undefined);
    }

    private String positiveLabel(LabelSet labels) {
        // Same rule as scoring's LabelDecision.positiveLabel: the configured label, else the second one.
        if (options.positiveLabel() == null) {
            return labels.names().get(1);
        }
        return labels.resolve(options.positiveLabel()).orElseThrow(() -> dev.labelbench.core.LabelbenchException.input(
                "positive label '" + options.positiveLabel() + "' is not one of the labels (" + labels + ")"));
    }

    static final String[] NAMES = {"log_loss", "brier", "ece", "roc_auc", "pr_auc"};

    /**
     * log loss, Brier, ECE, ROC-AUC, PR-AUC (NaN where undefined); fills the per-label maps and the undefined list
     * when given.
     */
    private double[] headline(ProbabilityTable table, int positive, Map<String, Double> rocPerLabel,
                              Map<String, Double> prPerLabel, List<String> undefined) {
        double roc;
        double pr;
        if (positive >= 0) {
            double[] scores = ThresholdAnalysis.column(table, positive);
            boolean[] truth = ThresholdAnalysis.truth(table, positive);
            Double r = RankingScores.rocAuc(scores, truth);
            Double p = RankingScores.averagePrecision(scores, truth);
            roc = r == null ? Double.NaN : r;
            pr = p == null ? Double.NaN : p;
            if (undefined != null && r == null) {
                undefined.add("roc_auc: the examples have only one of the two labels");
            }
            if (undefined != null && p == null) {
                undefined.add("pr_auc: no example has the positive label");
            }
        } else {
            double rocSum = 0;
            double prSum = 0;
            int rocN = 0;
            int prN = 0;
            for (int k = 0; k < table.classes(); k++) {
                double[] scores = ThresholdAnalysis.column(table, k);
                boolean[] truth = ThresholdAnalysis.truth(table, k);
                Double r = RankingScores.rocAuc(scores, truth);
                Double p = RankingScores.averagePrecision(scores, truth);
                String label = table.labels().get(k);
                if (r != null) {
                    rocSum += r;
                    rocN++;
                } else if (undefined != null) {
                    undefined.add("roc_auc[" + label + "]: no example (or every example) has this label;"
                            + " left out of the macro average");
                }
                if (p != null) {
                    prSum += p;
                    prN++;
                } else if (undefined != null) {
                    undefined.add("pr_auc[" + label + "]: no example has this label; left out of the macro average");
                }
                if (rocPerLabel != null && r != null) {
                    rocPerLabel.put(label, r);
                }
                if (prPerLabel != null && p != null) {
                    prPerLabel.put(label, p);
                }
            }
            roc = rocN == 0 ? Double.NaN : rocSum / rocN;
            pr = prN == 0 ? Double.NaN : prSum / prN;
        }
        return new double[] {ProperScores.logLoss(table), ProperScores.brier(table, positive),
                Calibration.ece(table, options.bins()), roc, pr};
    }

    /**
     * Percentile bootstrap: resample examples with replacement, recompute each metric; a resample where a metric is
     * undefined (e.g. no positive example) is skipped for that metric only.
     */
    private Map<String, Interval> bootstrap(ProbabilityTable table, int positive) {
        Map<String, Interval> out = new LinkedHashMap<>();
        if (options.resamples() <= 0) {
            return out;
        }
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(options.seed());
        int n = table.size();
        ResampledScores resampled = new ResampledScores(table, positive, options.bins());
        double[][] samples = new double[NAMES.length][options.resamples()];
        int[] counts = new int[NAMES.length];
        int[] weights = new int[n];
        for (int b = 0; b < options.resamples(); b++) {
            Arrays.fill(weights, 0);
            for (int i = 0; i < n; i++) {
                weights[random.nextInt(n)]++;
            }
            double[] values = resampled.scores(weights);
            for (int m = 0; m < NAMES.length; m++) {
                if (!Double.isNaN(values[m])) {
                    samples[m][counts[m]++] = values[m];
                }
            }
        }
        for (int m = 0; m < NAMES.length; m++) {
            if (counts[m] > 0) {
                double[] sorted = Arrays.copyOf(samples[m], counts[m]);
                Arrays.sort(sorted);
                double alpha = (1 - options.level()) / 2;
                out.put(NAMES[m], new Interval(quantile(sorted, alpha), quantile(sorted, 1 - alpha), options.level(),
                        counts[m]));
            }
        }
        return out;
    }

    /** Linear interpolation between order statistics, numpy's default percentile method. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    private static Double nullIfNaN(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
