package dev.labelbench.cli;

import dev.labelbench.core.ExitCode;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.Scores;
import dev.labelbench.report.CompareHtmlWriter;
import dev.labelbench.report.ComparisonSummary;
import dev.labelbench.report.RunComparison;
import dev.labelbench.report.RunData;
import dev.labelbench.run.RunAnalysis;
import dev.labelbench.run.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code labelbench compare}: what changed from run A to run B, and whether it is significant. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two runs cell by cell (same model and template): the metric in each, the examples B "
                + "fixed and broke, and McNemar's exact test on them (Holm-adjusted over the shared cells).",
                "Writes compare.html (into RUN_DIR_B unless --out) and prints a summary."},
        footer = {"", "Examples:",
                "  labelbench compare reports/v1-20260101-120000 reports/v2-20260102-090000",
                "  labelbench compare runs/main runs/pr --fail-if-worse --metric macro_f1   # exit 1 if B is significantly worse"})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR_A", description = "The baseline run folder (before).")
    Path dirA;

    @Parameters(index = "1", paramLabel = "RUN_DIR_B", description = "The run folder to judge (after).")
    Path dirB;

    @Option(names = "--metric", paramLabel = "METRIC", defaultValue = "macro_f1",
            description = "Metric to compare and gate on (default ${DEFAULT-VALUE}; also accuracy, weighted_f1, mcc...).")
    String metric;

    @Option(names = "--fail-if-worse",
            description = "Exit with code 1 if B is significantly worse than A in any shared cell.")
    boolean failIfWorse;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write the page (default RUN_DIR_B/compare.html).")
    Path out;

    @Mixin
    VerboseMixin verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        new Scores(0, 0, 0, 0, 0, 0, 0, 0, 0, 0).get(metric); // an unknown metric is a usage error before any work
        RunData a = load(dirA);
        RunData b = load(dirB);
        RunComparison comparison = RunComparison.of(a, b, metric);
        String nameA = name(a, dirA);
        String nameB = name(b, dirB);
        Path page = out != null ? out : dirB.resolve(CompareHtmlWriter.FILE_NAME);
        new CompareHtmlWriter().write(comparison, nameA, nameB, page);
        spec.commandLine().getOut().print(ComparisonSummary.render(comparison, nameA, nameB));
        spec.commandLine().getOut().flush();
        Logging.info("wrote " + page);
        if (failIfWorse && !comparison.significantlyWorse().isEmpty()) {
            Logging.info("quality gate: B is significantly worse than A on " + metric);
            return ExitCode.QUALITY_GATE.code();
        }
        return ExitCode.OK.code();
    }

    private static RunData load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw LabelbenchException.input(dir + ": no such run folder (give two folders written by `labelbench run`)");
        }
        RunAnalysis analysis = RunAnalysis.ofFolder(new RunFolder(dir));
        return new RunData(analysis.info(), analysis.predictions(), analysis.cells(), analysis.comparisons());
    }

    private static String name(RunData run, Path dir) {
        String folder = String.valueOf(dir.toAbsolutePath().normalize().getFileName());
        String name = run.info().name();
        return name == null || folder.contains(name) ? folder : name + " (" + folder + ")";
    }
}
