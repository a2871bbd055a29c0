package dev.labelbench.metrics;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bootstrap draws resample counts instead of examples; these tests check that the draws have the distributions
 * they must: binomial variates against Commons Math's probabilities (chi-square goodness of fit), and the resulting
 * intervals against plain resampling of the examples.
 */
class MultinomialResampleTest {
    @ParameterizedTest(name = "Binomial({0}, {1})")
    @CsvSource({"20, 0.5", "50, 0.03", "1000, 0.004", "100000, 0.07", "1000, 0.9", "37, 0.999", "5000, 0.35"})
    void binomialDrawsFollowTheBinomialDistribution(int trials, double p) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(trials * 31L + (long) (p * 1000));
        BinomialDistribution reference = new BinomialDistribution(null, trials, p);
        int draws = 200_000;
        long[] observed = new long[trials + 1];
        double sum = 0;
        for (int i = 0; i < draws; i++) {
            int x = BinomialSampler.sample(rng, trials, p);
            assertTrue(x >= 0 && x <= trials, "draw " + x + " outside 0.." + trials);
            observed[x]++;
            sum += x;
        }
        double mean = trials * p;
        double sd = Math.sqrt(trials * p * (1 - p));
        assertEquals(mean, sum / draws, 5 * sd / Math.sqrt(draws), "mean");

        // Chi-square over bins pooled to an expected count of at least 20 each.
        List<Double> expectedBins = new ArrayList<>();
        List<Long> observedBins = new ArrayList<>();
        double expected = 0;
        long seen = 0;
        for (int x = 0; x <= trials; x++) {
            expected += reference.probability(x) * draws;
            seen += observed[x];
            if (expected >= 20) {
                expectedBins.add(expected);
                observedBins.add(seen);
                expected = 0;
                seen = 0;
            }
        }
        int last = expectedBins.size() - 1;
        expectedBins.set(last, expectedBins.get(last) + expected);
        observedBins.set(last, observedBins.get(last) + seen);
        double p0 = new ChiSquareTest().chiSquareTest(
                expectedBins.stream().mapToDouble(Double::doubleValue).toArray(),
                observedBins.stream().mapToLong(Long::longValue).toArray());
        assertTrue(p0 > 1e-4, "chi-square goodness of fit p=" + p0 + " over " + expectedBins.size() + " bins");
    }

    @Test
    void aResampleKeepsTheTotalAndNeverDrawsAnEmptyCategory() {
        MultinomialResample resample = new MultinomialResample(new long[]{0, 5, 0, 120, 3, 0, 872});
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(9L);
        long[] tally = new long[7];
        double[] means = new double[7];
        int rounds = 20_000;
        for (int r = 0; r < rounds; r++) {
            resample.draw(rng, tally);
            assertEquals(1000, Arrays.stream(tally).sum());
            assertEquals(0, tally[0] + tally[2] + tally[5]);
            for (int j = 0; j < 7; j++) {
                means[j] += (double) tally[j] / rounds;
            }
        }
        assertEquals(5, means[1], 0.1);
        assertEquals(120, means[3], 0.5);
        assertEquals(872, means[6], 0.5);
    }

    /** Intervals from drawn counts agree with intervals from resampling the examples one by one. */
    @Test
    void intervalsMatchPlainResamplingOfExamples() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(11L);
        int n = 800;
        int k = 4;
        int[] gold = new int[n];
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            gold[i] = rng.nextInt(k);
            predicted[i] = rng.nextDouble() < 0.6 ? gold[i] : rng.nextInt(k + 1);
        }
        List<String> labels = List.of("a", "b", "c", "d");
        int resamples = 4000;
        var counted = PercentileBootstrap.intervals(labels, gold, predicted, new StatisticsSettings(resamples, 3, 0.95));

        double[] macroF1 = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            int[] g = new int[n];
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                int pick = rng.nextInt(n);
                g[i] = gold[pick];
                p[i] = predicted[pick];
            }
            macroF1[r] = ClassificationScores.of(ConfusionMatrix.of(k, g, p), labels).scores().macroF1();
        }
        Arrays.sort(macroF1);
        double low = CellMetricsCalculator.Percentiles.of(macroF1, 2.5);
        double high = CellMetricsCalculator.Percentiles.of(macroF1, 97.5);
        // Both are Monte Carlo estimates of the same quantiles (interval width here is about 0.07).
        assertEquals(low, counted.get("macro_f1").low(), 0.006);
        assertEquals(high, counted.get("macro_f1").high(), 0.006);
    }
}
