package dev.labelbench.cli;

import dev.labelbench.core.ExitCode;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.run.RunAnalysis;
import dev.labelbench.run.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code labelbench report}: re-render a run folder's report and metrics from its results.jsonl, calling no model. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-render report.html, summary.md, metrics.json and metrics.csv of a run folder from its "
                + "run.json and results.jsonl, without calling any model (a changed parser or report applies to old runs).",
        footer = {"", "Examples:", "  labelbench report reports/support-tickets-20260101-120000"})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder written by `labelbench run` or `score`.")
    Path dir;

    @Mixin
    VerboseMixin verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw LabelbenchException.input(dir + ": no such run folder (give the folder a run wrote, e.g. reports/<name>-<timestamp>)");
        }
        RunFolder folder = new RunFolder(dir);
        RunAnalysis analysis = RunAnalysis.ofFolder(folder);
        if (analysis.predictions().isEmpty()) {
            throw LabelbenchException.input(folder.results() + " has no results yet; nothing to report");
        }
        for (Path file : analysis.writeFiles(folder)) {
            spec.commandLine().getOut().println(file);
        }
        Logging.debug("re-rendered from " + folder.results() + " (" + analysis.predictions().size() + " predictions)");
        return ExitCode.OK.code();
    }
}
