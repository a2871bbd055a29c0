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
        // A null random generator: the distribution is only used for its CDF, never sampled.
        BinomialDistribution coinTosses = new BinomialDistribution(null, discordant, 0.5);
        return Math.min(1.0, 2 * coinTosses.cumulativeProbability(Math.min(onlyA, onlyB)));
    }
}
