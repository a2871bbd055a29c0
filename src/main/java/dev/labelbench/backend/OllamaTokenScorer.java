package dev.labelbench.backend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Prompt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Token probabilities from Ollama's native API ({@code logprobs}/{@code top_logprobs}, Ollama 0.12.11 or newer, at
 * most 20 alternatives). Ollama has no tokenizer endpoint, so tokens are known by their text; a label prefix is
 * forced by appending it to the raw prompt ({@code /api/generate} with {@code raw}) or, for chat prompts, as a final
 * assistant message, which Ollama's templates continue rather than close.
 */
public final class OllamaTokenScorer implements TokenScorer {
    public static final int MAX_TOP_K = 20;
    /** The first release whose API returns logprobs. */
    static final int[] MIN_VERSION = {0, 12, 11};

    private final String baseUrl;
    private final String model;
    private final HttpJsonClient http;

    public OllamaTokenScorer(String baseUrl, String model, BackendSettings settings) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.model = model;
        this.http = new HttpJsonClient(settings, Map.of());
    }

    @Override
    public String describe() {
        return "Ollama at " + baseUrl + " (model " + model + ")";
    }

    @Override
    public List<String> preflight() {
        String version;
        try {
            version = http.send(baseUrl + "/api/version", null).path("version").asText("");
        } catch (BackendException e) {
            return List.of("cannot reach Ollama at " + baseUrl + " (" + e.getMessage() + "); start it with `ollama serve`");
        }
        if (!atLeast(version, MIN_VERSION)) {
            return List.of("Ollama at " + baseUrl + " is version " + (version.isEmpty() ? "(unknown)" : version)
                    + ", which returns no token probabilities; scoring: logprob needs Ollama 0.12.11 or newer"
                    + " (upgrade Ollama, or use scoring: generate)");
        }
        return List.of();
    }

    /** Compares dotted versions numerically; a pre-release suffix ({@code 0.13.0-rc1}) counts as that release. */
    static boolean atLeast(String version, int[] minimum) {
        String[] parts = version.split("[.-]");
        for (int i = 0; i < minimum.length; i++) {
            int have;
            try {
                have = i < parts.length ? Integer.parseInt(parts[i].replaceAll("\\D.*", "")) : 0;
            } catch (NumberFormatException e) {
                return false;
            }
            if (have != minimum[i]) {
                return have > minimum[i];
            }
        }
        return true;
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
                int k = Math.min(topK, MAX_TOP_K);
                JsonNode response;
                if (prompt.kind() == Prompt.Kind.CHAT) {
                    List<ChatMessage> messages = new ArrayList<>(prompt.messages());
                    if (text.length() > 0) {
                        messages.add(new ChatMessage("assistant", text.toString()));
                    }
                    response = http.send(baseUrl + "/api/chat", new ChatRequest(model, messages, false, false,
                            true, k, optionsOf(options)));
                } else {
                    response = http.send(baseUrl + "/api/generate", new GenerateRequest(model, prompt.text() + text,
                            true, false, false, true, k, optionsOf(options)));
                }
                requests++;
                if (response.hasNonNull("error")) {
                    throw new BackendException(baseUrl + " model " + model + ": " + response.get("error").asText(),
                            true, 200);
                }
                return alternatives(response.path("logprobs"));
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

    static Alternatives alternatives(JsonNode logprobs) {
        List<Alternative> top = new ArrayList<>();
        if (logprobs.isArray() && !logprobs.isEmpty()) {
            for (JsonNode alt : logprobs.get(0).path("top_logprobs")) {
                top.add(new Alternative(Token.ofText(alt.path("token").asText()), alt.path("logprob").asDouble()));
            }
        }
        top.sort((a, b) -> Double.compare(b.logprob(), a.logprob()));
        return new Alternatives(top);
    }

    /** One token at temperature 0; the context size, when set, must match generation's or the model reloads. */
    private static Map<String, Object> optionsOf(GenerationOptions options) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("temperature", 0.0);
        out.put("num_predict", 1);
        if (options.contextSize() != null) {
            out.put("num_ctx", options.contextSize());
        }
        if (options.seed() != null) {
            out.put("seed", options.seed());
        }
        return out;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChatRequest(String model, List<ChatMessage> messages, boolean stream, Boolean think, boolean logprobs,
                       @JsonProperty("top_logprobs") int topLogprobs, Map<String, Object> options) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GenerateRequest(String model, String prompt, boolean raw, boolean stream, Boolean think, boolean logprobs,
                           @JsonProperty("top_logprobs") int topLogprobs, Map<String, Object> options) {
    }
}
