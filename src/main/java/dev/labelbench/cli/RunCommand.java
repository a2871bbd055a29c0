package dev.labelbench.cli;

import dev.labelbench.backend.BackendFactory;
import dev.labelbench.backend.BackendSettings;
import dev.labelbench.core.ExitCode;
import dev.labelbench.run.EvaluationRunner;
import dev.labelbench.run.QualityGate;
import dev.labelbench.run.RunAnalysis;
import dev.labelbench.run.RunPlan;
import dev.labelbench.run.RunPlanner;
import dev.labelbench.report.ConsoleSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code labelbench run}: evaluate models on a dataset and write the run folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Evaluate every model with every template on the dataset; write results.jsonl, metrics.json, "
                + "metrics.csv and a summary.",
        footer = {"", "Examples:",
                "  labelbench run datasets/support-tickets.eval.yaml",
                "  labelbench run eval.yaml --model ollama:qwen2.5:0.5b --model ollama:llama3.2:1b --limit 50",
                "  labelbench run --dataset data.csv --prompt prompts/zero-shot.yaml --model embedded:minilm",
                "  labelbench run eval.yaml --fail-under macro_f1=0.8     # exit 1 if any cell scores below"})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    EvalOptionsMixin eval;

    @Mixin
    VerboseMixin verbose;

    @Spec
    CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Read timeout per request (default 300: cold model loads are slow).")
    Integer timeoutSeconds;

    @Option(names = "--retries", paramLabel = "N", description = "Retries for a failed request (5xx, busy, reset, timeout; default 2).")
    Integer retries;

    @Option(names = "--fail-under", paramLabel = "METRIC=VALUE",
            description = "Exit with code 1 if any cell's METRIC (e.g. macro_f1, accuracy) is below VALUE (repeatable).")
    List<String> failUnder;

    @Override
    public Integer call() {
        QualityGate gate = QualityGate.parse(failUnder);
        RunPlan plan = RunPlanner.plan(eval.config, eval.toOverrides());
        BackendSettings defaults = BackendSettings.DEFAULTS;
        BackendSettings settings = new BackendSettings(defaults.connectTimeout(),
                timeoutSeconds == null ? defaults.readTimeout() : Duration.ofSeconds(timeoutSeconds),
                retries == null ? defaults.maxRetries() : retries, defaults.retryBackoff());
        RunAnalysis analysis = new EvaluationRunner(new BackendFactory(settings), Logging::info, settings).run(plan);
        spec.commandLine().getOut().print(ConsoleSummary.render(analysis.cells(), analysis.significance()));
        spec.commandLine().getOut().flush();
        Logging.info("wrote " + plan.out());
        List<String> failures = gate.failures(analysis.cells());
        failures.forEach(failure -> Logging.info("quality gate: " + failure));
        return failures.isEmpty() ? ExitCode.OK.code() : ExitCode.QUALITY_GATE.code();
    }
}
