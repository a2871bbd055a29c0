package dev.labelbench.cli;

import dev.labelbench.metrics.MetricsBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code labelbench bench metrics}: time to compute every metric and interval for 100,000 predictions. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Compute all metrics and 1,000-resample bootstrap intervals for 100,000 predictions over 10 "
                + "classes, and print how long it takes.")
public final class BenchMetricsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(MetricsBenchmark.run());
        spec.commandLine().getOut().flush();
    }
}
