package dev.labelbench.run;

import dev.labelbench.core.GenerationOptions;

import java.nio.file.Path;
import java.util.List;

/**
 * What the command line says about a run; each set field overrides the config file's value (models and prompts given
 * on the command line replace the file's lists).
 */
public record RunOverrides(
        String name,
        Path dataset,
        List<String> textFields,
        String labelField,
        String idField,
        List<String> prompts,
        List<String> models,
        List<String> labels,
        Integer limit,
        Integer sample,
        Long sampleSeed,
        GenerationOptions options,
        String parse,
        Boolean constrained,
        String scoring,
        Integer concurrency,
        Path out) {

    public static final RunOverrides NONE = new RunOverrides(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null);

    public RunOverrides {
        textFields = textFields == null ? List.of() : List.copyOf(textFields);
        prompts = prompts == null ? List.of() : List.copyOf(prompts);
        models = models == null ? List.of() : List.copyOf(models);
        labels = labels == null ? List.of() : List.copyOf(labels);
        options = options == null ? GenerationOptions.NONE : options;
    }
}
