package dev.labelbench.metrics;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * McNemar's exact test for two classifiers scored on the same examples. Only the discordant examples matter: those
 * only A got right and those only B got right. Under the null hypothesis (equally good) each discordant example is a
 * fair coin toss, so the two-sided p-value is twice the binomial tail of the smaller count, capped at 1 (the exact
 * conditional test, as statsmodels' {@code mcnemar(table, exact=True)} computes it).
 */
public final class McNemar {
    private McNemar() {
    }

    /** Two-sided exact p-value; 1 when there are no discordant examples (nothing tells the two apart). */
    public static double exactP(int onlyA, int onlyB) {
        if (onlyA < 0 || onlyB < 0) {
            throw new IllegalArgumentException("discordant counts cannot be negative: " + onlyA + ", " + onlyB);
        }
        int discordant = onlyA + onlyB;
        if (discordant == 0) {
            return 1.0;
        }
        // A null random generator: the distribution is only used for its probabilities, never sampled.
        BinomialDistribution coinTosses = new BinomialDistribution(null, discordant, 0.5);
        // The tail is summed from its point probabilities (Loader's saddle-point expansion, accurate to ~1e-15)
        // rather than taken from cumulativeProbability(), whose regularized beta loses ~8 digits far in the tail
        // (2.72846412e-10 instead of 2.72846416e-10 for 400 vs 600). Smallest terms first, for accuracy.
        double tail = 0;
        for (int x = 0; x <= Math.min(onlyA, onlyB); x++) {
            tail += coinTosses.probability(x);
        }
        return Math.min(1.0, 2 * tail);
    }
}
