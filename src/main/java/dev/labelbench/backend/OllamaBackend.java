package dev.labelbench.backend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ollama's native API, called directly (LangChain4j's Ollama client drops the timings and cannot send {@code truncate}
 * or ask for logprobs). Sends {@code think:false} unless asked (thinking models otherwise spend the token budget
 * thinking) and {@code truncate:false} so an over-long prompt is an error, not a silent cut.
 */
public final class OllamaBackend implements Backend {
    static final String DEFAULT_URL = "http://localhost:11434";

    private final ModelSpec model;
    private final String baseUrl;
    private final HttpJsonClient http;

    public OllamaBackend(ModelSpec model, BackendSettings settings, String ollamaHostEnv) {
        this.model = model;
        this.baseUrl = stripSlash(model.urls().isEmpty() ? fromOllamaHost(ollamaHostEnv) : model.urls().get(0));
        this.http = new HttpJsonClient(settings, Map.of());
    }

    /** {@code OLLAMA_HOST} may be {@code host}, {@code host:port} or a full URL. */
    static String fromOllamaHost(String env) {
        if (env == null || env.isBlank()) {
            return DEFAULT_URL;
        }
        String host = env.strip();
        if (!host.startsWith("http://") && !host.startsWith("https://")) {
            host = "http://" + host;
        }
        if (!host.substring(host.indexOf("//") + 2).contains(":")) {
            host = host + ":11434";
        }
        return host;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public ModelSpec model() {
        return model;
    }

    @Override
    public List<String> preflight() {
        JsonNode tags;
        try {
            tags = http.send(baseUrl + "/api/tags", null);
        } catch (BackendException e) {
            return List.of("cannot reach Ollama at " + baseUrl + " (" + e.getMessage() + "); start it with `ollama serve`"
                    + " or point at another server with OLLAMA_HOST or " + model.kind() + ":" + model.name() + "@URL");
        }
        String wanted = withTag(model.name());
        for (JsonNode entry : tags.path("models")) {
            if (wanted.equals(withTag(entry.path("name").asText())) || wanted.equals(withTag(entry.path("model").asText()))) {
                return List.of();
            }
        }
        return List.of("model '" + model.name() + "' is not on the Ollama server at " + baseUrl
                + "; run `ollama pull " + model.name() + "`");
    }

    private static String withTag(String name) {
        return name.contains(":") ? name : name + ":latest";
    }

    @Override
    public Reply generate(GenerationRequest request) throws BackendException {
        GenerationOptions options = request.options();
        Prompt prompt = request.prompt();
        long start = System.nanoTime();
        ChatResponse response;
        if (prompt.kind() == Prompt.Kind.CHAT) {
            ChatRequest body = new ChatRequest(model.name(), toWire(prompt.messages()), false, options.think(), false,
                    optionsOf(options), options.keepAlive());
            response = http.post(baseUrl + "/api/chat", body, ChatResponse.class);
        } else {
            GenerateRequest body = new GenerateRequest(model.name(), prompt.text(), true, false, options.think(), false,
                    optionsOf(options), options.keepAlive());
            response = http.post(baseUrl + "/api/generate", body, ChatResponse.class);
        }
        double latencyMs = (System.nanoTime() - start) / 1e6;
        if (response.error() != null) {
            throw new BackendException(baseUrl + " model " + model.name() + ": " + response.error(), true, 200);
        }
        String text = response.message() != null ? response.message().content() : response.response();
        String thinking = response.message() != null ? response.message().thinking() : response.thinking();
        return new Reply(text == null ? "" : text, thinking, response.doneReason(), latencyMs,
                response.promptEvalCount(), response.evalCount(), nanosToMillis(response.loadDuration()),
                nanosToMillis(response.promptEvalDuration()), nanosToMillis(response.evalDuration()), List.of());
    }

    private static Double nanosToMillis(Long nanos) {
        return nanos == null ? null : nanos / 1e6;
    }

    private static List<WireMessage> toWire(List<ChatMessage> messages) {
        List<WireMessage> wire = new ArrayList<>();
        for (ChatMessage message : messages) {
            wire.add(new WireMessage(message.role(), message.content(), null));
        }
        return wire;
    }

    /** Ollama's {@code options} map: only what was set, under Ollama's own key names. */
    static Map<String, Object> optionsOf(GenerationOptions options) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "temperature", options.temperature());
        putIfSet(out, "seed", options.seed());
        putIfSet(out, "num_predict", options.maxTokens());
        putIfSet(out, "num_ctx", options.contextSize());
        putIfSet(out, "top_k", options.topK());
        putIfSet(out, "top_p", options.topP());
        putIfSet(out, "stop", options.stop());
        return out;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WireMessage(String role, String content, String thinking) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChatRequest(String model, List<WireMessage> messages, boolean stream, Boolean think, Boolean truncate,
                       Map<String, Object> options, @JsonProperty("keep_alive") String keepAlive) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GenerateRequest(String model, String prompt, boolean raw, boolean stream, Boolean think, Boolean truncate,
                           Map<String, Object> options, @JsonProperty("keep_alive") String keepAlive) {
    }

    /** The final object of /api/chat or /api/generate (durations in nanoseconds). */
    record ChatResponse(String model, WireMessage message, String response, String thinking, boolean done,
                        @JsonProperty("done_reason") String doneReason,
                        @JsonProperty("total_duration") Long totalDuration,
                        @JsonProperty("load_duration") Long loadDuration,
                        @JsonProperty("prompt_eval_count") Integer promptEvalCount,
                        @JsonProperty("prompt_eval_duration") Long promptEvalDuration,
                        @JsonProperty("eval_count") Integer evalCount,
                        @JsonProperty("eval_duration") Long evalDuration,
                        String error) {
    }
}
