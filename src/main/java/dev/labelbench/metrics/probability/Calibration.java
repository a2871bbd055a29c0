package dev.labelbench.metrics.probability;

import dev.labelbench.core.ProbabilityMetrics.ReliabilityBin;

import java.util.ArrayList;
import java.util.List;

/**
 * Calibration of the top label: of the answers given with confidence about 0.8, are about 80% right? Equal-width bins
 * over [0, 1], right-closed like scikit-learn's {@code calibration_curve} (a confidence of exactly 0.3 falls in the
 * bin (0.2, 0.3]).
 */
public final class Calibration {
    private Calibration() {
    }

    /** The non-empty bins of the reliability diagram. */
    public static List<ReliabilityBin> reliability(ProbabilityTable table, int bins) {
        int[] count = new int[bins];
        double[] confidence = new double[bins];
        double[] correct = new double[bins];
        for (int i = 0; i < table.size(); i++) {
            int top = table.argmax(i);
            double p = table.probs()[i][top];
            int bin = bin(p, bins);
            count[bin]++;
            confidence[bin] += p;
            correct[bin] += top == table.gold()[i] ? 1 : 0;
        }
        List<ReliabilityBin> out = new ArrayList<>();
        double width = 1.0 / bins;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                out.add(new ReliabilityBin(b * width, b == bins - 1 ? 1.0 : (b + 1) * width, count[b],
                        confidence[b] / count[b], correct[b] / count[b]));
            }
        }
        return out;
    }

    /** Expected calibration error: the bins' |accuracy - confidence| weighted by their share of answers. */
    public static double ece(ProbabilityTable table, int bins) {
        double sum = 0;
        for (ReliabilityBin bin : reliability(table, bins)) {
            sum += (double) bin.count() / table.size() * Math.abs(bin.accuracy() - bin.confidence());
        }
        return sum;
    }

    /**
     * The bin of a probability: how many inner edges {@code j/bins} lie strictly below it (numpy's
     * {@code searchsorted(edges[1:-1], p)} over {@code linspace(0, 1, bins + 1)}, whose edges are {@code j * (1/bins)}).
     */
    static int bin(double p, int bins) {
        double step = 1.0 / bins;
        int bin = 0;
        for (int j = 1; j < bins; j++) {
            if (j * step < p) {
                bin = j;
            }
        }
        return bin;
    }
}
