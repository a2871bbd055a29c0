package dev.labelbench.cli;

import dev.labelbench.core.ExitCode;
import dev.labelbench.report.ConsoleSummary;
import dev.labelbench.run.ExternalPredictions;
import dev.labelbench.run.RunAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code labelbench score}: metrics for predictions made elsewhere. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Compute the same metrics and files as `run` from predictions made elsewhere (LM Studio, a "
                + "notebook...): a CSV, TSV or JSONL file with a gold and a predicted column.",
        footer = {"", "Examples:", "  labelbench score predictions.csv --gold label --pred prediction",
                "  labelbench score preds.jsonl --gold gold --pred predicted --labels positive,negative,neutral --out reports/lmstudio"})
public final class ScoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PREDICTIONS", description = "CSV, TSV or JSONL file of predictions.")
    Path file;

    @Option(names = "--gold", required = true, paramLabel = "COLUMN", description = "Column with the gold label.")
    String goldColumn;

    @Option(names = "--pred", required = true, paramLabel = "COLUMN", description = "Column with the predicted label (or raw reply).")
    String predictedColumn;

    @Option(names = "--id", paramLabel = "COLUMN", description = "Column with the example id (default: row number).")
    String idColumn;

    @Option(names = "--text", paramLabel = "COLUMN", description = "Column with the text, shown in reports.")
    String textColumn;

    @Option(names = "--labels", split = ",", paramLabel = "A,B,...", description = "Allowed labels (default: the gold values).")
    List<String> labels;

    @Option(names = "--parse", paramLabel = "STRATEGY", description = "How the predicted column becomes a label (default auto).")
    String parse;

    @Option(names = "--model", paramLabel = "NAME", description = "Name to show as the model (default: the file name).")
    String model;

    @Option(names = "--template", paramLabel = "NAME", description = "Name to show as the template (default: external).")
    String template;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Run folder (default: reports/<file>-scored-<timestamp>).")
    Path out;

    @Mixin
    VerboseMixin verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ExternalPredictions external = new ExternalPredictions(file, goldColumn, predictedColumn, idColumn, textColumn,
                labels, parse, model, template, out);
        RunAnalysis analysis = external.score();
        spec.commandLine().getOut().print(ConsoleSummary.render(analysis.cells(), analysis.significance()));
        spec.commandLine().getOut().flush();
        Logging.info("wrote " + external.outDir());
        return ExitCode.OK.code();
    }
}
