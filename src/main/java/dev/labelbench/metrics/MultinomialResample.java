package dev.labelbench.metrics;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A bootstrap resample as counts: drawing n examples with replacement from n, where {@code counts[j]} examples fall in
 * category j, puts Multinomial(n, counts / n) examples in each category. Drawn as conditional binomials (the first
 * category's count, then the next given what remains, ...), which costs a few random numbers per category instead of
 * one per example.
 */
final class MultinomialResample {
    private final long[] counts;
    private final int total;

    /** {@code counts}: examples per category; categories with none are fine and always draw 0. */
    MultinomialResample(long[] counts) {
        this.counts = counts.clone();
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        this.total = Math.toIntExact(sum);
    }

    int categories() {
        return counts.length;
    }

    /** Fills {@code tally} with one resample's count per category. */
    void draw(UniformRandomProvider rng, long[] tally) {
        int drawsLeft = total;
        long examplesLeft = total;
        for (int j = 0; j < counts.length; j++) {
            long c = counts[j];
            int drawn = c == 0 || drawsLeft == 0 ? 0
                    : c == examplesLeft ? drawsLeft
                    : BinomialSampler.sample(rng, drawsLeft, (double) c / examplesLeft);
            tally[j] = drawn;
            drawsLeft -= drawn;
            examplesLeft -= c;
        }
    }
}
