package dev.labelbench.report;

import org.apache.commons.math3.distribution.BinomialDistribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * McNemar's exact test (two-sided binomial test on the discordant pairs) and Holm's step-down correction.
 *
 * <p>Kept private to the report package for {@code compare} and for tie marking when a run carries no pairwise
 * comparisons; once the statistics work ({@code dev.labelbench.metrics.McNemar}) is on main this should delegate to it.
 */
final class ExactMcNemar {
    private ExactMcNemar() {
    }

    /** Two-sided exact p-value for {@code onlyA} examples only A got right and {@code onlyB} only B got right. */
    static double p(int onlyA, int onlyB) {
        int n = onlyA + onlyB;
        if (n == 0) {
            return 1.0;
        }
        double tail = new BinomialDistribution(null, n, 0.5).cumulativeProbability(Math.min(onlyA, onlyB));
        return Math.min(1.0, 2 * tail);
    }

    /** Holm-adjusted p-values, in the order given (monotone, capped at 1). */
    static double[] holm(double[] p) {
        int m = p.length;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order.get(rank);
            running = Math.max(running, Math.min(1.0, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
