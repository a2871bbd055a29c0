package dev.labelbench.cli;

import dev.labelbench.bench.ThroughputBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code labelbench bench throughput}: the run engine against a stub server; prints its figures on stdout. */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = "Examples/s at each concurrency against the ideal, harness CPU per example, peak heap on a large "
                + "dataset, and a fully cached rerun; against an in-process stub Ollama server.",
        footer = {"", "Examples:", "  labelbench bench throughput",
                "  java -Xmx256m -jar target/labelbench.jar bench throughput --large 100000   # memory stays bounded"})
public final class ThroughputBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--latency-ms", description = "Stub server time per request (default ${DEFAULT-VALUE}).")
    double latencyMillis = 50;

    @Option(names = "--levels", split = ",", description = "Concurrency levels (default ${DEFAULT-VALUE}).")
    List<Integer> levels = List.of(1, 2, 4, 8, 16, 32);

    @Option(names = "--requests-per-slot", description = "Requests per level = this x concurrency (default ${DEFAULT-VALUE}).")
    int requestsPerSlot = 40;

    @Option(names = "--large", description = "Examples in the large-dataset run (default ${DEFAULT-VALUE}).")
    int large = 100_000;

    @Option(names = "--large-latency-ms", description = "Stub time per request in the large run (default ${DEFAULT-VALUE}).")
    double largeLatencyMillis = 1;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("labelbench-bench");
        try {
            new ThroughputBenchmark(spec.commandLine().getOut(), work).run(new ThroughputBenchmark.Settings(
                    latencyMillis, levels, requestsPerSlot, large, largeLatencyMillis));
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        return 0;
    }
}
