package dev.labelbench.cli;

import dev.labelbench.backend.Backend;
import dev.labelbench.backend.BackendContext;
import dev.labelbench.backend.BackendException;
import dev.labelbench.backend.BackendFactory;
import dev.labelbench.backend.BackendSettings;
import dev.labelbench.backend.GenerationRequest;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.ExitCode;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code labelbench bench backend}: requests per second and latency of one backend against a running server, in a
 * closed loop (each worker sends its next request when the last one is answered), with the classification-style
 * request of fixtures/llama-server/THROUGHPUT.md so the figures compare with the server's own ceiling.
 */
@Command(name = "backend", mixinStandardHelpOptions = true,
        description = "Measure requests/s and latency (median, p95) of one model server through labelbench's backend, "
                + "at each concurrency level.",
        footer = {"", "Example:", "  labelbench bench backend --model llamacpp:stories260K@http://127.0.0.1:8089 --requests 200 --concurrency 1,2,4,8"})
public final class BackendBenchCommand implements Callable<Integer> {
    static final String SYSTEM = "You are a sentiment classifier. Reply with exactly one word: positive, negative, or neutral.";
    static final List<String> REVIEWS = List.of("I loved this movie, it was wonderful!", "The service was slow and the food was cold.",
            "The package arrived on Tuesday.", "Absolutely terrible, never again.", "It was fine, nothing special.",
            "Best purchase I have made this year.");

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "KIND:NAME[@URL]", description = "The model to measure.")
    String model;

    @Option(names = "--requests", defaultValue = "200", description = "Requests per concurrency level (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--concurrency", defaultValue = "1,2,4,8", split = ",", description = "Concurrency levels (default: ${DEFAULT-VALUE}).")
    List<Integer> concurrency;

    @Option(names = "--max-tokens", defaultValue = "4", description = "Token limit per reply (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--constrained", description = "Constrain replies to positive/negative/neutral (grammar or schema).")
    boolean constrained;

    @Option(names = "--stream", description = "Stream replies (NDJSON / server-sent events).")
    boolean stream;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BackendSettings settings = BackendSettings.DEFAULTS.withRetries(0, Duration.ZERO).withStream(stream);
        LabelSet labels = LabelSet.ofNames(List.of("positive", "negative", "neutral"));
        PrintWriter out = spec.commandLine().getOut();
        try (Backend backend = new BackendFactory(settings).open(ModelSpec.parse(model), new BackendContext(labels, List.of()))) {
            GenerationOptions options = new GenerationOptions(0.0, 42L, maxTokens, null, null, null, null, false, null);
            AtomicInteger counter = new AtomicInteger();
            backend.generate(request(counter.incrementAndGet(), options, constrained ? labels : null)); // warm-up
            out.printf(Locale.ROOT, "%s, %d requests per level, max_tokens %d%s%s%n", model, requests, maxTokens,
                    constrained ? ", constrained" : "", stream ? ", streamed" : "");
            out.println("concurrency  req/s   median ms  p95 ms  errors");
            for (int level : concurrency) {
                Level result = run(backend, level, options, constrained ? labels : null, counter);
                out.printf(Locale.ROOT, "%11d  %6.1f  %9.1f  %6.1f  %6d%n", level, result.perSecond, result.medianMs,
                        result.p95Ms, result.errors);
                out.flush();
            }
        }
        return ExitCode.OK.code();
    }

    private record Level(double perSecond, double medianMs, double p95Ms, int errors) {
    }

    private Level run(Backend backend, int level, GenerationOptions options, LabelSet labels, AtomicInteger counter)
            throws Exception {
        AtomicInteger remaining = new AtomicInteger(requests);
        AtomicInteger errors = new AtomicInteger();
        List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(level);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < level; w++) {
            running.add(workers.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    long sent = System.nanoTime();
                    try {
                        backend.generate(request(counter.incrementAndGet(), options, labels));
                        latencies.add((System.nanoTime() - sent) / 1e6);
                    } catch (BackendException e) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : running) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        workers.shutdown();
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Level(requests / seconds, percentile(sorted, 0.5), percentile(sorted, 0.95), errors.get());
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    /** Every prompt distinct (a request number), so only the shared prefix is served from a prompt cache. */
    private static GenerationRequest request(int n, GenerationOptions options, LabelSet labels) {
        Prompt prompt = Prompt.chat("bench", Arrays.asList(new ChatMessage("system", SYSTEM),
                new ChatMessage("user", "Text: " + REVIEWS.get(n % REVIEWS.size()) + " (#" + n + ")\nLabel:")));
        return new GenerationRequest(prompt, null, options, labels, null);
    }
}
