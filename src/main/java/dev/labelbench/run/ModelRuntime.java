package dev.labelbench.run;

import dev.labelbench.backend.Backend;
import dev.labelbench.backend.BackendContext;
import dev.labelbench.backend.BackendFactory;
import dev.labelbench.core.ModelSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model opened for a run: one backend per server URL (each {@link Endpoint} with its own slots), what the server
 * says about the model, and the digest that goes into cache keys.
 */
final class ModelRuntime implements AutoCloseable {
    final ModelSpec spec;
    final EndpointPool pool;
    private Map<String, Object> description = Map.of();
    private String digest;

    private ModelRuntime(ModelSpec spec, EndpointPool pool) {
        this.spec = spec;
        this.pool = pool;
    }

    /**
     * Opens every URL of the model. Slots per endpoint: {@code --concurrency}, else the model's {@code concurrency},
     * else the run's, else what the server suggests.
     */
    static ModelRuntime open(ModelSpec spec, BackendFactory factory, BackendContext context, Integer override,
                             Integer runConcurrency) {
        List<Endpoint> endpoints = new ArrayList<>();
        List<String> urls = spec.urls().isEmpty() ? java.util.Collections.singletonList(null) : spec.urls();
        try {
            for (String url : urls) {
                Backend backend = factory.open(url == null ? spec : spec.withUrls(List.of(url)), context);
                Integer configured = override != null ? override
                        : spec.concurrency() != null ? spec.concurrency() : runConcurrency;
                int slots = Math.max(1, configured != null ? configured : backend.suggestedConcurrency());
                endpoints.add(new Endpoint(backend, url == null ? "default" : url, slots));
            }
        } catch (RuntimeException e) {
            endpoints.forEach(endpoint -> endpoint.backend.close());
            throw e;
        }
        return new ModelRuntime(spec, new EndpointPool(endpoints));
    }

    /**
     * Every problem the servers report before the run (unreachable, model missing, the longest prompt too long for
     * the context), each naming its URL.
     */
    List<String> preflight(dev.labelbench.backend.GenerationRequest longest) {
        List<String> problems = new ArrayList<>();
        for (Endpoint endpoint : pool.endpoints()) {
            problems.addAll(longest == null ? endpoint.backend.preflight() : endpoint.backend.preflight(longest));
        }
        return problems;
    }

    /** Asks the (first) server about the model, once the preflight found it reachable. */
    void loadDescription() {
        description = pool.endpoints().get(0).backend.describe();
        Object reported = description.get("digest");
        digest = reported == null ? null : reported.toString();
    }

    Map<String, Object> description() {
        return description;
    }

    /** The model's digest as its server reports it, or null: part of every cache key. */
    String digest() {
        return digest;
    }

    /**
     * Models sharing a server run one after another (an Ollama server would otherwise swap them in and out of memory
     * for every request); models on different servers run at the same time. In-process backends share the machine,
     * so they form one group too.
     */
    String serverKey() {
        return spec.kind() + " " + (spec.urls().isEmpty() ? "default" : String.join(",", spec.urls().stream().sorted().toList()));
    }

    @Override
    public void close() {
        pool.endpoints().forEach(endpoint -> endpoint.backend.close());
    }
}
