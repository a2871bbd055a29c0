package dev.labelbench.cli;

import dev.labelbench.report.ReportBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** {@code labelbench bench report}: render time and size of report.html for a large made-up run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render report.html for a made-up run (default 5 models x 3 templates x 2,000 examples) and "
                + "print how long it takes and how big the file is.")
public final class BenchReportCommand implements Runnable {
    @Option(names = "--models", defaultValue = "5", description = "Models (default ${DEFAULT-VALUE}).")
    int models;

    @Option(names = "--templates", defaultValue = "3", description = "Templates (default ${DEFAULT-VALUE}).")
    int templates;

    @Option(names = "--examples", defaultValue = "2000", description = "Examples (default ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = {"-o", "--out"}, defaultValue = "target/report-benchmark", paramLabel = "DIR",
            description = "Where to write the report (default ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(ReportBenchmark.run(models, templates, examples, out));
        spec.commandLine().getOut().flush();
    }
}
