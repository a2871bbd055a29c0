package dev.labelbench.run;

import dev.labelbench.core.BinaryDecision;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Label;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.dataset.DatasetSpec;
import dev.labelbench.dataset.LabelCounts;
import dev.labelbench.parse.ParseSpec;
import dev.labelbench.parse.ReplyParsers;
import dev.labelbench.prompt.TemplateLoader;
import dev.labelbench.prompt.TemplateRenderer;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Merges the config file with the command-line overrides and resolves everything a run needs. Problems are collected,
 * not thrown one by one, so the user sees all of them at once.
 */
public final class RunPlanner {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunPlanner() {
    }

    /** The plan, or an input error listing every problem found. */
    public static RunPlan plan(Path configPath, RunOverrides overrides) {
        List<String> problems = new ArrayList<>();
        RunPlan plan = plan(configPath, overrides, problems);
        if (!problems.isEmpty()) {
            throw LabelbenchException.input(String.join("\n", problems));
        }
        return plan;
    }

    /** The plan (null when it could not be built) with problems added to {@code problems}. */
    public static RunPlan plan(Path configPath, RunOverrides overrides, List<String> problems) {
        EvalConfig config = configPath == null ? null : ConfigLoader.load(configPath);
        Path base = configPath == null ? Path.of("").toAbsolutePath()
                : configPath.toAbsolutePath().getParent();
        String where = configPath == null ? "command line" : configPath.toString();

        DatasetSpec dataset = datasetSpec(config, overrides, base, where, problems);
        LabelSet labels = dataset == null ? null : labels(config, overrides, dataset, where, problems);
        List<TemplateRenderer> templates = templates(config, overrides, base, where, problems);
        List<ModelSpec> models = models(config, overrides, where, problems);

        GenerationOptions options = config != null && config.options() != null ? config.options() : GenerationOptions.NONE;
        options = options.overriddenBy(overrides.options());
        String parse = first(overrides.parse(), config == null ? null : config.parse(), "auto");
        String parseRegex = config == null ? null : config.parseRegex();
        String parseField = config == null ? null : config.parseField();
        checkParse(new ParseSpec(parse, parseRegex, parseField), where, problems);
        for (TemplateRenderer template : templates) {
            if (template.template().parse() != null) {
                checkParse(new ParseSpec(template.template().parse(), parseRegex, parseField),
                        template.template().path().toString(), problems);
            }
        }
        boolean constrained = first(overrides.constrained(), config == null ? null : config.constrained(), false);
        String scoring = first(overrides.scoring(), config == null ? null : config.scoring(), "generate");
        if (!List.of("generate", "logprob").contains(scoring)) {
            problems.add(where + ": scoring '" + scoring + "' is not generate or logprob");
        }

        DatasetSpec fewShot = null;
        int perLabel = 2;
        long fewShotSeed = 1;
        if (config != null && config.fewShot() != null && config.fewShot().path() != null && dataset != null) {
            EvalConfig.FewShotEntry entry = config.fewShot();
            fewShot = new DatasetSpec(base.resolve(entry.path()).normalize(),
                    entry.text() != null ? entry.text() : dataset.textFields(),
                    entry.label() != null ? entry.label() : dataset.labelField(), null, null, null);
            perLabel = entry.perLabel() != null ? entry.perLabel() : 2;
            fewShotSeed = entry.seed() != null ? entry.seed() : 1;
        }
        String name = first(overrides.name(), config == null ? null : config.name(),
                dataset == null ? "run" : dataset.path().getFileName().toString().replaceFirst("\\.[^.]+$", ""));
        Path out = overrides.out();
        if (out == null && config != null && config.out() != null) {
            out = base.resolve(config.out());
        }
        if (out == null) {
            out = Path.of("reports", name + "-" + LocalDateTime.now().format(STAMP));
        }
        Integer concurrency = overrides.concurrency() != null ? overrides.concurrency()
                : config == null ? null : config.concurrency();
        if (dataset == null || labels == null) {
            return null;
        }
        BinaryDecision decision = config == null || config.decision() == null ? BinaryDecision.DEFAULT : config.decision();
        problems.addAll(decision.problems(labels, where));
        return new RunPlan(name, dataset, labels, templates, models, options, parse, parseRegex, parseField,
                constrained, scoring, concurrency, fewShot, perLabel, fewShotSeed, out.toAbsolutePath().normalize(), decision);
    }

    private static DatasetSpec datasetSpec(EvalConfig config, RunOverrides overrides, Path base, String where,
                                           List<String> problems) {
        EvalConfig.DatasetEntry entry = config == null ? null : config.dataset();
        Path path = overrides.dataset() != null ? overrides.dataset().toAbsolutePath()
                : entry != null && entry.path() != null ? base.resolve(entry.path()).normalize() : null;
        if (path == null) {
            problems.add(where + ": no dataset: set `dataset.path` in the config or pass --dataset FILE");
            return null;
        }
        List<String> text = !overrides.textFields().isEmpty() ? overrides.textFields() : entry == null ? null : entry.text();
        String label = first(overrides.labelField(), entry == null ? null : entry.label(), "label");
        String id = first(overrides.idField(), entry == null ? null : entry.id(), null);
        Integer limit = overrides.limit() != null ? overrides.limit() : entry == null ? null : entry.limit();
        DatasetSpec.Sample sample = null;
        Integer sampleSize = overrides.sample() != null ? overrides.sample()
                : entry != null && entry.sample() != null ? entry.sample().size() : null;
        if (sampleSize != null) {
            Long seed = overrides.sampleSeed() != null ? overrides.sampleSeed()
                    : entry != null && entry.sample() != null ? entry.sample().seed() : null;
            sample = new DatasetSpec.Sample(sampleSize, seed == null ? 42 : seed);
        }
        if (limit != null && limit <= 0) {
            problems.add(where + ": `limit` must be a positive number of rows, got " + limit);
        }
        if (sampleSize != null && sampleSize <= 0) {
            problems.add(where + ": `sample.size` must be positive, got " + sampleSize);
        }
        return new DatasetSpec(path, text, label, id, limit, sample);
    }

    private static LabelSet labels(EvalConfig config, RunOverrides overrides, DatasetSpec dataset, String where,
                                   List<String> problems) {
        try {
            if (!overrides.labels().isEmpty()) {
                return LabelSet.ofNames(overrides.labels());
            }
            if (config != null && config.labels() != null && !config.labels().isEmpty()) {
                List<Label> labels = new ArrayList<>();
                for (EvalConfig.LabelEntry entry : config.labels()) {
                    if (entry.name() == null || entry.name().isBlank()) {
                        problems.add(where + ": a label in `labels` has no name");
                        continue;
                    }
                    labels.add(new Label(entry.name(), entry.aliases(), entry.description()));
                }
                return labels.isEmpty() ? null : new LabelSet(labels);
            }
            Map<String, Integer> counts = LabelCounts.of(dataset, null);
            if (counts.isEmpty()) {
                problems.add(dataset.path() + ": no rows, so no labels to infer; declare `labels` in the config");
                return null;
            }
            return LabelSet.ofNames(List.copyOf(counts.keySet()));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": labels: " + e.getMessage());
            return null;
        } catch (LabelbenchException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static List<TemplateRenderer> templates(EvalConfig config, RunOverrides overrides, Path base, String where,
                                                    List<String> problems) {
        List<Path> paths = new ArrayList<>();
        if (!overrides.prompts().isEmpty()) {
            overrides.prompts().forEach(p -> paths.add(Path.of(p).toAbsolutePath()));
        } else if (config != null && config.prompts() != null) {
            config.prompts().forEach(p -> paths.add(base.resolve(p).normalize()));
        }
        if (paths.isEmpty()) {
            problems.add(where + ": no prompt templates: list them under `prompts` or pass --prompt FILE");
        }
        List<TemplateRenderer> templates = new ArrayList<>();
        for (Path path : paths) {
            try {
                TemplateRenderer renderer = new TemplateRenderer(TemplateLoader.load(path));
                boolean duplicate = templates.stream().anyMatch(t -> t.template().name().equals(renderer.template().name()));
                if (duplicate) {
                    problems.add(path + ": another template is also named '" + renderer.template().name()
                            + "'; give one a different `name`");
                }
                templates.add(renderer);
            } catch (LabelbenchException e) {
                problems.add(e.getMessage());
            }
        }
        return templates;
    }

    private static List<ModelSpec> models(EvalConfig config, RunOverrides overrides, String where, List<String> problems) {
        List<ModelSpec> models = new ArrayList<>();
        try {
            if (!overrides.models().isEmpty()) {
                for (String id : overrides.models()) {
                    models.add(ModelSpec.parse(id));
                }
            } else if (config != null && config.models() != null) {
                for (EvalConfig.ModelEntry entry : config.models()) {
                    models.add(fromEntry(entry));
                }
            }
        } catch (LabelbenchException e) {
            problems.add(where + ": " + e.getMessage());
        }
        if (models.isEmpty() && problems.stream().noneMatch(p -> p.contains("model"))) {
            problems.add(where + ": no models: list them under `models` or pass --model KIND:NAME (e.g. embedded:minilm, ollama:qwen2.5:0.5b)");
        }
        return models;
    }

    private static ModelSpec fromEntry(EvalConfig.ModelEntry entry) {
        if (entry.id() == null) {
            throw LabelbenchException.input("a model in `models` has no `id` (e.g. id: ollama:qwen2.5:0.5b)");
        }
        ModelSpec parsed = ModelSpec.parse(entry.id());
        List<String> urls = new ArrayList<>(parsed.urls());
        if (entry.url() != null) {
            urls.add(entry.url());
        }
        if (entry.urls() != null) {
            urls.addAll(entry.urls());
        }
        return new ModelSpec(parsed.kind(), parsed.name(), urls, entry.options(), entry.apiKeyEnv(),
                entry.constrained(), entry.concurrency());
    }

    private static void checkParse(ParseSpec spec, String where, List<String> problems) {
        try {
            ReplyParsers.create(spec);
        } catch (LabelbenchException e) {
            problems.add(where + ": " + e.getMessage());
        }
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
