package dev.labelbench.dataset;

import dev.labelbench.core.Example;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Counts the gold label values of a dataset, e.g. to infer the label set or show the distribution. */
public final class LabelCounts {
    private LabelCounts() {
    }

    /** Label value -> rows, sorted by label; rows that cannot be read go to {@code problems} when given. */
    public static Map<String, Integer> of(DatasetSpec spec, Consumer<String> problems) {
        Map<String, Integer> counts = new TreeMap<>();
        try (DatasetReader reader = DatasetReader.open(spec, problems)) {
            for (Example example : reader) {
                counts.merge(example.gold(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
