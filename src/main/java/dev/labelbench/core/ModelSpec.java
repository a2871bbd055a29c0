package dev.labelbench.core;

import java.util.List;
import java.util.Locale;

/**
 * A model to evaluate: the backend kind ({@code ollama}, {@code llamacpp}, {@code openai}, {@code embedded},
 * {@code gguf}), the model name as that backend knows it, the server URLs (empty: the backend's default), per-model
 * generation options, and the environment variable that holds an API key (the key itself is never stored).
 */
public record ModelSpec(
        String kind,
        String name,
        List<String> urls,
        GenerationOptions options,
        String apiKeyEnv,
        Boolean constrained,
        Integer concurrency) {

    public static final List<String> KINDS = List.of("ollama", "llamacpp", "openai", "embedded", "gguf");

    public ModelSpec {
        urls = urls == null ? List.of() : List.copyOf(urls);
        options = options == null ? GenerationOptions.NONE : options;
    }

    /** The id shown in reports and used in results: {@code kind:name}. */
    public String id() {
        return kind + ":" + name;
    }

    /**
     * Parses {@code kind:name} or {@code kind:name@url}, e.g. {@code ollama:qwen2.5:0.5b},
     * {@code llamacpp:tiny@http://127.0.0.1:8080}.
     */
    public static ModelSpec parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        int colon = trimmed.indexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw LabelbenchException.usage("model '" + text + "' is not of the form KIND:NAME[@URL] (KIND is one of "
                    + String.join(", ", KINDS) + "), e.g. ollama:qwen2.5:0.5b");
        }
        String kind = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw LabelbenchException.usage("model '" + text + "': unknown backend '" + kind + "' (use one of "
                    + String.join(", ", KINDS) + ")");
        }
        String rest = trimmed.substring(colon + 1);
        List<String> urls = List.of();
        int at = rest.lastIndexOf("@http");
        if (at > 0) {
            urls = List.of(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        return new ModelSpec(kind, rest, urls, GenerationOptions.NONE, null, null, null);
    }

    public ModelSpec withUrls(List<String> newUrls) {
        return new ModelSpec(kind, name, newUrls, options, apiKeyEnv, constrained, concurrency);
    }

    public ModelSpec withOptions(GenerationOptions newOptions) {
        return new ModelSpec(kind, name, urls, newOptions, apiKeyEnv, constrained, concurrency);
    }
}
