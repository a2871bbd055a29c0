package dev.labelbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for an Ollama server with a fixed time per request and a fixed number of parallel slots (requests
 * beyond them queue, as on a real server), for measuring the harness and for tests. Answers {@code GET /api/tags}
 * (one model) and {@code POST /api/chat} non-streaming in Ollama's shape; the reply is one of the given labels,
 * picked from a hash of the last message so the same prompt always gets the same answer. Counts requests, the most
 * in flight at once, and the CPU time its own threads spend (so a benchmark can subtract it from the process's).
 */
public final class StubLlmServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final HttpServer server;
    private final ExecutorService slots;
    private final List<String> models;
    private final List<String> labels;
    private final long latencyNanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong serverCpuNanos = new AtomicLong();

    private StubLlmServer(HttpServer server, ExecutorService slots, List<String> models, List<String> labels,
                          long latencyNanos) {
        this.server = server;
        this.slots = slots;
        this.models = List.copyOf(models);
        this.labels = List.copyOf(labels);
        this.latencyNanos = latencyNanos;
    }

    /**
     * Starts on {@code port} (0: any free port) with {@code parallel} slots and {@code latencyMillis} per request,
     * listing {@code models} in {@code /api/tags}.
     */
    public static StubLlmServer start(int port, int parallel, double latencyMillis, List<String> models,
                                      List<String> labels)
            throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK: +40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread thread = new Thread(r, "stub-llm-slot-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        StubLlmServer stub = new StubLlmServer(http, pool, models, labels, (long) (latencyMillis * 1e6));
        http.setExecutor(pool);
        http.createContext("/api/tags", stub::tags);
        http.createContext("/api/chat", stub::chat);
        http.start();
        return stub;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public long requests() {
        return requests.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** CPU time spent on the server's own request threads (parsing, answering; not the sleeping). */
    public long serverCpuNanos() {
        return serverCpuNanos.get();
    }

    public void resetCounters() {
        requests.set(0);
        maxInFlight.set(0);
        serverCpuNanos.set(0);
    }

    private void tags(HttpExchange exchange) throws IOException {
        long cpu = THREADS.getCurrentThreadCpuTime();
        StringBuilder body = new StringBuilder("{\"models\":[");
        for (String model : models) {
            body.append(body.length() > 11 ? "," : "").append("{\"name\":\"").append(model).append("\",\"model\":\"")
                    .append(model).append("\",\"size\":1000,\"digest\":\"0000stub\",\"details\":{\"format\":\"gguf\"}}");
        }
        body.append("]}");
        respond(exchange, 200, body.toString());
        serverCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
    }

    private void chat(HttpExchange exchange) throws IOException {
        long cpu = THREADS.getCurrentThreadCpuTime();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean counted = true;
        try {
            long start = System.nanoTime();
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSON.readTree(in);
            }
            JsonNode messages = request.path("messages");
            String last = messages.isEmpty() ? "" : messages.get(messages.size() - 1).path("content").asText();
            String answer = labels.get(Math.floorMod(last.hashCode(), labels.size()));
            ObjectNode reply = JSON.createObjectNode();
            reply.put("model", request.path("model").asText());
            reply.put("created_at", Instant.now().toString());
            reply.putObject("message").put("role", "assistant").put("content", answer);
            reply.put("done_reason", "stop");
            reply.put("done", true);
            reply.put("total_duration", latencyNanos);
            reply.put("load_duration", 0);
            reply.put("prompt_eval_count", last.length() / 4 + 20);
            reply.put("prompt_eval_duration", latencyNanos / 2);
            reply.put("eval_count", 2);
            reply.put("eval_duration", latencyNanos / 2);
            String body = JSON.writeValueAsString(reply);
            long cpuBeforeSleep = THREADS.getCurrentThreadCpuTime();
            serverCpuNanos.addAndGet(cpuBeforeSleep - cpu);
            long left = latencyNanos - (System.nanoTime() - start);
            if (left > 0) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
            cpu = THREADS.getCurrentThreadCpuTime();
            requests.incrementAndGet();
            // Out of the count before the client can see the reply and send its next request on this slot.
            inFlight.decrementAndGet();
            counted = false;
            respond(exchange, 200, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (counted) {
                inFlight.decrementAndGet();
            }
            serverCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        slots.shutdownNow();
    }
}
