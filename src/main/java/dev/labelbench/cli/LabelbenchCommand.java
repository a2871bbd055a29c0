package dev.labelbench.cli;

import dev.labelbench.run.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code labelbench} command: only help, version and the list of subcommands. */
@Command(name = "labelbench",
        mixinStandardHelpOptions = true,
        versionProvider = LabelbenchCommand.VersionProvider.class,
        description = {"Measure how well local LLMs classify text.",
                "Sends every example of a labelled dataset through every prompt template to every model, reads each "
                        + "reply as a label, and writes metrics with confidence intervals and reports."},
        footer = {"",
                "Examples:",
                "  labelbench init datasets/tickets.csv",
                "  labelbench validate datasets/support-tickets.eval.yaml",
                "  labelbench run datasets/support-tickets.eval.yaml",
                "  labelbench run --dataset data.csv --prompt prompts/zero-shot.yaml --model ollama:qwen2.5:0.5b",
                "  labelbench score predictions.csv --gold label --pred prediction",
                "  labelbench models --backend llamacpp --url http://127.0.0.1:8080",
                "  labelbench report reports/support-tickets-20260101-120000",
                "  labelbench compare reports/v1-20260101-120000 reports/v2-20260102-090000 --fail-if-worse"},
        subcommands = {
                RunCommand.class,
                ValidateCommand.class,
                ScoreCommand.class,
                InitCommand.class,
                BenchCommand.class,
                ModelsCommand.class,
                ReportCommand.class,
                CompareCommand.class,
                CommandLine.HelpCommand.class
        })
public final class LabelbenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"labelbench " + Version.current()};
        }
    }
}
