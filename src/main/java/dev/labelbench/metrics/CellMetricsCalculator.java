package dev.labelbench.metrics;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.Performance;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.Reply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Computes a cell's metrics from its predictions: a pure function of the run log. */
public final class CellMetricsCalculator {

    private CellMetricsCalculator() {
    }

    /** The cell's metrics with intervals from the default settings (1,000 resamples, seed 42, 95%). */
    public static CellMetrics compute(CellKey cell, List<Prediction> predictions, LabelSet labels) {
        return compute(cell, predictions, labels, StatisticsSettings.DEFAULT);
    }

    public static CellMetrics compute(CellKey cell, List<Prediction> predictions, LabelSet labels,
                                      StatisticsSettings settings) {
        List<String> names = labels.names();
        List<Prediction> answered = inIdOrder(predictions.stream().filter(p -> !p.failed()).toList());
        Coded coded = Coded.of(answered, labels);
        ConfusionMatrix matrix = ConfusionMatrix.of(names.size(), coded.gold(), coded.predicted());
        ClassificationScores all = ClassificationScores.of(matrix, names);
        ClassificationScores validOnly = ClassificationScores.of(validOnly(matrix), names);
        List<String> undefined = new ArrayList<>(all.undefined());
        validOnly.undefined().forEach(what -> undefined.add("valid_only." + what));
        int invalid = Math.toIntExact(matrix.invalid());
        return new CellMetrics(cell.model(), cell.template(), predictions.size(),
                predictions.size() - answered.size(), invalid,
                answered.isEmpty() ? 0 : (double) invalid / answered.size(),
                names, matrix.toIntArray(), all.perClass(), all.scores(), validOnly.scores(),
                PercentileBootstrap.intervals(names, coded.gold(), coded.predicted(), settings),
                List.copyOf(undefined), performance(answered), null);
    }

    /**
     * Sorted by example id (stable), so the bootstrap draws the same resamples whatever order the run log's lines
     * arrived in: a concurrent run and its rerun give the same intervals.
     */
    static List<Prediction> inIdOrder(List<Prediction> predictions) {
        return predictions.stream().sorted(Comparator.comparing(Prediction::id, Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
    }

    /** Predictions as label indices: {@code gold[i]} in [0, k), {@code predicted[i]} in [0, k] where k is invalid. */
    record Coded(int[] gold, int[] predicted) {
        static Coded of(List<Prediction> answered, LabelSet labels) {
            int k = labels.size();
            int[] gold = new int[answered.size()];
            int[] predicted = new int[answered.size()];
            for (int i = 0; i < answered.size(); i++) {
                Prediction p = answered.get(i);
                gold[i] = indexOf(labels, p.gold(), "gold label", p);
                predicted[i] = LabelSet.INVALID.equals(p.predicted()) ? k
                        : indexOf(labels, p.predicted(), "prediction", p);
            }
            return new Coded(gold, predicted);
        }
    }

    private static int indexOf(LabelSet labels, String label, String what, Prediction p) {
        int index = labels.indexOf(label);
        if (index < 0) {
            throw LabelbenchException.input("example '" + p.id() + "': " + what + " '" + label
                    + "' is not in the label set (" + labels + ")");
        }
        return index;
    }

    private static ConfusionMatrix validOnly(ConfusionMatrix m) {
        int k = m.labels();
        long[][] counts = new long[k][k + 1];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                counts[r][c] = m.count(r, c);
            }
        }
        return ConfusionMatrix.ofCounts(counts);
    }

    static Performance performance(List<Prediction> answered) {
        List<Double> latencies = new ArrayList<>();
        long promptTokens = 0, completionTokens = 0, timedTokens = 0;
        double generationMs = 0;
        for (Prediction p : answered) {
            Reply reply = p.reply();
            if (reply == null) {
                continue;
            }
            latencies.add(reply.latencyMs());
            promptTokens += reply.promptTokens() == null ? 0 : reply.promptTokens();
            if (reply.completionTokens() != null) {
                completionTokens += reply.completionTokens();
                double ms = reply.generationMs() != null && reply.generationMs() > 0 ? reply.generationMs() : reply.latencyMs();
                if (ms > 0) {
                    timedTokens += reply.completionTokens();
                    generationMs += ms;
                }
            }
        }
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Performance(
                sorted.length == 0 ? null : Percentiles.of(sorted, 50),
                sorted.length == 0 ? null : Percentiles.of(sorted, 95),
                generationMs > 0 ? timedTokens * 1000.0 / generationMs : null,
                promptTokens, completionTokens);
    }

    /** Sorted-array percentile with linear interpolation (numpy's default). */
    static final class Percentiles {
        private Percentiles() {
        }

        static double of(double[] sorted, double percentile) {
            if (sorted.length == 1) {
                return sorted[0];
            }
            double position = percentile / 100.0 * (sorted.length - 1);
            int lower = (int) Math.floor(position);
            int upper = Math.min(lower + 1, sorted.length - 1);
            return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
        }
    }
}
