package dev.labelbench.backend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Prompt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Token probabilities from a llama.cpp {@code llama-server}, exact to the token id: chat prompts are rendered with the
 * server's own template ({@code /apply-template}), prompt and labels are tokenized together by the server
 * ({@code /tokenize}), and each next-token distribution comes from the native {@code /completion} with the prompt sent
 * as token ids, {@code n_predict} 1 and {@code n_probs}. No grammar is ever sent: llama.cpp takes {@code n_probs}
 * before the grammar, and a grammar would only change which token is sampled, not the distribution we read. The
 * shared prompt prefix stays in the server's prompt cache ({@code cache_prompt}), so each forced step costs one token.
 */
public final class LlamaCppTokenScorer implements TokenScorer {
    /** n_probs has no hard limit in llama-server; past this the responses grow large for little gain. */
    public static final int DEFAULT_MAX_TOP_K = 1000;

    private final String baseUrl;
    private final HttpJsonClient http;
    private final int maxTopK;

    public LlamaCppTokenScorer(String baseUrl, BackendSettings settings, Map<String, String> headers, int maxTopK) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = new HttpJsonClient(settings, headers);
        this.maxTopK = maxTopK;
    }

    public LlamaCppTokenScorer(String baseUrl, BackendSettings settings) {
        this(baseUrl, settings, Map.of(), DEFAULT_MAX_TOP_K);
    }

    @Override
    public String describe() {
        return "llama.cpp server at " + baseUrl;
    }

    @Override
    public List<String> preflight() {
        try {
            http.send(baseUrl + "/health", null);
        } catch (BackendException e) {
            return List.of("cannot reach the llama.cpp server at " + baseUrl + " (" + e.getMessage()
                    + "); start it with `llama-server -m MODEL.gguf --port PORT` and give its URL as llamacpp:NAME@URL");
        }
        try {
            http.post(baseUrl + "/tokenize", new TokenizeRequest("label", false, true), TokenizeResponse.class);
        } catch (BackendException e) {
            return List.of("the server at " + baseUrl + " has no llama.cpp /tokenize endpoint (" + e.getMessage()
                    + "), which scoring: logprob needs with llamacpp models; if it is another OpenAI-compatible server,"
                    + " use openai:NAME@URL instead");
        }
        return List.of();
    }

    @Override
    public Session open(Prompt prompt, GenerationOptions options) throws BackendException {
        String text = prompt.kind() == Prompt.Kind.CHAT
                ? http.post(baseUrl + "/apply-template", new ApplyTemplateRequest(prompt.messages()),
                        ApplyTemplateResponse.class).prompt()
                : prompt.text();
        return new LlamaSession(text);
    }

    private List<Token> tokenize(String content) throws BackendException {
        TokenizeResponse response = http.post(baseUrl + "/tokenize", new TokenizeRequest(content, true, true),
                TokenizeResponse.class);
        List<Token> tokens = new ArrayList<>();
        for (JsonNode node : response.tokens()) {
            tokens.add(new Token(node.path("id").asInt(), piece(node.path("piece"))));
        }
        return tokens;
    }

    /** A piece that is not valid UTF-8 on its own (part of a multi-byte character) comes as a list of bytes. */
    private static String piece(JsonNode piece) {
        if (piece.isArray()) {
            byte[] bytes = new byte[piece.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) piece.get(i).asInt();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return piece.asText();
    }

    private final class LlamaSession implements Session {
        private final String promptText;
        private List<Token> context;
        private int requests;

        LlamaSession(String promptText) {
            this.promptText = promptText;
        }

        @Override
        public Optional<List<List<Token>>> tokenize(List<String> continuations) throws BackendException {
            List<Token> promptTokens = LlamaCppTokenScorer.this.tokenize(promptText);
            requests++;
            List<List<Token>> full = new ArrayList<>();
            for (String continuation : continuations) {
                full.add(LlamaCppTokenScorer.this.tokenize(promptText + continuation));
                requests++;
            }
            ContextSplit split = ContextSplit.of(promptTokens, full);
            context = split.context();
            return Optional.of(split.continuations());
        }

        @Override
        public Alternatives next(List<Token> forced, int topK) throws BackendException {
            if (context == null) {
                throw new IllegalStateException("tokenize() first: llama.cpp scoring sends token ids");
            }
            List<Integer> ids = new ArrayList<>(context.size() + forced.size());
            context.forEach(t -> ids.add(t.id()));
            forced.forEach(t -> ids.add(t.id()));
            CompletionResponse response = http.post(baseUrl + "/completion",
                    new CompletionRequest(ids, 1, Math.min(topK, maxTopK), 0.0, true), CompletionResponse.class);
            requests++;
            if (response.completionProbabilities() == null || response.completionProbabilities().isEmpty()) {
                throw new BackendException(baseUrl + "/completion returned no completion_probabilities although"
                        + " n_probs was set; this server cannot be used for scoring: logprob", false, 200);
            }
            List<Alternative> top = new ArrayList<>();
            for (WireLogprob alt : response.completionProbabilities().get(0).topLogprobs()) {
                top.add(new Alternative(new Token(alt.id(), alt.token()), alt.logprob()));
            }
            return new Alternatives(top);
        }

        @Override
        public int maxTopK() {
            return maxTopK;
        }

        @Override
        public int requests() {
            return requests;
        }
    }

    record ApplyTemplateRequest(List<ChatMessage> messages) {
    }

    record ApplyTemplateResponse(String prompt) {
    }

    record TokenizeRequest(String content, @JsonProperty("add_special") boolean addSpecial,
                           @JsonProperty("with_pieces") boolean withPieces) {
    }

    record TokenizeResponse(List<JsonNode> tokens) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CompletionRequest(List<Integer> prompt, @JsonProperty("n_predict") int nPredict,
                             @JsonProperty("n_probs") int nProbs, double temperature,
                             @JsonProperty("cache_prompt") boolean cachePrompt) {
    }

    record CompletionResponse(
            @JsonProperty("completion_probabilities") List<WireStep> completionProbabilities) {
    }

    record WireStep(int id, String token, double logprob, @JsonProperty("top_logprobs") List<WireLogprob> topLogprobs) {
        WireStep {
            topLogprobs = topLogprobs == null ? List.of() : topLogprobs;
        }
    }

    record WireLogprob(int id, String token, double logprob) {
    }
}
