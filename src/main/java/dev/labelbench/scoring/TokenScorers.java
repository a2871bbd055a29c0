package dev.labelbench.scoring;

import dev.labelbench.backend.OllamaBackend;

import dev.labelbench.backend.BackendSettings;
import dev.labelbench.backend.LlamaCppTokenScorer;
import dev.labelbench.backend.OllamaTokenScorer;
import dev.labelbench.backend.OpenAiTokenScorer;
import dev.labelbench.backend.TokenScorer;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.ModelSpec;

import java.util.List;
import java.util.Map;

/**
 * Which backends can give token probabilities, and the scorer for each. The run engine calls {@link #forModel} and
 * {@link #requireReady} for every model before the first example when {@code scoring: logprob} is asked for, so a
 * backend that cannot score fails the run at once, with a message naming it and what it lacks.
 */
public final class TokenScorers {
    static final String LLAMACPP_DEFAULT_URL = "http://127.0.0.1:8080";

    private TokenScorers() {
    }

    /** The scorer for a model, or a {@link LabelbenchException} (input error) when its backend cannot score. */
    public static TokenScorer forModel(ModelSpec spec, BackendSettings settings) {
        return switch (spec.kind()) {
            case "llamacpp" -> new LlamaCppTokenScorer(url(spec, LLAMACPP_DEFAULT_URL), settings, headers(spec),
                    LlamaCppTokenScorer.DEFAULT_MAX_TOP_K);
            case "openai" -> new OpenAiTokenScorer(url(spec, null), spec.name(), settings, headers(spec));
            case "ollama" -> new OllamaTokenScorer(url(spec, OllamaBackend.fromOllamaHost(System.getenv("OLLAMA_HOST"))), spec.name(),
                    settings);
            case "gguf" -> throw LabelbenchException.input("model '" + spec.id() + "': scoring: logprob needs token"
                    + " probabilities, which the in-process gguf backend cannot give (its llama.cpp binding,"
                    + " de.kherud:llama 4.2.0, aborts the JVM when asked for n_probs); serve the same file with"
                    + " `llama-server -m FILE.gguf --port 8080` and use llamacpp:NAME@http://127.0.0.1:8080,"
                    + " or use scoring: generate for this model");
            case "embedded" -> throw LabelbenchException.input("model '" + spec.id() + "': scoring: logprob needs"
                    + " token probabilities from a language model, and the embedded baseline has none (it classifies by"
                    + " embedding similarity); use scoring: generate for this model");
            default -> throw LabelbenchException.input("model '" + spec.id() + "': the " + spec.kind()
                    + " backend gives no token probabilities, so scoring: logprob cannot use it");
        };
    }

    /** Whether {@link #forModel} would accept this model: for config validation without a server. */
    public static boolean supports(ModelSpec spec) {
        return List.of("llamacpp", "openai", "ollama").contains(spec.kind());
    }

    /** Runs the scorer's preflight and turns its problems into one server error. */
    public static void requireReady(TokenScorer scorer) {
        List<String> problems = scorer.preflight();
        if (!problems.isEmpty()) {
            throw LabelbenchException.server(String.join("\n", problems));
        }
    }

    private static String url(ModelSpec spec, String fallback) {
        if (!spec.urls().isEmpty()) {
            return spec.urls().get(0);
        }
        if (fallback == null) {
            throw LabelbenchException.usage("model '" + spec.id() + "': give the server's URL, e.g. "
                    + spec.kind() + ":" + spec.name() + "@http://localhost:8000/v1");
        }
        return fallback;
    }

    /** The API key is read from the named environment variable at the last moment and never stored elsewhere. */
    private static Map<String, String> headers(ModelSpec spec) {
        if (spec.apiKeyEnv() == null) {
            return Map.of();
        }
        String key = System.getenv(spec.apiKeyEnv());
        if (key == null || key.isBlank()) {
            throw LabelbenchException.input("model '" + spec.id() + "': environment variable " + spec.apiKeyEnv()
                    + " (api_key_env) is not set");
        }
        return Map.of("Authorization", "Bearer " + key);
    }
}
