package dev.labelbench.run;

import dev.labelbench.backend.Backend;
import dev.labelbench.backend.BackendContext;
import dev.labelbench.backend.BackendException;
import dev.labelbench.backend.BackendFactory;
import dev.labelbench.backend.BackendSettings;
import dev.labelbench.backend.GenerationRequest;
import dev.labelbench.core.Example;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import dev.labelbench.core.RunInfo;
import dev.labelbench.dataset.DatasetLoader;
import dev.labelbench.parse.ParsedReply;
import dev.labelbench.parse.ReplyParser;
import dev.labelbench.parse.ReplyParsers;
import dev.labelbench.prompt.FewShotSelector;
import dev.labelbench.prompt.TemplateRenderer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a plan: checks it, asks every model about every example through every template, appends each prediction to
 * {@code results.jsonl} as it arrives, then writes the metrics files.
 */
public final class EvaluationRunner {
    private final BackendFactory backends;
    private final Consumer<String> log;
    private final BackendSettings settings;

    public EvaluationRunner(BackendFactory backends, Consumer<String> log) {
        this(backends, log, BackendSettings.DEFAULTS);
    }

    /** {@code settings}: timeouts for the token scorers of {@code scoring: logprob} cells. */
    public EvaluationRunner(BackendFactory backends, Consumer<String> log, BackendSettings settings) {
        this.backends = backends;
        this.log = log;
        this.settings = settings;
    }

    public RunAnalysis run(RunPlan plan) {
        List<String> problems = Validator.check(plan);
        if (!problems.isEmpty()) {
            throw LabelbenchException.input(String.join("\n", problems));
        }
        List<Example> examples = DatasetLoader.load(plan.dataset(), plan.labels());
        List<Example> fewShot = fewShot(plan, examples);
        BackendContext context = new BackendContext(plan.labels(), fewShot);
        RunFolder folder = new RunFolder(plan.out());
        LogprobCells logprob = LogprobCells.open(plan, settings);
        List<Backend> opened = openAndCheck(plan, context, examples, fewShot);
        try {
            RunInfo info = RunInfoFactory.describe(plan, examples, opened);
            folder.writeRunInfo(info);
            log.accept("run folder: " + folder.dir());
            try (ResultsLog results = ResultsLog.append(folder.results())) {
                for (Backend backend : opened) {
                    for (TemplateRenderer template : plan.templates()) {
                        runCell(plan, backend, template, examples, fewShot, results, logprob);
                    }
                }
            }
            RunAnalysis analysis = RunAnalysis.ofFolder(folder);
            analysis.writeFiles(folder);
            return analysis;
        } finally {
            opened.forEach(Backend::close);
        }
    }

    private List<Backend> openAndCheck(RunPlan plan, BackendContext context, List<Example> examples, List<Example> fewShot) {
        List<Backend> opened = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Prompt longest = longestPrompt(plan, examples, fewShot);
        for (ModelSpec model : plan.models()) {
            Backend backend = backends.open(model, context);
            opened.add(backend);
            problems.addAll(longest == null ? backend.preflight()
                    : backend.preflight(new GenerationRequest(longest, null, plan.optionsFor(model), null, null)));
        }
        if (!problems.isEmpty()) {
            opened.forEach(Backend::close);
            throw LabelbenchException.server(String.join("\n", problems));
        }
        return opened;
    }

    /** The longest prompt the run will send, so backends can check once that it fits each model's context. */
    private static Prompt longestPrompt(RunPlan plan, List<Example> examples, List<Example> fewShot) {
        Prompt longest = null;
        for (TemplateRenderer template : plan.templates()) {
            for (Example example : examples) {
                Prompt prompt = template.render(example, plan.labels(), fewShot);
                if (longest == null || prompt.flatText().length() > longest.flatText().length()) {
                    longest = prompt;
                }
            }
        }
        return longest;
    }

    private void runCell(RunPlan plan, Backend backend, TemplateRenderer template, List<Example> examples,
                         List<Example> fewShot, ResultsLog results, LogprobCells logprob) {
        ModelSpec model = backend.model();
        GenerationOptions options = plan.optionsFor(model);
        ReplyParser parser = ReplyParsers.create(plan.parseFor(template));
        boolean constrained = plan.constrainedFor(model, template);
        log.accept(model.id() + " x " + template.template().name() + ": " + examples.size() + " examples");
        boolean byLogprob = LogprobCells.LOGPROB.equals(LogprobCells.scoringFor(plan, template));
        for (Example example : examples) {
            Prompt prompt = template.render(example, plan.labels(), fewShot);
            if (byLogprob) {
                results.write(logprob.predict(model, template.template().name(), example, prompt, plan, options));
                continue;
            }
            GenerationRequest request = new GenerationRequest(prompt, example, options,
                    constrained ? plan.labels() : null, null);
            results.write(predict(backend, template, example, request, parser, plan));
        }
    }

    static Prediction predict(Backend backend, TemplateRenderer template, Example example, GenerationRequest request,
                              ReplyParser parser, RunPlan plan) {
        String model = backend.model().id();
        String templateName = template.template().name();
        try {
            Reply reply = backend.generate(request);
            ParsedReply parsed = parser.parse(reply.text(), plan.labels());
            return new Prediction(example.id(), model, templateName, example.text(), example.gold(), parsed.label(),
                    parsed.rule(), reply, null, null);
        } catch (BackendException e) {
            return new Prediction(example.id(), model, templateName, example.text(), example.gold(), null, null, null,
                    e.getMessage(), null);
        }
    }

    private static List<Example> fewShot(RunPlan plan, List<Example> evaluated) {
        if (plan.fewShotSource() == null) {
            return List.of();
        }
        List<Example> pool = DatasetLoader.load(plan.fewShotSource(), plan.labels());
        Set<String> texts = new HashSet<>();
        evaluated.forEach(e -> texts.add(e.text()));
        return FewShotSelector.select(pool, texts, plan.fewShotPerLabel(), plan.fewShotSeed());
    }
}
