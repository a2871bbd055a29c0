package dev.labelbench.bench;

import dev.labelbench.backend.BackendFactory;
import dev.labelbench.backend.BackendSettings;
import dev.labelbench.cache.ResponseCache;
import dev.labelbench.cache.SqliteResponseCache;
import dev.labelbench.run.EngineSettings;
import dev.labelbench.run.EvaluationRunner;
import dev.labelbench.run.RunOverrides;
import dev.labelbench.run.RunPlan;
import dev.labelbench.run.RunPlanner;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * How fast the engine drives a server, and what it costs: against an in-process {@link StubLlmServer} with a fixed
 * latency and enough slots, examples/s at each concurrency against the ideal (concurrency / latency), the harness's
 * CPU time per example (the process's CPU minus the stub server's own threads), the peak heap over a large dataset,
 * and the same dataset again fully answered from the response cache.
 */
public final class ThroughputBenchmark {
    private static final List<String> LABELS = List.of("positive", "negative", "neutral");
    private static final String MODEL = "bench:stub";

    private final PrintWriter out;
    private final Path work;

    public ThroughputBenchmark(PrintWriter out, Path work) {
        this.out = out;
        this.work = work;
    }

    public record Settings(double latencyMillis, List<Integer> levels, int requestsPerSlot, int largeExamples,
                           double largeLatencyMillis) {
    }

    public void run(Settings settings) throws IOException, InterruptedException {
        int slots = settings.levels().stream().max(Integer::compare).orElse(1);
        out.printf(Locale.ROOT, "stub server: Ollama /api/chat, %.0f ms per request, %d parallel slots; %d cores, Java %s%n",
                settings.latencyMillis(), slots, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (StubLlmServer stub = StubLlmServer.start(0, Math.max(slots, 32), settings.latencyMillis(), List.of(MODEL),
                LABELS)) {
            measure(stub, "warm-up", 400, 8, ResponseCache.DISABLED, false);
            out.println();
            out.println("request phase (first request sent .. last reply recorded); whole run in brackets");
            out.println("concurrency  examples  examples/s  ideal/s  of ideal  harness CPU/example  [whole run: s, ex/s, CPU/ex]"
                    + "  bare HttpClient loop ex/s");
            for (int level : settings.levels()) {
                int examples = settings.requestsPerSlot() * level;
                Measurement m = measure(stub, "c" + level, examples, level, ResponseCache.DISABLED, false);
                double ideal = level * 1000.0 / settings.latencyMillis();
                double bare = bareClientPerSecond(stub, examples, level);
                out.printf(Locale.ROOT, "%11d  %8d  %10.1f  %7.1f  %7.1f%%  %16.3f ms  [%.2f s, %.1f, %.3f ms]  %.1f (%.1f%%)%n",
                        level, examples, m.requestPhasePerSecond(), ideal, 100 * m.requestPhasePerSecond() / ideal,
                        m.requestPhaseCpuMillisPerExample(), m.seconds(), m.perSecond(), m.cpuMillisPerExample(), bare,
                        100 * bare / ideal);
                out.flush();
            }
        }
        try (StubLlmServer fast = StubLlmServer.start(0, 32, settings.largeLatencyMillis(), List.of(MODEL), LABELS)) {
            int large = settings.largeExamples();
            out.println();
            out.printf(Locale.ROOT, "large dataset: %d examples, stub at %.0f ms per request, concurrency 32, response cache on%n",
                    large, settings.largeLatencyMillis());
            Path cacheDir = work.resolve("cache");
            try (SqliteResponseCache cache = SqliteResponseCache.open(cacheDir)) {
                int small = Math.max(1, large / 10);
                Measurement tenth = measure(fast, "small", small, 32, cache, true);
                report("first run, " + small + " examples", tenth);
                Measurement first = measure(fast, "large", large, 32, cache, true);
                report("first run, " + large + " examples", first);
                Measurement cached = measure(fast, "large", large, 32, cache, true);
                report("fully cached rerun, " + large + " examples", cached);
            }
        }
    }

    private void report(String what, Measurement m) {
        out.printf(Locale.ROOT, "  %-38s whole run %6.2f s (%7.1f ex/s), requests %6.2f s (%7.1f ex/s), harness CPU %.3f ms/ex"
                        + " (requests %.3f), peak heap used %d MB%n",
                what, m.seconds(), m.perSecond(), m.requestPhaseSeconds(), m.requestPhasePerSecond(),
                m.cpuMillisPerExample(), m.requestPhaseCpuMillisPerExample(), m.peakHeapBytes() / (1024 * 1024));
        out.flush();
    }

    /**
     * {@code seconds} and {@code cpuMillisPerExample} cover the whole run (loading the dataset, writing run.json,
     * computing metrics with bootstrap intervals); the {@code requestPhase} figures cover only sending and recording.
     */
    record Measurement(int examples, double seconds, double cpuMillisPerExample, long peakHeapBytes,
                       double requestPhaseSeconds, double requestPhaseCpuMillisPerExample) {
        double perSecond() {
            return examples / seconds;
        }

        double requestPhasePerSecond() {
            return examples / requestPhaseSeconds;
        }
    }

    /** Notes time and harness CPU when the (single) cell starts and ends. */
    private static final class PhaseClock implements dev.labelbench.run.RunProgress {
        private final StubLlmServer stub;
        private volatile long startNanos;
        private volatile long endNanos;
        private volatile long startCpu;
        private volatile long endCpu;

        PhaseClock(StubLlmServer stub) {
            this.stub = stub;
        }

        private long harnessCpuNow() {
            return processCpuNanos() - stub.serverCpuNanos() - dispatcherCpuNanos();
        }

        @Override
        public void cellStarted(dev.labelbench.core.CellKey cell, long total, long alreadyDone) {
            startCpu = harnessCpuNow();
            startNanos = System.nanoTime();
        }

        @Override
        public void answered(dev.labelbench.core.CellKey cell, boolean invalid, boolean failed) {
        }

        @Override
        public void cellFinished(dev.labelbench.core.CellKey cell) {
            endNanos = System.nanoTime();
            endCpu = harnessCpuNow();
        }

        @Override
        public void close() {
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        long harnessCpuNanos() {
            return endCpu - startCpu;
        }
    }

    /** One engine run over a fresh dataset of {@code examples} distinct texts (same texts for the same name). */
    Measurement measure(StubLlmServer stub, String name, int examples, int concurrency, ResponseCache cache,
                        boolean sampleHeap) throws IOException, InterruptedException {
        Path folder = work.resolve(name);
        Files.createDirectories(folder);
        Path dataset = folder.resolve("data.csv");
        if (!Files.exists(dataset)) {
            writeDataset(dataset, examples);
        }
        Path template = folder.resolve("zero-shot.yaml");
        Files.writeString(template, "system: \"You are a sentiment classifier. Reply with exactly one word: {{labels}}.\"\n"
                + "user: \"Text: {{text}}\\nLabel:\"\n");
        Path out = folder.resolve("run-" + System.nanoTime());
        RunOverrides overrides = new RunOverrides("bench", dataset, List.of("text"), "label", null,
                List.of(template.toString()), List.of("ollama:" + MODEL + "@" + stub.url()), LABELS, null, null, null,
                null, null, null, null, concurrency, out);
        RunPlan plan = RunPlanner.plan(null, overrides);
        PhaseClock phase = new PhaseClock(stub);
        EvaluationRunner runner = new EvaluationRunner(new BackendFactory(BackendSettings.DEFAULTS), line -> { },
                EngineSettings.defaults().withCache(cache).withConcurrency(concurrency).withProgress(phase));

        System.gc();
        java.util.Map<String, Long> threadsBefore = threadCpu();
        HeapSampler heap = sampleHeap ? HeapSampler.start() : null;
        long serverCpu = stub.serverCpuNanos() + dispatcherCpuNanos();
        long processCpu = processCpuNanos();
        long start = System.nanoTime();
        runner.run(plan);
        double seconds = (System.nanoTime() - start) / 1e9;
        long harnessCpu = (processCpuNanos() - processCpu) - (stub.serverCpuNanos() + dispatcherCpuNanos() - serverCpu);
        long peak = heap == null ? 0 : heap.stop();
        if (Boolean.getBoolean("labelbench.bench.threads")) {
            java.util.Map<String, Long> after = threadCpu();
            after.forEach((k, v) -> {
                long d = v - threadsBefore.getOrDefault(k, 0L);
                if (d > 20_000_000) {
                    this.out.printf(Locale.ROOT, "    thread %-40s %8.1f ms%n", k, d / 1e6);
                }
            });
        }
        deleteRecursively(out);
        return new Measurement(examples, seconds, harnessCpu / 1e6 / examples, peak, phase.seconds(),
                phase.harnessCpuNanos() / 1e6 / examples);
    }

    /**
     * The transport's own ceiling in this session: {@code concurrency} threads sending the same request back to back
     * with one JDK HttpClient and nothing else (no templates, parsing, results). The harness can only approach it.
     */
    private static double bareClientPerSecond(StubLlmServer stub, int requests, int concurrency)
            throws InterruptedException {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        String body = "{\"model\":\"" + MODEL + "\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"Text: x\"}]}";
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(stub.url() + "/api/chat"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(requests);
        List<Thread> threads = new java.util.ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(() -> {
                while (left.getAndDecrement() > 0) {
                    try {
                        client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return requests / ((System.nanoTime() - start) / 1e9);
    }

    private static void writeDataset(Path file, int examples) {
        String[] openings = {"I loved", "I hated", "I have no opinion on", "Absolutely fantastic:", "Terrible:",
                "It was fine:"};
        try (BufferedWriter writer = Files.newBufferedWriter(file)) {
            writer.write("text,label\n");
            for (int i = 0; i < examples; i++) {
                writer.write(openings[i % openings.length] + " the product I bought (order #" + i + ")," + LABELS.get(i % 3)
                        + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report process CPU time");
    }

    /** The JDK HTTP server's accept/dispatch thread belongs to the stub, not to the harness. */
    private static long dispatcherCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("HTTP-Dispatcher")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static java.util.Map<String, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> cpu = new java.util.TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                cpu.put(info.getThreadName() + "#" + info.getThreadId(), threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return cpu;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Samples the used heap every 20 ms and keeps the highest value. */
    private static final class HeapSampler {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;

        private HeapSampler() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            thread = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
        }

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            sampler.thread.start();
            return sampler;
        }

        long stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return peak.get();
        }
    }
}
