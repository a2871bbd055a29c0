package dev.labelbench.metrics;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prediction;

import java.util.ArrayList;
import java.util.List;

/** Builds predictions and cell metrics from plain label lists, as scikit-learn's examples are written. */
final class MetricsFixtures {
    static final StatisticsSettings NO_INTERVALS = new StatisticsSettings(0, 42, 0.95);

    private MetricsFixtures() {
    }

    static List<Prediction> predictions(String model, List<String> gold, List<String> predicted) {
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < gold.size(); i++) {
            out.add(new Prediction("e" + i, model, "zero-shot", null, gold.get(i), predicted.get(i), "test", null,
                    null, null));
        }
        return out;
    }

    static CellMetrics metrics(List<String> labels, List<String> gold, List<String> predicted) {
        return metrics(labels, gold, predicted, NO_INTERVALS);
    }

    static CellMetrics metrics(List<String> labels, List<String> gold, List<String> predicted,
                               StatisticsSettings settings) {
        return CellMetricsCalculator.compute(new CellKey("m", "zero-shot"), predictions("m", gold, predicted),
                LabelSet.ofNames(labels), settings);
    }

    /** {@code count} copies of {@code value}, appended to {@code list}. */
    static void repeat(List<String> list, String value, int count) {
        for (int i = 0; i < count; i++) {
            list.add(value);
        }
    }
}
