package dev.labelbench.metrics;

import dev.labelbench.core.LabelbenchException;

/**
 * How confidence intervals and significance are computed: {@code resamples} bootstrap resamples (0 turns intervals off),
 * the {@code seed} that makes them reproducible, and the confidence {@code level} (0.95 gives 95% intervals and a
 * significance threshold of 0.05).
 */
public record StatisticsSettings(int resamples, long seed, double level) {
    public static final int DEFAULT_RESAMPLES = 1000;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_LEVEL = 0.95;
    public static final StatisticsSettings DEFAULT =
            new StatisticsSettings(DEFAULT_RESAMPLES, DEFAULT_SEED, DEFAULT_LEVEL);

    public StatisticsSettings {
        if (resamples < 0) {
            throw LabelbenchException.usage("bootstrap resamples must be 0 (no intervals) or more, not " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw LabelbenchException.usage("confidence level must be between 0 and 1 (e.g. 0.95), not " + level);
        }
    }

    /** The significance threshold that goes with the confidence level (0.05 for 0.95). */
    public double alpha() {
        return 1 - level;
    }
}
