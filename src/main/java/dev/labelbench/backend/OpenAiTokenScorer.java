package dev.labelbench.backend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Prompt;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Token probabilities from an OpenAI-compatible server (vLLM, llama.cpp's {@code /v1}, LM Studio): one token is
 * generated with {@code logprobs}/{@code top_logprobs} and its alternatives are read. The API has no tokenizer, so
 * the tokens are known only by their text and forcing a label prefix means appending its text: to the prompt for
 * completion prompts ({@code /v1/completions}), or as a final assistant message to continue for chat prompts
 * ({@code continue_final_message}, as vLLM names it; llama.cpp continues a final assistant message by itself).
 * Reads both logprob shapes in the wild: OpenAI's legacy {@code top_logprobs: [{token: logprob}]} and the
 * {@code content[].top_logprobs[]} list that chat completions and llama.cpp use.
 */
public final class OpenAiTokenScorer implements TokenScorer {
    /** OpenAI caps top_logprobs at 20; vLLM's default max_logprobs is 20 too. */
    public static final int MAX_TOP_K = 20;

    private final String baseUrl;
    private final String model;
    private final HttpJsonClient http;

    /** {@code baseUrl} ends before {@code /v1}, e.g. {@code http://localhost:8000}; a trailing {@code /v1} is accepted. */
    public OpenAiTokenScorer(String baseUrl, String model, BackendSettings settings, Map<String, String> headers) {
        String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.baseUrl = url.endsWith("/v1") ? url.substring(0, url.length() - 3) : url;
        this.model = model;
        this.http = new HttpJsonClient(settings, headers);
    }

    @Override
    public String describe() {
        return "OpenAI-compatible server at " + baseUrl + " (model " + model + ")";
    }

    @Override
    public List<String> preflight() {
        Alternatives probe;
        try {
            probe = chatStep(List.of(new ChatMessage("user", "Say yes.")), "", 2, GenerationOptions.NONE);
        } catch (BackendException e) {
            return List.of("the OpenAI-compatible server at " + baseUrl + " (model " + model + ") refused a request for"
                    + " logprobs: " + e.getMessage() + "; scoring: logprob needs a server that returns top_logprobs"
                    + " (vLLM, llama.cpp), otherwise use scoring: generate");
        }
        if (probe.top().isEmpty()) {
            return List.of("the OpenAI-compatible server at " + baseUrl + " (model " + model + ") answered without"
                    + " logprobs; scoring: logprob needs a server that returns top_logprobs (vLLM, llama.cpp),"
                    + " otherwise use scoring: generate");
        }
        return List.of();
    }

    @Override
    public Session open(Prompt prompt, GenerationOptions options) {
        return new Session() {
            private int requests;

            @Override
            public Optional<List<List<Token>>> tokenize(List<String> continuations) {
                return Optional.empty();
            }

            @Override
            public Alternatives next(List<Token> forced, int topK) throws BackendException {
                StringBuilder text = new StringBuilder();
                forced.forEach(t -> text.append(t.text()));
                requests++;
                int k = Math.min(topK, MAX_TOP_K);
                return prompt.kind() == Prompt.Kind.CHAT
                        ? chatStep(prompt.messages(), text.toString(), k, options)
                        : completionStep(prompt.text() + text, k, options);
            }

            @Override
            public int maxTopK() {
                return MAX_TOP_K;
            }

            @Override
            public int requests() {
                return requests;
            }
        };
    }

    private Alternatives chatStep(List<ChatMessage> messages, String prefill, int topK, GenerationOptions options)
            throws BackendException {
        List<ChatMessage> wire = new ArrayList<>(messages);
        boolean continuing = !prefill.isEmpty();
        if (continuing) {
            wire.add(new ChatMessage("assistant", prefill));
        }
        ChatRequest body = new ChatRequest(model, wire, 1, 0.0, options.seed(), true, topK,
                continuing ? Boolean.TRUE : null, continuing ? Boolean.FALSE : null);
        JsonNode response = http.send(baseUrl + "/v1/chat/completions", body);
        return alternatives(response.path("choices").path(0).path("logprobs"));
    }

    private Alternatives completionStep(String prompt, int topK, GenerationOptions options) throws BackendException {
        CompletionRequest body = new CompletionRequest(model, prompt, 1, 0.0, options.seed(), topK);
        JsonNode response = http.send(baseUrl + "/v1/completions", body);
        return alternatives(response.path("choices").path(0).path("logprobs"));
    }

    /** The first generated token's alternatives, from either logprobs shape; empty when the server sent none. */
    static Alternatives alternatives(JsonNode logprobs) {
        List<Alternative> top = new ArrayList<>();
        JsonNode content = logprobs.path("content");
        if (content.isArray() && !content.isEmpty()) {
            for (JsonNode alt : content.get(0).path("top_logprobs")) {
                int id = alt.has("id") ? alt.get("id").asInt() : -1;
                top.add(new Alternative(new Token(id, alt.path("token").asText()), alt.path("logprob").asDouble()));
            }
        } else if (logprobs.path("top_logprobs").isArray() && !logprobs.path("top_logprobs").isEmpty()) {
            Iterator<Map.Entry<String, JsonNode>> fields = logprobs.path("top_logprobs").get(0).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                top.add(new Alternative(Token.ofText(entry.getKey()), entry.getValue().asDouble()));
            }
        }
        top.sort((a, b) -> Double.compare(b.logprob(), a.logprob()));
        return new Alternatives(top);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChatRequest(String model, List<ChatMessage> messages, @JsonProperty("max_tokens") int maxTokens,
                       double temperature, Long seed, boolean logprobs,
                       @JsonProperty("top_logprobs") int topLogprobs,
                       @JsonProperty("continue_final_message") Boolean continueFinalMessage,
                       @JsonProperty("add_generation_prompt") Boolean addGenerationPrompt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CompletionRequest(String model, String prompt, @JsonProperty("max_tokens") int maxTokens,
                             double temperature, Long seed, int logprobs) {
    }
}
