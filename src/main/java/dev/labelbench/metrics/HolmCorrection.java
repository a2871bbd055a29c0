package dev.labelbench.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down correction for testing several pairs at once: the i-th smallest of m p-values is multiplied by
 * (m - i + 1), the results are made non-decreasing in that order and capped at 1. It controls the chance of any false
 * "significant" at alpha without Bonferroni's loss of power, and is the identity for a single test.
 */
public final class HolmCorrection {
    private HolmCorrection() {
    }

    /** Adjusted p-values, in the order given. */
    public static double[] adjust(double[] pValues) {
        int m = pValues.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double runningMax = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            runningMax = Math.max(runningMax, Math.min(1.0, (m - rank) * pValues[i]));
            adjusted[i] = runningMax;
        }
        return adjusted;
    }
}
