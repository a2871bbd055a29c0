package dev.labelbench.metrics;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prediction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long all metrics and their bootstrap intervals (1,000 resamples) take for 100,000 predictions over 10 classes,
 * plus a pairwise comparison of two such cells. A printed figure, not a timed test: run it with
 * {@code labelbench bench metrics} or this class's {@code main}.
 */
public final class MetricsBenchmark {
    static final int PREDICTIONS = 100_000;
    static final int CLASSES = 10;
    private static final int WARMUPS = 3;
    private static final int MEASURED = 5;

    private MetricsBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println(run());
    }

    /** Runs the benchmark and returns the figures as printable lines. */
    public static String run() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < CLASSES; i++) {
            names.add("class_" + i);
        }
        LabelSet labels = LabelSet.ofNames(names);
        List<String> gold = gold(names);
        List<Prediction> modelA = predictions("model-a", gold, names, 0.70, 1);
        List<Prediction> modelB = predictions("model-b", gold, names, 0.72, 2);
        List<Prediction> both = new ArrayList<>(modelA);
        both.addAll(modelB);
        StatisticsSettings settings = StatisticsSettings.DEFAULT;
        CellKey cell = new CellKey("model-a", "zero-shot");

        CellMetrics metrics = null;
        double[] cellMs = new double[MEASURED];
        double[] cellCpuMs = new double[MEASURED];
        double[] compareMs = new double[MEASURED];
        for (int round = 0; round < WARMUPS + MEASURED; round++) {
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            metrics = CellMetricsCalculator.compute(cell, modelA, labels, settings);
            long middle = System.nanoTime();
            long cpuMiddle = processCpuNanos();
            CellComparisons.compare(both, labels, settings);
            long end = System.nanoTime();
            if (round >= WARMUPS) {
                cellMs[round - WARMUPS] = (middle - start) / 1e6;
                cellCpuMs[round - WARMUPS] = (cpuMiddle - cpuStart) / 1e6;
                compareMs[round - WARMUPS] = (end - middle) / 1e6;
            }
        }
        return String.format(Locale.ROOT, """
                        metrics benchmark: %,d predictions, %d classes, %d bootstrap resamples, %d warm-up rounds
                          machine: %d CPUs, load average %.1f (other processes slow the wall-clock figures down)
                          all metrics + 9 percentile CIs for one cell: median %.0f ms (min %.0f, max %.0f) over %d rounds
                            CPU time used for it (all threads): median %.0f ms
                          pairwise comparison of two cells (McNemar + paired bootstrap): median %.0f ms (min %.0f, max %.0f)
                          check: macro-F1 %.4f, CI %.4f to %.4f""",
                PREDICTIONS, CLASSES, settings.resamples(), WARMUPS, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                median(cellMs), min(cellMs), max(cellMs), MEASURED, median(cellCpuMs),
                median(compareMs), min(compareMs), max(compareMs),
                metrics.scores().macroF1(), metrics.intervals().get("macro_f1").low(),
                metrics.intervals().get("macro_f1").high());
    }

    private static List<String> gold(List<String> names) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(0L);
        List<String> gold = new ArrayList<>(PREDICTIONS);
        for (int i = 0; i < PREDICTIONS; i++) {
            gold.add(names.get(rng.nextInt(names.size())));
        }
        return gold;
    }

    /** Right with probability {@code skill}, invalid 3% of the time, else a random label. */
    private static List<Prediction> predictions(String model, List<String> gold, List<String> names, double skill,
                                                long seed) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        List<Prediction> out = new ArrayList<>(PREDICTIONS);
        for (int i = 0; i < PREDICTIONS; i++) {
            double roll = rng.nextDouble();
            String predicted = roll < skill ? gold.get(i)
                    : roll < skill + 0.03 ? LabelSet.INVALID
                    : names.get(rng.nextInt(names.size()));
            out.add(new Prediction("ex-" + i, model, "zero-shot", null, gold.get(i), predicted, "bench", null, null,
                    null));
        }
        return out;
    }

    /** CPU time of the whole process, where the JVM reports it (HotSpot does); 0 elsewhere. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
