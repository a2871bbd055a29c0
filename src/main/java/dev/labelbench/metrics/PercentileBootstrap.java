package dev.labelbench.metrics;

import dev.labelbench.core.Interval;
import dev.labelbench.core.Scores;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Percentile bootstrap confidence intervals: resample the examples with replacement, recompute the scores, and take
 * the (1 - level)/2 and (1 + level)/2 quantiles (linear interpolation, numpy's default) of the resampled values.
 *
 * <p>Every score is a function of the confusion matrix alone, so resampling n examples with replacement amounts to
 * drawing how many land in each matrix cell: a multinomial draw with the cells' shares as probabilities
 * ({@link MultinomialResample}). That costs a few random numbers per cell rather than one per example, so 1,000
 * resamples of 100,000 predictions take milliseconds, with the same distribution as resampling the examples. Random numbers come from Commons RNG's
 * XoShiRo256++: a master generator seeded with the settings' seed gives each resample its own seed, so the same inputs
 * and seed give the same interval, and resamples run in parallel.
 */
public final class PercentileBootstrap {
    /** The headline scores that get an interval, by their names in {@link Scores#get(String)}. */
    public static final List<String> METRICS = List.of("accuracy", "balanced_accuracy", "macro_precision",
            "macro_recall", "macro_f1", "micro_f1", "weighted_f1", "cohen_kappa", "mcc");

    private PercentileBootstrap() {
    }

    /**
     * Intervals for every headline score of one cell. {@code gold[i]} is in [0, k), {@code predicted[i]} in [0, k]
     * where k means invalid. Empty when there is nothing to resample or {@code resamples} is 0.
     */
    public static Map<String, Interval> intervals(List<String> labels, int[] gold, int[] predicted,
                                                  StatisticsSettings settings) {
        int k = labels.size();
        if (gold.length == 0 || settings.resamples() == 0) {
            return Map.of();
        }
        MultinomialResample cells = new MultinomialResample(tally(k * (k + 1), cells(k, gold, predicted)));
        long[] seeds = resampleSeeds(settings.seed(), settings.resamples());
        double[][] values = new double[METRICS.size()][settings.resamples()];
        IntStream.range(0, settings.resamples()).parallel().forEach(r -> {
            long[] resampled = new long[cells.categories()];
            cells.draw(RandomSource.XO_SHI_RO_256_PP.create(seeds[r]), resampled);
            Scores scores = ClassificationScores.of(ConfusionMatrix.ofFlatCounts(k, resampled), labels).scores();
            for (int m = 0; m < METRICS.size(); m++) {
                values[m][r] = scores.get(METRICS.get(m));
            }
        });
        Map<String, Interval> intervals = new LinkedHashMap<>();
        for (int m = 0; m < METRICS.size(); m++) {
            intervals.put(METRICS.get(m), percentile(values[m], settings));
        }
        return intervals;
    }

    /**
     * Paired bootstrap interval of macro-F1(B) minus macro-F1(A) over the same examples: each resample draws the same
     * examples for both cells, so the interval reflects only how the two differ. An example is a pair of matrix cells
     * (its cell under A, its cell under B); the resample is drawn over the pairs that occur.
     */
    public static Interval macroF1Difference(List<String> labels, int[] goldA, int[] predictedA,
                                             int[] goldB, int[] predictedB, StatisticsSettings settings, long seed) {
        int k = labels.size();
        int cellCount = k * (k + 1);
        if (goldA.length == 0 || settings.resamples() == 0) {
            return null;
        }
        int[] cellsA = cells(k, goldA, predictedA);
        int[] cellsB = cells(k, goldB, predictedB);
        Map<Long, long[]> pairCounts = new TreeMap<>();
        for (int i = 0; i < cellsA.length; i++) {
            pairCounts.computeIfAbsent((long) cellsA[i] * cellCount + cellsB[i], pair -> new long[1])[0]++;
        }
        int[] pairA = new int[pairCounts.size()];
        int[] pairB = new int[pairCounts.size()];
        long[] counts = new long[pairCounts.size()];
        int index = 0;
        for (Map.Entry<Long, long[]> pair : pairCounts.entrySet()) {
            pairA[index] = (int) (pair.getKey() / cellCount);
            pairB[index] = (int) (pair.getKey() % cellCount);
            counts[index++] = pair.getValue()[0];
        }
        MultinomialResample pairs = new MultinomialResample(counts);
        long[] seeds = resampleSeeds(seed, settings.resamples());
        double[] differences = new double[settings.resamples()];
        IntStream.range(0, settings.resamples()).parallel().forEach(r -> {
            long[] resampled = new long[pairs.categories()];
            pairs.draw(RandomSource.XO_SHI_RO_256_PP.create(seeds[r]), resampled);
            long[] tallyA = new long[cellCount];
            long[] tallyB = new long[cellCount];
            for (int p = 0; p < resampled.length; p++) {
                tallyA[pairA[p]] += resampled[p];
                tallyB[pairB[p]] += resampled[p];
            }
            differences[r] = macroF1(k, tallyB, labels) - macroF1(k, tallyA, labels);
        });
        return percentile(differences, settings);
    }

    private static long[] tally(int categories, int[] codes) {
        long[] counts = new long[categories];
        for (int code : codes) {
            counts[code]++;
        }
        return counts;
    }

    /**
     * One seed per resample, drawn from the settings' seed: each resample has its own generator, so resamples can run
     * on several cores and still give the same interval whatever the number of cores or the order they ran in.
     */
    private static long[] resampleSeeds(long seed, int resamples) {
        UniformRandomProvider master = RandomSource.XO_SHI_RO_256_PP.create(seed);
        long[] seeds = new long[resamples];
        for (int r = 0; r < resamples; r++) {
            seeds[r] = master.nextLong();
        }
        return seeds;
    }

    private static double macroF1(int k, long[] tally, List<String> labels) {
        return ClassificationScores.of(ConfusionMatrix.ofFlatCounts(k, tally), labels).scores().macroF1();
    }

    private static int[] cells(int k, int[] gold, int[] predicted) {
        if (gold.length != predicted.length) {
            throw new IllegalArgumentException("gold and predicted differ in length");
        }
        int[] cells = new int[gold.length];
        for (int i = 0; i < gold.length; i++) {
            cells[i] = gold[i] * (k + 1) + predicted[i];
        }
        return cells;
    }

    private static Interval percentile(double[] values, StatisticsSettings settings) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double tail = (1 - settings.level()) / 2 * 100;
        return new Interval(CellMetricsCalculator.Percentiles.of(sorted, tail),
                CellMetricsCalculator.Percentiles.of(sorted, 100 - tail), settings.level(), settings.resamples());
    }
}
