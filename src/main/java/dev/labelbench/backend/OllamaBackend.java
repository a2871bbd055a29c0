package dev.labelbench.backend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import dev.labelbench.core.TokenLogprob;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ollama's native API, called directly (LangChain4j's Ollama client drops the timings and cannot send {@code truncate}
 * or ask for logprobs). Chat prompts go to {@code /api/chat}, raw completion prompts to {@code /api/generate} with
 * {@code raw:true} (no chat template). Sends {@code think:false} unless asked (thinking models otherwise spend the
 * token budget thinking), {@code truncate:false} so an over-long prompt is an error, not a silent cut, and always
 * {@code stream} explicitly (an omitted {@code stream} means NDJSON).
 */
public final class OllamaBackend implements Backend {
    static final String DEFAULT_URL = "http://localhost:11434";
    /** Ollama's smallest default context (machines under 24 GiB of VRAM) when a run does not set context_size. */
    static final int SMALLEST_DEFAULT_CONTEXT = 4096;
    /** Ollama has no tokenize endpoint; a rough count for the preflight check (English text runs ~4 chars/token). */
    static final int CHARS_PER_TOKEN = 4;

    private final ModelSpec model;
    private final String baseUrl;
    private final HttpJsonClient http;
    private final boolean stream;
    private volatile Map<String, Object> description;

    public OllamaBackend(ModelSpec model, BackendSettings settings, String ollamaHostEnv) {
        this.model = model;
        this.baseUrl = stripSlash(model.urls().isEmpty() ? fromOllamaHost(ollamaHostEnv) : model.urls().get(0));
        this.http = new HttpJsonClient(settings, Map.of());
        this.stream = settings.stream();
    }

    /** {@code OLLAMA_HOST} may be {@code host}, {@code host:port} or a full URL, as Ollama itself accepts. */
    public static String fromOllamaHost(String env) {
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

    @Override
    public List<String> preflight(GenerationRequest longestRequest) {
        List<String> problems = new ArrayList<>(preflight());
        if (!problems.isEmpty() || longestRequest == null) {
            return problems;
        }
        GenerationOptions options = longestRequest.options();
        int promptTokens = (longestRequest.prompt().flatText().length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
        int needed = promptTokens + (options.maxTokens() == null ? 0 : options.maxTokens());
        if (options.contextSize() != null && needed > options.contextSize()) {
            problems.add("model " + model.id() + " at " + baseUrl + ": the longest prompt (template '"
                    + longestRequest.prompt().template() + "') is about " + promptTokens + " tokens (estimated at "
                    + CHARS_PER_TOKEN + " characters per token) plus " + options.maxTokens()
                    + " to generate, more than context_size " + options.contextSize()
                    + "; raise context_size (Ollama's num_ctx) to at least " + needed);
        } else if (options.contextSize() == null && needed > SMALLEST_DEFAULT_CONTEXT) {
            problems.add("model " + model.id() + " at " + baseUrl + ": the longest prompt (template '"
                    + longestRequest.prompt().template() + "') is about " + promptTokens
                    + " tokens, more than Ollama's default context of " + SMALLEST_DEFAULT_CONTEXT
                    + " on smaller machines; set context_size to at least " + needed);
        }
        return problems;
    }

    private static String withTag(String name) {
        return name.contains(":") ? name : name + ":latest";
    }

    /** From {@code /api/show}: family, parameter size, quantization, capabilities and the trained context length. */
    @Override
    public Map<String, Object> describe() {
        if (description == null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("url", baseUrl);
            try {
                JsonNode show = http.send(baseUrl + "/api/show", Map.of("model", model.name()));
                JsonNode details = show.path("details");
                putText(out, "family", details.path("family"));
                putText(out, "parameter_size", details.path("parameter_size"));
                putText(out, "quantization", details.path("quantization_level"));
                putText(out, "format", details.path("format"));
                if (show.path("capabilities").isArray()) {
                    List<String> capabilities = new ArrayList<>();
                    show.get("capabilities").forEach(c -> capabilities.add(c.asText()));
                    out.put("capabilities", capabilities);
                }
                for (Map.Entry<String, JsonNode> field : show.path("model_info").properties()) {
                    if (field.getKey().endsWith(".context_length")) {
                        out.put("trained_context", field.getValue().asInt());
                    }
                }
                JsonNode version = http.send(baseUrl + "/api/version", null);
                putText(out, "server_version", version.path("version"));
            } catch (BackendException e) {
                out.put("describe_error", e.getMessage());
            }
            description = Map.copyOf(out);
        }
        return description;
    }

    private static void putText(Map<String, Object> out, String key, JsonNode value) {
        if (value.isTextual() && !value.asText().isEmpty()) {
            out.put(key, value.asText());
        }
    }

    @Override
    public Reply generate(GenerationRequest request) throws BackendException {
        try {
            return send(request);
        } catch (BackendException e) {
            if (e.status() == 404) {
                throw new BackendException("model " + model.id() + ": " + e.getMessage() + "; run `ollama pull "
                        + model.name() + "`", false, 404, e);
            }
            throw e.forModel(model.id());
        }
    }

    private Reply send(GenerationRequest request) throws BackendException {
        GenerationOptions options = request.options();
        Prompt prompt = request.prompt();
        JsonNode format = request.constrained() ? LabelConstraint.jsonSchema(request.constrainTo()) : null;
        Boolean logprobs = request.topLogprobs() != null ? Boolean.TRUE : null;
        Object keepAlive = keepAlive(options.keepAlive());
        Boolean think = options.think() != null ? options.think() : Boolean.FALSE;
        Object body;
        String url;
        if (prompt.kind() == Prompt.Kind.CHAT) {
            url = baseUrl + "/api/chat";
            body = new ChatRequest(model.name(), toWire(prompt.messages()), stream, think, false, format,
                    optionsOf(options), keepAlive, logprobs, request.topLogprobs());
        } else {
            url = baseUrl + "/api/generate";
            body = new GenerateRequest(model.name(), prompt.text(), true, stream, think, false, format,
                    optionsOf(options), keepAlive, logprobs, request.topLogprobs());
        }
        long start = System.nanoTime();
        Accumulated reply = stream ? streamed(url, body) : Accumulated.of(http.post(url, body, WireResponse.class));
        double latencyMs = (System.nanoTime() - start) / 1e6;
        if (reply.error != null) {
            // An error after the stream started arrives inside the 200 as {"error":"..."}: the model failed mid-reply.
            throw new BackendException(url + ": the server reported an error during the reply: " + reply.error.strip(),
                    true, 200);
        }
        WireResponse last = reply.last;
        String text = format != null ? LabelConstraint.unwrapJson(reply.text.toString()) : reply.text.toString();
        String thinking = reply.thinking.length() == 0 ? null : reply.thinking.toString();
        return new Reply(text, thinking, last.doneReason(), latencyMs, last.promptEvalCount(), last.evalCount(),
                nanosToMillis(last.loadDuration()), nanosToMillis(last.promptEvalDuration()),
                nanosToMillis(last.evalDuration()), reply.logprobs);
    }

    /** Reads an NDJSON stream: text and logprobs come in pieces, the counters and durations on the final line only. */
    private Accumulated streamed(String url, Object body) throws BackendException {
        Accumulated reply = new Accumulated();
        http.streamLines(url, body, line -> {
            if (line.isBlank()) {
                return true;
            }
            WireResponse chunk;
            try {
                chunk = HttpJsonClient.json().readValue(line, WireResponse.class);
            } catch (java.io.IOException e) {
                throw new BackendException(url + ": unreadable line in the NDJSON stream: " + line, true, 200, e);
            }
            reply.add(chunk);
            return !chunk.done() && chunk.error() == null;
        });
        if (reply.error == null && (reply.last == null || !reply.last.done())) {
            throw new BackendException(url + ": the NDJSON stream ended before the final (done:true) line", true, 0);
        }
        return reply;
    }

    /** The reply assembled from one response object or from every line of a stream. */
    private static final class Accumulated {
        final StringBuilder text = new StringBuilder();
        final StringBuilder thinking = new StringBuilder();
        final List<TokenLogprob> logprobs = new ArrayList<>();
        WireResponse last;
        String error;

        static Accumulated of(WireResponse response) {
            Accumulated one = new Accumulated();
            one.add(response);
            return one;
        }

        void add(WireResponse chunk) {
            if (chunk.error() != null) {
                error = chunk.error();
                return;
            }
            last = chunk;
            String piece = chunk.message() != null ? chunk.message().content() : chunk.response();
            String thought = chunk.message() != null ? chunk.message().thinking() : chunk.thinking();
            if (piece != null) {
                text.append(piece);
            }
            if (thought != null) {
                thinking.append(thought);
            }
            logprobs.addAll(WireLogprobs.parse(chunk.logprobs()));
        }
    }

    /** Ollama reads a JSON number as seconds and a string as a Go duration ("5m"); "-1" alone is not a duration. */
    static Object keepAlive(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.matches("-?\\d+") ? (Object) Long.parseLong(trimmed) : trimmed;
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
                       JsonNode format, Map<String, Object> options, @JsonProperty("keep_alive") Object keepAlive,
                       Boolean logprobs, @JsonProperty("top_logprobs") Integer topLogprobs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GenerateRequest(String model, String prompt, boolean raw, boolean stream, Boolean think, Boolean truncate,
                           JsonNode format, Map<String, Object> options, @JsonProperty("keep_alive") Object keepAlive,
                           Boolean logprobs, @JsonProperty("top_logprobs") Integer topLogprobs) {
    }

    /** One object of /api/chat or /api/generate: the whole reply, or one line of a stream (durations in ns). */
    record WireResponse(String model, WireMessage message, String response, String thinking, boolean done,
                        @JsonProperty("done_reason") String doneReason,
                        @JsonProperty("total_duration") Long totalDuration,
                        @JsonProperty("load_duration") Long loadDuration,
                        @JsonProperty("prompt_eval_count") Integer promptEvalCount,
                        @JsonProperty("prompt_eval_duration") Long promptEvalDuration,
                        @JsonProperty("eval_count") Integer evalCount,
                        @JsonProperty("eval_duration") Long evalDuration,
                        JsonNode logprobs,
                        String error) {
    }
}
