package dev.labelbench.backend;

import dev.labelbench.core.Example;
import dev.labelbench.core.LabelSet;

import java.util.List;

/**
 * What a backend may need to know about the evaluation beyond single requests: the label set (names, aliases,
 * descriptions) and the labelled examples a few-shot method may learn from (never the examples being evaluated).
 */
public record BackendContext(LabelSet labels, List<Example> trainingExamples) {
    public BackendContext {
        trainingExamples = trainingExamples == null ? List.of() : List.copyOf(trainingExamples);
    }
}
