package dev.labelbench.cli;

import dev.labelbench.core.ExitCode;
import dev.labelbench.run.RunPlan;
import dev.labelbench.run.RunPlanner;
import dev.labelbench.run.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code labelbench validate}: check config, dataset and templates without calling a model. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the config, the dataset and every template (unknown variables, gold labels outside the "
                + "label set, empty rows, duplicate ids) without calling any model. Lists every problem at once.",
        footer = {"", "Examples:", "  labelbench validate datasets/support-tickets.eval.yaml",
                "  labelbench validate --dataset data.csv --prompt prompts/zero-shot.yaml --model ollama:qwen2.5:0.5b"})
public final class ValidateCommand implements Callable<Integer> {
    @Mixin
    EvalOptionsMixin eval;

    @Mixin
    VerboseMixin verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> problems = new ArrayList<>();
        RunPlan plan = RunPlanner.plan(eval.config, eval.toOverrides(), problems);
        if (plan != null) {
            problems.addAll(Validator.check(plan));
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> spec.commandLine().getErr().println("error: " + problem));
            spec.commandLine().getErr().println(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " found");
            return ExitCode.INPUT.code();
        }
        spec.commandLine().getOut().println("OK: " + plan.dataset().path() + ", labels " + plan.labels() + ", "
                + plan.templates().size() + " template(s), " + plan.models().size() + " model(s)");
        return ExitCode.OK.code();
    }
}
