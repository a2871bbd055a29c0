package dev.labelbench.core;

/** A confidence interval: {@code level} is e.g. 0.95; {@code resamples} is how many bootstrap resamples made it. */
public record Interval(double low, double high, double level, int resamples) {
    public boolean contains(double value) {
        return value >= low && value <= high;
    }
}
