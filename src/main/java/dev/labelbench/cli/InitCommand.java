package dev.labelbench.cli;

import dev.labelbench.core.ExitCode;
import dev.labelbench.run.EvalScaffold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code labelbench init}: from a dataset to a first eval config in one step. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Look at a dataset (columns, label values and counts) and write a starting eval YAML and a "
                + "zero-shot prompt template next to it.",
        footer = {"", "Examples:", "  labelbench init datasets/tickets.csv",
                "  labelbench init reviews.jsonl --text body --label stars --model ollama:qwen2.5:0.5b"})
public final class InitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATASET", description = "CSV, TSV or JSONL file.")
    Path dataset;

    @Option(names = "--text", paramLabel = "FIELD", description = "Text field (default: guessed).")
    String textField;

    @Option(names = "--label", paramLabel = "FIELD", description = "Label field (default: guessed).")
    String labelField;

    @Option(names = "--model", paramLabel = "KIND:NAME", description = "Model to put in the config (default embedded:minilm).")
    String model;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Config to write (default: <dataset>.eval.yaml beside it).")
    Path out;

    @Option(names = "--force", description = "Overwrite files that exist.")
    boolean force;

    @Mixin
    VerboseMixin verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        EvalScaffold scaffold = EvalScaffold.inspect(dataset, textField, labelField);
        spec.commandLine().getOut().print(scaffold.describe());
        for (Path written : scaffold.write(out, model, force)) {
            spec.commandLine().getOut().println("wrote " + written);
        }
        spec.commandLine().getOut().println("next: labelbench validate " + scaffold.configPath(out)
                + " && labelbench run " + scaffold.configPath(out));
        return ExitCode.OK.code();
    }
}
