package dev.labelbench.backend;

import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.ModelSpec;

/** Opens the backend for a model spec. Adding a kind of server means one class here and one case below. */
public final class BackendFactory {
    private final BackendSettings settings;

    public BackendFactory(BackendSettings settings) {
        this.settings = settings;
    }

    public Backend open(ModelSpec spec, BackendContext context) {
        return switch (spec.kind()) {
            case "ollama" -> new OllamaBackend(spec, settings, System.getenv("OLLAMA_HOST"));
            case "embedded" -> new EmbeddedBackend(spec, context);
            case "gguf" -> new GgufBackend(spec);
            default -> throw LabelbenchException.usage("model '" + spec.id() + "': the " + spec.kind()
                    + " backend is not available in this build");
        };
    }
}
