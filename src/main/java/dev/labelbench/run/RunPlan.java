package dev.labelbench.run;

import dev.labelbench.core.BinaryDecision;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.dataset.DatasetSpec;
import dev.labelbench.parse.ParseSpec;
import dev.labelbench.prompt.TemplateRenderer;

import java.nio.file.Path;
import java.util.List;

/**
 * A run resolved and checked: every path made absolute, labels known, templates compiled, models parsed. Built by
 * {@link RunPlanner}; the engine needs nothing else.
 */
public record RunPlan(
        String name,
        DatasetSpec dataset,
        LabelSet labels,
        List<TemplateRenderer> templates,
        List<ModelSpec> models,
        GenerationOptions options,
        String parse,
        String parseRegex,
        String parseField,
        boolean constrained,
        String scoring,
        Integer concurrency,
        DatasetSpec fewShotSource,
        int fewShotPerLabel,
        long fewShotSeed,
        Path out,
        BinaryDecision decision) {

    /** Options for one model: defaults, then the run's, then the model's own. */
    public GenerationOptions optionsFor(ModelSpec model) {
        return GenerationOptions.DEFAULTS.overriddenBy(options).overriddenBy(model.options());
    }

    /** How replies to one template become labels: the template's own strategy, else the run's. */
    public ParseSpec parseFor(TemplateRenderer template) {
        String strategy = template.template().parse() != null ? template.template().parse() : parse;
        return new ParseSpec(strategy, parseRegex, parseField);
    }

    public boolean constrainedFor(ModelSpec model, TemplateRenderer template) {
        if (template.template().constrained() != null) {
            return template.template().constrained();
        }
        if (model.constrained() != null) {
            return model.constrained();
        }
        return constrained;
    }
}
