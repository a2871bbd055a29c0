package dev.labelbench.metrics.probability;

import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.ProbabilityMetrics;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long the probability metrics take with their bootstrap intervals (1,000 resamples): for a binary cell (with
 * threshold tuning) and a 10-label cell. A printed figure, not a timed test: run this class's {@code main}, e.g.
 * {@code java -cp "target/classes:target/lib/*" dev.labelbench.metrics.probability.ProbabilityMetricsBenchmark}.
 */
public final class ProbabilityMetricsBenchmark {
    private static final int WARMUPS = 2;
    private static final int MEASURED = 3;

    private ProbabilityMetricsBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        System.out.println(measure(n, 2));
        System.out.println(measure(n, 10));
    }

    static String measure(int n, int classes) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("label_" + k);
        }
        LabelSet labels = LabelSet.ofNames(names);
        List<Prediction> predictions = predictions(n, names, 7);
        ProbabilityMetricsCalculator calculator = new ProbabilityMetricsCalculator(ProbabilityMetricsOptions.DEFAULTS);
        double[] ms = new double[MEASURED];
        ProbabilityMetrics metrics = null;
        for (int round = 0; round < WARMUPS + MEASURED; round++) {
            long start = System.nanoTime();
            metrics = calculator.compute(predictions, labels);
            if (round >= WARMUPS) {
                ms[round - WARMUPS] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        return String.format(Locale.ROOT, "probability metrics, %,d predictions, %d labels, %d bootstrap resamples:"
                        + " median %.0f ms (min %.0f, max %.0f); roc_auc %.3f log_loss %.3f",
                n, classes, ProbabilityMetricsOptions.DEFAULTS.resamples(), ms[MEASURED / 2], ms[0], ms[MEASURED - 1],
                metrics.rocAuc(), metrics.logLoss());
    }

    /** Dirichlet-like random distributions with extra mass on the gold label, so the scores are informative. */
    private static List<Prediction> predictions(int n, List<String> names, long seed) {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        List<Prediction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int gold = random.nextInt(names.size());
            double[] p = new double[names.size()];
            double sum = 0;
            for (int k = 0; k < p.length; k++) {
                p[k] = -Math.log(1 - random.nextDouble()) + (k == gold ? 1.0 : 0.0);
                sum += p[k];
            }
            Map<String, Double> distribution = new LinkedHashMap<>();
            for (int k = 0; k < p.length; k++) {
                distribution.put(names.get(k), p[k] / sum);
            }
            out.add(new Prediction(String.valueOf(i), "m", "t", "", names.get(gold), names.get(gold), "logprob", null,
                    null, distribution));
        }
        return out;
    }
}
