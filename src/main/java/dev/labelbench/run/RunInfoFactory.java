package dev.labelbench.run;

import dev.labelbench.backend.Backend;
import dev.labelbench.core.Example;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.RunInfo;
import dev.labelbench.prompt.PromptTemplate;
import dev.labelbench.prompt.TemplateRenderer;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Describes a run for {@code run.json}: dataset, labels, models with their effective options, templates. */
final class RunInfoFactory {
    private RunInfoFactory() {
    }

    static RunInfo describe(RunPlan plan, List<Example> examples, List<Backend> backends) {
        List<ModelSpec> specs = new ArrayList<>();
        List<Map<String, Object>> descriptions = new ArrayList<>();
        for (Backend backend : backends) {
            specs.add(backend.model());
            descriptions.add(backend.describe());
        }
        return describe(plan, examples, specs, descriptions);
    }

    /** The models as planned (every URL), with what their servers said about each. */
    static RunInfo describe(RunPlan plan, List<Example> examples, List<ModelSpec> specs,
                            List<Map<String, Object>> descriptions) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        plan.labels().names().forEach(name -> counts.put(name, 0));
        examples.forEach(e -> counts.merge(e.gold(), 1, Integer::sum));
        List<RunInfo.Model> models = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ModelSpec spec = specs.get(i);
            boolean constrained = plan.templates().stream().anyMatch(t -> plan.constrainedFor(spec, t));
            models.add(new RunInfo.Model(spec.id(), spec.kind(), spec.name(), spec.urls(), plan.optionsFor(spec),
                    constrained, descriptions.get(i)));
        }
        List<RunInfo.Template> templates = new ArrayList<>();
        for (TemplateRenderer renderer : plan.templates()) {
            PromptTemplate t = renderer.template();
            templates.add(new RunInfo.Template(t.name(), t.path().toString(), t.kind().name().toLowerCase(),
                    t.system(), t.kind() == dev.labelbench.core.Prompt.Kind.CHAT ? t.user() : t.prompt()));
        }
        return new RunInfo(plan.name(), OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                Version.current(), new RunInfo.Dataset(plan.dataset().path().toString(), examples.size(), counts),
                plan.labels().labels(), models, templates, plan.parse(), plan.options(), plan.decision());
    }
}
