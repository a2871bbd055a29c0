package dev.labelbench.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import dev.labelbench.core.TokenLogprob;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * llama.cpp's {@code llama-server}, called directly: chat prompts go to {@code /v1/chat/completions}, raw completion
 * prompts to the native {@code /completion}. Direct rather than through LangChain4j because what an evaluation needs
 * here is llama.cpp's own: the GBNF {@code grammar}, {@code n_probs}, {@code cache_prompt}, the native endpoint and
 * {@code timings}. The base URL is always explicit (the default port changed between versions).
 *
 * <p>Things the server does that a client must expect: {@code -c} is the total context split across slots (read the
 * per-slot {@code n_ctx} from {@code /props}); every error response closes the connection (a following request may
 * meet a reset, which is retryable); malformed JSON is a 500, an over-long prompt a 400
 * {@code exceed_context_size_error}; native streams end without {@code [DONE]}; the {@code model} field is ignored.
 */
public final class LlamaCppBackend implements Backend {
    private final ModelSpec model;
    private final String baseUrl;
    private final HttpJsonClient http;
    private final boolean stream;
    private volatile Map<String, Object> description;

    public LlamaCppBackend(ModelSpec model, BackendSettings settings) {
        if (model.urls().isEmpty()) {
            throw LabelbenchException.usage("model '" + model.id() + "' needs the llama-server URL: write "
                    + model.id() + "@http://127.0.0.1:8080 (or give url: in the YAML); llama-server has no fixed default port");
        }
        this.model = model;
        this.baseUrl = stripSlash(model.urls().get(0));
        this.http = new HttpJsonClient(settings, Map.of());
        this.stream = settings.stream();
    }

    private static String stripSlash(String url) {
        String out = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        // Accept the OpenAI-style base URL too: the native endpoints live at the root.
        return out.endsWith("/v1") ? out.substring(0, out.length() - 3) : out;
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
        try {
            JsonNode health = http.send(baseUrl + "/health", null);
            if (!"ok".equals(health.path("status").asText())) {
                return List.of("llama-server at " + baseUrl + " is not ready: " + health);
            }
            http.send(baseUrl + "/props", null);
            return List.of();
        } catch (BackendException e) {
            return List.of("cannot use llama-server at " + baseUrl + " for " + model.id() + " (" + e.getMessage()
                    + "); start it with `llama-server -m MODEL.gguf --port PORT` and give that URL");
        }
    }

    /** Counts the longest prompt's tokens with the server's own tokenizer and chat template, against the slot context. */
    @Override
    public List<String> preflight(GenerationRequest longestRequest) {
        List<String> problems = new ArrayList<>(preflight());
        if (!problems.isEmpty() || longestRequest == null) {
            return problems;
        }
        try {
            JsonNode props = http.send(baseUrl + "/props", null);
            int slotContext = props.path("default_generation_settings").path("n_ctx").asInt(0);
            int slots = props.path("total_slots").asInt(1);
            String text = renderedText(longestRequest.prompt());
            JsonNode tokens = http.send(baseUrl + "/tokenize", Map.of("content", text, "add_special", true));
            int promptTokens = tokens.path("tokens").size();
            Integer maxTokens = longestRequest.options().maxTokens();
            int needed = promptTokens + (maxTokens == null ? 0 : maxTokens);
            if (slotContext > 0 && needed > slotContext) {
                problems.add("model " + model.id() + " at " + baseUrl + ": the longest prompt (template '"
                        + longestRequest.prompt().template() + "') is " + promptTokens + " tokens"
                        + (maxTokens == null ? "" : " plus " + maxTokens + " to generate")
                        + ", more than the " + slotContext + "-token context of each of the server's " + slots
                        + " slots (-c is split across --parallel slots); restart llama-server with -c "
                        + needed * slots + " or fewer --parallel slots");
            }
        } catch (BackendException e) {
            problems.add("model " + model.id() + ": could not check the prompt length at " + baseUrl + ": " + e.getMessage());
        }
        return problems;
    }

    /** The text the model will see: a chat prompt through the server's own chat template. */
    private String renderedText(Prompt prompt) throws BackendException {
        if (prompt.kind() == Prompt.Kind.COMPLETION) {
            return prompt.text();
        }
        JsonNode rendered = http.send(baseUrl + "/apply-template", Map.of("messages", prompt.messages()));
        return rendered.path("prompt").asText();
    }

    /** From {@code /props} and {@code /v1/models}: slots, per-slot context, chat template, build, parameter count. */
    @Override
    public Map<String, Object> describe() {
        if (description == null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("url", baseUrl);
            try {
                JsonNode props = http.send(baseUrl + "/props", null);
                out.put("slots", props.path("total_slots").asInt());
                out.put("slot_context", props.path("default_generation_settings").path("n_ctx").asInt());
                putText(out, "model_alias", props.path("model_alias"));
                putText(out, "model_path", props.path("model_path"));
                putText(out, "build", props.path("build_info"));
                putText(out, "chat_template", props.path("chat_template"));
                JsonNode meta = http.send(baseUrl + "/v1/models", null).path("data").path(0).path("meta");
                if (meta.has("n_params")) {
                    out.put("parameters", meta.path("n_params").asLong());
                }
                if (meta.has("n_ctx_train")) {
                    out.put("trained_context", meta.path("n_ctx_train").asInt());
                }
                if (meta.has("size")) {
                    out.put("size_bytes", meta.path("size").asLong());
                }
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
            return request.prompt().kind() == Prompt.Kind.CHAT ? chat(request) : completion(request);
        } catch (BackendException e) {
            throw e.forModel(model.id());
        }
    }

    /** The {@code /v1/chat/completions} body: OpenAI fields plus llama.cpp's own (every unknown key reaches the sampler). */
    ObjectNode chatBody(GenerationRequest request) {
        GenerationOptions options = request.options();
        ObjectNode body = HttpJsonClient.json().createObjectNode();
        body.put("model", model.name());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.prompt().messages()) {
            messages.addObject().put("role", message.role()).put("content", message.content());
        }
        putCommon(body, options, request);
        if (options.maxTokens() != null) {
            body.put("max_tokens", options.maxTokens());
        }
        if (request.topLogprobs() != null) {
            body.put("logprobs", true);
            body.put("top_logprobs", request.topLogprobs());
        }
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    /** The native {@code /completion} body. */
    ObjectNode completionBody(GenerationRequest request) {
        GenerationOptions options = request.options();
        ObjectNode body = HttpJsonClient.json().createObjectNode();
        body.put("prompt", request.prompt().text());
        putCommon(body, options, request);
        if (options.maxTokens() != null) {
            body.put("n_predict", options.maxTokens());
        }
        if (request.topLogprobs() != null) {
            body.put("n_probs", request.topLogprobs());
        }
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    private static void putCommon(ObjectNode body, GenerationOptions options, GenerationRequest request) {
        SamplingFields.put(body, options);
        // Reuse the KV cache of the shared prefix (system prompt, few-shot block): much faster; the README notes the
        // small nondeterminism this can bring with batching.
        body.put("cache_prompt", true);
        if (request.constrained()) {
            body.put("grammar", LabelConstraint.gbnfGrammar(request.constrainTo()));
        }
    }

    private Reply chat(GenerationRequest request) throws BackendException {
        String url = baseUrl + "/v1/chat/completions";
        ObjectNode body = chatBody(request);
        long start = System.nanoTime();
        if (!stream) {
            JsonNode response = http.send(url, body);
            double latencyMs = (System.nanoTime() - start) / 1e6;
            JsonNode choice = response.path("choices").path(0);
            JsonNode message = choice.path("message");
            return reply(textOrNull(message.path("content")), textOrNull(message.path("reasoning_content")),
                    textOrNull(choice.path("finish_reason")), latencyMs, response.path("usage"),
                    response.path("timings"), WireLogprobs.parse(choice.path("logprobs").path("content")));
        }
        StreamedChat streamed = new StreamedChat();
        sse(url, body, true, streamed::add);
        double latencyMs = (System.nanoTime() - start) / 1e6;
        return reply(streamed.text.toString(), streamed.thinking.length() == 0 ? null : streamed.thinking.toString(),
                streamed.finishReason, latencyMs, streamed.usage, streamed.timings, streamed.logprobs);
    }

    /** A chat reply assembled from stream events: text in deltas; finish reason, usage and timings on the last ones. */
    private static final class StreamedChat {
        final StringBuilder text = new StringBuilder();
        final StringBuilder thinking = new StringBuilder();
        final List<TokenLogprob> logprobs = new ArrayList<>();
        String finishReason;
        JsonNode usage;
        JsonNode timings;

        void add(JsonNode event) {
            JsonNode choice = event.path("choices").path(0);
            appendText(text, choice.path("delta").path("content"));
            appendText(thinking, choice.path("delta").path("reasoning_content"));
            logprobs.addAll(WireLogprobs.parse(choice.path("logprobs").path("content")));
            if (choice.path("finish_reason").isTextual()) {
                finishReason = choice.get("finish_reason").asText();
            }
            if (event.has("usage")) {
                usage = event.get("usage");
            }
            if (event.has("timings")) {
                timings = event.get("timings");
            }
        }
    }

    private Reply completion(GenerationRequest request) throws BackendException {
        String url = baseUrl + "/completion";
        ObjectNode body = completionBody(request);
        long start = System.nanoTime();
        if (!stream) {
            JsonNode response = http.send(url, body);
            return nativeReply(response.path("content").asText(""), response, (System.nanoTime() - start) / 1e6,
                    WireLogprobs.parse(response.path("completion_probabilities")));
        }
        StringBuilder text = new StringBuilder();
        List<TokenLogprob> logprobs = new ArrayList<>();
        JsonNode[] last = {null};
        // The native stream has no [DONE]: its last event says "stop":true and carries the timings.
        sse(url, body, false, event -> {
            appendText(text, event.path("content"));
            logprobs.addAll(WireLogprobs.parse(event.path("completion_probabilities")));
            if (event.path("stop").asBoolean(false)) {
                last[0] = event;
            }
        });
        if (last[0] == null) {
            throw new BackendException(url + ": the stream ended before the final (\"stop\":true) event", true, 0);
        }
        return nativeReply(text.toString(), last[0], (System.nanoTime() - start) / 1e6, logprobs);
    }

    private Reply nativeReply(String text, JsonNode response, double latencyMs, List<TokenLogprob> logprobs) {
        // stop_type: "eos" or "word" (a stop sequence) ended the reply, "limit" is n_predict: say it as OpenAI does.
        String stopType = response.path("stop_type").asText("");
        String finish = switch (stopType) {
            case "eos", "word" -> "stop";
            case "limit" -> "length";
            default -> stopType.isEmpty() ? null : stopType;
        };
        JsonNode timings = response.path("timings");
        return new Reply(text == null ? "" : text, null, finish, latencyMs,
                intOrNull(response.path("tokens_evaluated")), intOrNull(response.path("tokens_predicted")), null,
                doubleOrNull(timings.path("prompt_ms")), doubleOrNull(timings.path("predicted_ms")), logprobs);
    }

    private Reply reply(String text, String thinking, String finishReason, double latencyMs, JsonNode usage,
                        JsonNode timings, List<TokenLogprob> logprobs) {
        JsonNode safeUsage = usage == null ? HttpJsonClient.json().missingNode() : usage;
        JsonNode safeTimings = timings == null ? HttpJsonClient.json().missingNode() : timings;
        // usage.prompt_tokens counts the whole prompt; timings.prompt_n only the part not served from the cache.
        Integer promptTokens = intOrNull(safeUsage.path("prompt_tokens"));
        if (promptTokens == null && safeTimings.has("prompt_n")) {
            promptTokens = safeTimings.path("prompt_n").asInt() + safeTimings.path("cache_n").asInt(0);
        }
        Integer completionTokens = intOrNull(safeUsage.path("completion_tokens"));
        if (completionTokens == null) {
            completionTokens = intOrNull(safeTimings.path("predicted_n"));
        }
        return new Reply(text == null ? "" : text, thinking, finishReason, latencyMs, promptTokens, completionTokens, null,
                doubleOrNull(safeTimings.path("prompt_ms")), doubleOrNull(safeTimings.path("predicted_ms")), logprobs);
    }

    /** Receives one decoded SSE event. */
    private interface EventHandler {
        void event(JsonNode event) throws BackendException;
    }

    /**
     * Reads server-sent events: {@code data: {...}} lines separated by blank lines; {@code :} lines are pings.
     * An error after the stream started comes as {@code data: {"error":{...}}}.
     */
    private void sse(String url, ObjectNode body, boolean endsWithDone, EventHandler handler) throws BackendException {
        boolean[] done = {false};
        http.streamLines(url, body, line -> {
            if (!line.startsWith("data:")) {
                return true; // blank separators, ": ping" comments, event:/id: fields
            }
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) {
                done[0] = true;
                return false;
            }
            JsonNode event;
            try {
                event = HttpJsonClient.json().readTree(data);
            } catch (IOException e) {
                throw new BackendException(url + ": unreadable server-sent event: " + data, true, 200, e);
            }
            if (event.has("error")) {
                throw new BackendException(url + ": the server reported an error during the reply: "
                        + HttpJsonClient.serverMessage(data), true, 200);
            }
            handler.event(event);
            if (!endsWithDone && event.path("stop").asBoolean(false)) {
                done[0] = true;
                return false;
            }
            return true;
        });
        if (endsWithDone && !done[0]) {
            throw new BackendException(url + ": the stream ended without data: [DONE]", true, 0);
        }
    }

    private static void appendText(StringBuilder out, JsonNode value) {
        if (value.isTextual()) {
            out.append(value.asText());
        }
    }

    private static String textOrNull(JsonNode value) {
        return value.isTextual() ? value.asText() : null;
    }

    private static Integer intOrNull(JsonNode value) {
        return value.isNumber() ? value.asInt() : null;
    }

    private static Double doubleOrNull(JsonNode value) {
        return value.isNumber() ? value.asDouble() : null;
    }
}
