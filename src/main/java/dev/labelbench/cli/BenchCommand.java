package dev.labelbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code labelbench bench}: benchmarks that print figures (speed, memory), one subcommand each. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of labelbench itself; each prints its figures.",
        subcommands = {BenchMetricsCommand.class, BackendBenchCommand.class, BenchReportCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
