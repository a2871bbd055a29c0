package dev.labelbench.backend;

import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.ModelSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Opens the backend for a model spec, wrapped in a {@link RetryingBackend}. Adding a kind of server means one class
 * and one case below.
 */
public final class BackendFactory {
    private final BackendSettings settings;

    public BackendFactory(BackendSettings settings) {
        this.settings = settings;
    }

    /** The backend for the model's first URL (or its default URL). */
    public Backend open(ModelSpec spec, BackendContext context) {
        Backend backend = switch (spec.kind()) {
            case "ollama" -> new OllamaBackend(spec, settings, System.getenv("OLLAMA_HOST"));
            case "llamacpp" -> new LlamaCppBackend(spec, settings);
            case "openai" -> new OpenAiBackend(spec, settings, System.getenv());
            case "embedded" -> new EmbeddedBackend(spec, context);
            case "gguf" -> new GgufBackend(spec);
            default -> throw LabelbenchException.usage("model '" + spec.id() + "': the " + spec.kind()
                    + " backend is not available in this build");
        };
        return new RetryingBackend(backend, settings);
    }

    /**
     * One backend per URL of the model (a model served by several servers), for the run engine to balance across;
     * a single backend when the model has one URL or none.
     */
    public List<Backend> openEach(ModelSpec spec, BackendContext context) {
        if (spec.urls().size() <= 1) {
            return List.of(open(spec, context));
        }
        List<Backend> backends = new ArrayList<>();
        for (String url : spec.urls()) {
            backends.add(open(spec.withUrls(List.of(url)), context));
        }
        return backends;
    }
}
