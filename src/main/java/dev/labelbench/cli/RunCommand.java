package dev.labelbench.cli;

import dev.labelbench.backend.BackendFactory;
import dev.labelbench.backend.BackendSettings;
import dev.labelbench.cache.ResponseCache;
import dev.labelbench.cache.SqliteResponseCache;
import dev.labelbench.core.ExitCode;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.report.ConsoleSummary;
import dev.labelbench.run.EngineSettings;
import dev.labelbench.run.EvaluationRunner;
import dev.labelbench.run.MetricsDelta;
import dev.labelbench.run.PlainProgress;
import dev.labelbench.run.PlanWatcher;
import dev.labelbench.run.QualityGate;
import dev.labelbench.run.RunAnalysis;
import dev.labelbench.run.RunControl;
import dev.labelbench.run.RunOverrides;
import dev.labelbench.run.RunPlan;
import dev.labelbench.run.RunPlanner;
import dev.labelbench.run.RunProgress;
import dev.labelbench.run.RunRecipe;
import dev.labelbench.run.TerminalProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code labelbench run}: evaluate models on a dataset and write the run folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Evaluate every model with every template on the dataset; write results.jsonl, metrics.json, "
                + "metrics.csv and a summary.",
        footer = {"", "Examples:",
                "  labelbench run datasets/support-tickets.eval.yaml",
                "  labelbench run eval.yaml --model ollama:qwen2.5:0.5b --model ollama:llama3.2:1b --limit 50",
                "  labelbench run --dataset data.csv --prompt prompts/zero-shot.yaml --model embedded:minilm",
                "  labelbench run eval.yaml --fail-under macro_f1=0.8     # exit 1 if any cell scores below",
                "  labelbench run eval.yaml --concurrency 4               # 4 requests in flight per server",
                "  labelbench run --resume reports/support-tickets-20261125-101500   # continue a stopped run",
                "  labelbench run --watch eval.yaml                       # re-run on every template/config edit"})
public final class RunCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for the run folder to be made consistent before the JVM exits anyway. */
    private static final long SHUTDOWN_GRACE_SECONDS = 30;

    @Mixin
    EvalOptionsMixin eval;

    @Mixin
    VerboseMixin verbose;

    @Mixin
    CacheOptionsMixin cacheOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Read timeout per request (default 300: cold model loads are slow).")
    Integer timeoutSeconds;

    @Option(names = "--retries", paramLabel = "N", description = "Retries for a failed request (5xx, busy, reset, timeout; default 2).")
    Integer retries;

    @Option(names = "--fail-under", paramLabel = "METRIC=VALUE",
            description = "Exit with code 1 if any cell's METRIC (e.g. macro_f1, accuracy) is below VALUE (repeatable).")
    List<String> failUnder;

    @Option(names = "--resume", paramLabel = "RUN-DIR",
            description = "Continue a stopped run in RUN-DIR: ask only what its results.jsonl lacks (failed requests are asked again).")
    Path resume;

    @Option(names = "--no-cache", description = "Neither read nor write the response cache.")
    boolean noCache;

    @Option(names = "--watch", description = "Run again whenever the config or a template changes; print the metric changes.")
    boolean watch;

    @Option(names = "--progress", paramLabel = "MODE",
            description = "Progress on stderr: auto (default: bars on a terminal, a line every 10 s otherwise), bar, plain, none.")
    String progress = "auto";

    @Override
    public Integer call() {
        QualityGate gate = QualityGate.parse(failUnder);
        if (resume != null && watch) {
            throw LabelbenchException.usage("--resume and --watch cannot be combined");
        }
        if (resume != null && (eval.config != null || eval.out != null)) {
            throw LabelbenchException.usage("--resume RUN-DIR takes the run's own config; drop EVAL.yaml and --out");
        }
        if (eval.concurrency != null && eval.concurrency < 1) {
            throw LabelbenchException.usage("--concurrency must be at least 1, got " + eval.concurrency);
        }
        BackendSettings backendSettings = backendSettings();
        BackendFactory backends = new BackendFactory(backendSettings);
        // The test suite sets labelbench.no-cache so in-process runs never touch the user's cache by accident.
        boolean bypass = noCache || (cacheOptions.cacheDir == null && Boolean.getBoolean("labelbench.no-cache"));
        try (ResponseCache cache = bypass ? ResponseCache.DISABLED : SqliteResponseCache.open(cacheOptions.dir())) {
            if (watch) {
                return watchLoop(backends, backendSettings, cache, gate);
            }
            RunRecipe recipe = resume != null ? RunRecipe.read(resume.toAbsolutePath().normalize()) : null;
            RunPlan plan = recipe != null ? recipe.plan(resume.toAbsolutePath().normalize())
                    : RunPlanner.plan(eval.config, eval.toOverrides());
            if (recipe == null) {
                RunRecipe.of(eval.config, eval.toOverrides(), plan.out()).write(plan.out());
            }
            RunControl control = new RunControl();
            RunAnalysis analysis = runInterruptibly(backends, backendSettings, cache, plan, control, recipe != null);
            if (control.cancelled()) {
                Logging.info("stopped; partial metrics written to " + plan.out());
                Logging.info("continue with: labelbench run --resume " + plan.out());
                return ExitCode.INTERRUPTED.code();
            }
            printSummary(analysis);
            Logging.info("wrote " + plan.out());
            List<String> failures = gate.failures(analysis.cells());
            failures.forEach(failure -> Logging.info("quality gate: " + failure));
            return failures.isEmpty() ? ExitCode.OK.code() : ExitCode.QUALITY_GATE.code();
        }
    }

    private BackendSettings backendSettings() {
        BackendSettings defaults = BackendSettings.DEFAULTS;
        return new BackendSettings(defaults.connectTimeout(),
                timeoutSeconds == null ? defaults.readTimeout() : Duration.ofSeconds(timeoutSeconds),
                retries == null ? defaults.maxRetries() : retries, defaults.retryBackoff());
    }

    /**
     * Runs with a shutdown hook: Ctrl-C (or a TERM signal) stops the engine, which keeps every answered line and
     * writes the partial metrics; the hook holds the JVM open until that is done.
     */
    private RunAnalysis runInterruptibly(BackendFactory backends, BackendSettings backendSettings, ResponseCache cache,
                                         RunPlan plan, RunControl control, boolean resuming) {
        Thread hook = new Thread(() -> {
            control.cancel();
            try {
                control.awaitFinished(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "labelbench-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (RunProgress display = progressDisplay()) {
            EngineSettings settings = new EngineSettings(cache, eval.concurrency, resuming, true, display, control);
            return new EvaluationRunner(backends, Logging::info, backendSettings, settings).run(plan);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns once the run has finished
            }
        }
    }

    private RunProgress progressDisplay() {
        return switch (progress) {
            case "none" -> RunProgress.NONE;
            case "plain" -> new PlainProgress(Logging::info, 10);
            case "bar" -> new TerminalProgress();
            case "auto" -> System.console() != null ? new TerminalProgress() : new PlainProgress(Logging::info, 10);
            default -> throw LabelbenchException.usage("--progress must be auto, bar, plain or none, got '" + progress + "'");
        };
    }

    private void printSummary(RunAnalysis analysis) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(ConsoleSummary.render(analysis.cells(), analysis.significance()));
        out.flush();
    }

    /** The prompt-iteration loop: run, print the change against the previous run, wait for an edit, repeat. */
    private int watchLoop(BackendFactory backends, BackendSettings backendSettings, ResponseCache cache,
                          QualityGate gate) {
        if (eval.config == null && eval.prompts == null) {
            throw LabelbenchException.usage("--watch needs an EVAL.yaml or --prompt files to watch");
        }
        RunControl stopAll = new RunControl();
        Thread hook = new Thread(stopAll::cancel, "labelbench-watch-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        RunAnalysis previous = null;
        Set<Path> inputs = PlanWatcher.inputsOf(eval.config, null);
        int iteration = 0;
        try {
            while (!stopAll.cancelled()) {
                iteration++;
                try {
                    RunOverrides overrides = eval.toOverrides();
                    RunPlan plan = RunPlanner.plan(eval.config, overrides);
                    if (eval.out != null) {
                        plan = RunPlanner.plan(eval.config, withOut(overrides, eval.out.resolve("run-" + iteration)));
                    }
                    inputs = PlanWatcher.inputsOf(eval.config, plan);
                    RunRecipe.of(eval.config, overrides, plan.out()).write(plan.out());
                    RunAnalysis analysis = runInterruptibly(backends, backendSettings, cache, plan, new RunControl(), false);
                    printSummary(analysis);
                    PrintWriter out = spec.commandLine().getOut();
                    if (previous != null) {
                        out.println("change against the previous run:");
                    }
                    MetricsDelta.lines(previous == null ? List.of() : previous.cells(), analysis.cells())
                            .forEach(line -> out.println("  " + line));
                    out.flush();
                    gate.failures(analysis.cells()).forEach(f -> Logging.info("quality gate: " + f));
                    previous = analysis;
                } catch (LabelbenchException e) {
                    for (String line : e.getMessage().split("\n")) {
                        Logging.info("error: " + line);
                    }
                }
                Logging.info("watching " + inputs.size() + " file(s) for changes (Ctrl-C to stop)");
                Set<Path> changed = PlanWatcher.awaitChange(inputs, stopAll::cancelled);
                changed.forEach(path -> Logging.info("changed: " + path));
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // exiting anyway
            }
        }
        return ExitCode.INTERRUPTED.code();
    }

    private static RunOverrides withOut(RunOverrides o, Path out) {
        return new RunOverrides(o.name(), o.dataset(), o.textFields(), o.labelField(), o.idField(), o.prompts(),
                o.models(), o.labels(), o.limit(), o.sample(), o.sampleSeed(), o.options(), o.parse(), o.constrained(),
                o.scoring(), o.concurrency(), out);
    }
}
