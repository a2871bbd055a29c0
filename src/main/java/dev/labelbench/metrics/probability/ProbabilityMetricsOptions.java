package dev.labelbench.metrics.probability;

/**
 * Settings of the probability metrics: reliability bins, bootstrap resamples, confidence level and seed; for binary
 * tasks the positive label (null: the second label), the share of examples used as the dev split for choosing
 * thresholds, and an optional recall the chosen threshold must reach.
 */
public record ProbabilityMetricsOptions(int bins, int resamples, double level, long seed, String positiveLabel,
                                        double devFraction, Double targetRecall) {
    public static final ProbabilityMetricsOptions DEFAULTS =
            new ProbabilityMetricsOptions(10, 1000, 0.95, 42, null, 0.3, null);
}
