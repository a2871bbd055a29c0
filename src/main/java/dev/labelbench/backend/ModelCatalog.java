package dev.labelbench.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labelbench.core.LabelbenchException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a server has to offer, for {@code labelbench models}: Ollama's {@code /api/tags}, llama-server's
 * {@code /v1/models} + {@code /props}, an OpenAI-compatible server's {@code /models}.
 */
public final class ModelCatalog {
    /** One model a server offers; fields the server does not report are null. */
    public record Entry(String name, Long sizeBytes, String family, String parameterSize, String quantization,
                        Integer contextSize, String note) {
    }

    private final BackendSettings settings;
    private final Map<String, String> environment;

    public ModelCatalog(BackendSettings settings, Map<String, String> environment) {
        this.settings = settings;
        this.environment = environment;
    }

    /** The URL used when none is given: Ollama's (honouring OLLAMA_HOST); the others have no safe default. */
    public String defaultUrl(String kind) {
        return switch (kind) {
            case "ollama" -> OllamaBackend.fromOllamaHost(environment.get("OLLAMA_HOST"));
            case "llamacpp", "openai" -> throw LabelbenchException.usage("--backend " + kind + " needs --url (e.g. "
                    + ("llamacpp".equals(kind) ? "http://127.0.0.1:8080" : "http://127.0.0.1:8000/v1") + ")");
            default -> throw LabelbenchException.usage("unknown backend '" + kind + "' (use ollama, llamacpp or openai)");
        };
    }

    /** Lists the models; a server that cannot be reached is a {@link LabelbenchException} naming the URL. */
    public List<Entry> list(String kind, String url) {
        return list(kind, url, null);
    }

    /** As {@link #list(String, String)}, the OpenAI-compatible server's key read from {@code apiKeyEnv} if given. */
    public List<Entry> list(String kind, String url, String apiKeyEnv) {
        String base = url == null ? defaultUrl(kind) : strip(url);
        try {
            return switch (kind.toLowerCase(Locale.ROOT)) {
                case "ollama" -> ollama(base);
                case "llamacpp" -> llamaCpp(base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base);
                case "openai" -> openAi(base, apiKeyEnv == null ? OpenAiBackend.DEFAULT_KEY_ENV : apiKeyEnv);
                default -> throw LabelbenchException.usage("unknown backend '" + kind + "' (use ollama, llamacpp or openai)");
            };
        } catch (BackendException e) {
            throw LabelbenchException.server("cannot list the models of the " + kind + " server: " + e.getMessage());
        }
    }

    private List<Entry> ollama(String base) throws BackendException {
        JsonNode tags = new HttpJsonClient(settings, Map.of()).send(base + "/api/tags", null);
        List<Entry> out = new ArrayList<>();
        for (JsonNode model : tags.path("models")) {
            JsonNode details = model.path("details");
            out.add(new Entry(model.path("name").asText(), longOrNull(model.path("size")), textOrNull(details.path("family")),
                    textOrNull(details.path("parameter_size")), textOrNull(details.path("quantization_level")), null, null));
        }
        return out;
    }

    private List<Entry> llamaCpp(String base) throws BackendException {
        HttpJsonClient http = new HttpJsonClient(settings, Map.of());
        JsonNode models = http.send(base + "/v1/models", null);
        JsonNode props = http.send(base + "/props", null);
        int slots = props.path("total_slots").asInt(1);
        Integer slotContext = intOrNull(props.path("default_generation_settings").path("n_ctx"));
        List<Entry> out = new ArrayList<>();
        for (JsonNode model : models.path("data")) {
            JsonNode meta = model.path("meta");
            String params = meta.has("n_params") ? humanParameters(meta.path("n_params").asLong()) : null;
            out.add(new Entry(model.path("id").asText(), longOrNull(meta.path("size")), null, params,
                    textOrNull(meta.path("ftype")), slotContext != null ? slotContext : intOrNull(meta.path("n_ctx")),
                    slots + " slot" + (slots == 1 ? "" : "s") + ", build " + props.path("build_info").asText("?")));
        }
        return out;
    }

    private List<Entry> openAi(String base, String keyEnv) throws BackendException {
        Map<String, String> headers = new LinkedHashMap<>();
        String key = environment.get(keyEnv);
        if (key != null && !key.isBlank()) {
            headers.put("Authorization", "Bearer " + key.strip());
        }
        JsonNode models = new HttpJsonClient(settings, headers).send(base + "/models", null);
        List<Entry> out = new ArrayList<>();
        for (JsonNode model : models.path("data")) {
            out.add(new Entry(model.path("id").asText(), null, null, null, null,
                    intOrNull(model.path("max_model_len")), textOrNull(model.path("owned_by"))));
        }
        return out;
    }

    /** 292800 -> "293K", 8030261312 -> "8.0B", as Ollama writes parameter sizes. */
    static String humanParameters(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1fB", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.0fM", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.0fK", n / 1e3);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String textOrNull(JsonNode value) {
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private static Long longOrNull(JsonNode value) {
        return value.isNumber() ? value.asLong() : null;
    }

    private static Integer intOrNull(JsonNode value) {
        return value.isNumber() ? value.asInt() : null;
    }
}
