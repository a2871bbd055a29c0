package dev.labelbench.cli;

import dev.labelbench.bench.StubLlmServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code labelbench bench stub-server}: the benchmark's stub Ollama server on its own, so other tools (promptfoo in
 * {@code src/bench/promptfoo/run-comparison.sh}) can be timed against exactly the same server.
 */
@Command(name = "stub-server", mixinStandardHelpOptions = true,
        description = "Serve a stub Ollama API (/api/tags, /api/chat) with a fixed latency and N slots until killed.")
public final class StubServerBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "Port (default ${DEFAULT-VALUE}).")
    int port = 18434;

    @Option(names = "--latency-ms", description = "Time per request (default ${DEFAULT-VALUE}).")
    double latencyMillis = 50;

    @Option(names = "--slots", description = "Requests served in parallel (default ${DEFAULT-VALUE}).")
    int slots = 32;

    @Option(names = "--model", description = "Model name listed (default ${DEFAULT-VALUE}).")
    String model = "bench:stub";

    @Option(names = "--labels", split = ",", description = "Replies to pick from (default ${DEFAULT-VALUE}).")
    List<String> labels = List.of("positive", "negative", "neutral");

    @Override
    public Integer call() throws Exception {
        try (StubLlmServer server = StubLlmServer.start(port, slots, latencyMillis, List.of(model), labels)) {
            Logging.info("stub Ollama server at " + server.url() + " (" + slots + " slots, " + latencyMillis
                    + " ms per request); Ctrl-C to stop");
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
