package dev.labelbench.dataset;

import dev.labelbench.core.Example;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the examples to evaluate: checks every gold label against the label set (mapping aliases to canonical
 * names), rejects duplicate ids, and applies {@code limit} and the stratified {@code sample}.
 */
public final class DatasetLoader {
    private DatasetLoader() {
    }

    public static List<Example> load(DatasetSpec spec, LabelSet labels) {
        List<Example> examples = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (DatasetReader reader = DatasetReader.open(spec)) {
            for (Example example : reader) {
                String canonical = labels.resolve(example.gold()).orElseThrow(() -> LabelbenchException.input(
                        spec.path() + ":" + example.line() + ": gold label '" + example.gold()
                                + "' is not in the label set (" + labels + "); add it to `labels` or as an alias"));
                if (!ids.add(example.id())) {
                    throw LabelbenchException.input(spec.path() + ":" + example.line() + ": duplicate id '" + example.id()
                            + "'; ids must be unique (or drop `dataset.id` to use row numbers)");
                }
                examples.add(new Example(example.id(), example.text(), canonical, example.fields(), example.line()));
                if (spec.sample() == null && spec.limit() != null && examples.size() >= spec.limit()) {
                    break;
                }
            }
        }
        if (spec.sample() != null) {
            examples = StratifiedSampler.sample(examples, spec.sample().size(), spec.sample().seed());
            if (spec.limit() != null && examples.size() > spec.limit()) {
                examples = examples.subList(0, spec.limit());
            }
        }
        if (examples.isEmpty()) {
            throw LabelbenchException.input(spec.path() + ": no examples to evaluate");
        }
        return List.copyOf(examples);
    }
}
