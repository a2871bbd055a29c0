package dev.labelbench.cli;

import dev.labelbench.backend.BackendSettings;
import dev.labelbench.backend.ModelCatalog;
import dev.labelbench.core.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code labelbench models}: what a server has, so a user can write the right {@code --model}. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the models a server offers: Ollama (/api/tags: size, family, parameters, quantization), "
                + "llama-server (/v1/models and /props: slots, per-slot context, build) or an OpenAI-compatible server "
                + "(/v1/models; the key, if any, is read from OPENAI_API_KEY or --api-key-env).",
        footer = {"", "Examples:",
                "  labelbench models                                   (Ollama at OLLAMA_HOST or localhost:11434)",
                "  labelbench models --backend llamacpp --url http://127.0.0.1:8080",
                "  labelbench models --backend openai --url http://127.0.0.1:1234/v1   (LM Studio)",
                "  labelbench models --backend openai --url http://127.0.0.1:8000/v1   (vLLM)"})
public final class ModelsCommand implements Callable<Integer> {
    @Option(names = "--backend", paramLabel = "KIND", defaultValue = "ollama",
            description = "ollama, llamacpp or openai (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--url", paramLabel = "URL",
            description = "The server's base URL (required for llamacpp and openai; OpenAI-compatible URLs end in /v1).")
    String url;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Environment variable holding the OpenAI-compatible server's API key (default: OPENAI_API_KEY).")
    String apiKeyEnv;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the server (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    VerboseMixin verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        BackendSettings settings = BackendSettings.DEFAULTS.withTimeouts(timeout, timeout);
        String kind = backend.toLowerCase(Locale.ROOT);
        List<ModelCatalog.Entry> models = new ModelCatalog(settings, System.getenv()).list(kind, url, apiKeyEnv);
        PrintWriter out = spec.commandLine().getOut();
        if (models.isEmpty()) {
            out.println("no models on the server" + ("ollama".equals(kind) ? " (pull one: ollama pull qwen2.5:0.5b)" : ""));
            return ExitCode.OK.code();
        }
        out.print(table(kind, models));
        out.flush();
        return ExitCode.OK.code();
    }

    /** One row per model; the name is what goes after {@code KIND:} in {@code --model}. */
    static String table(String kind, List<ModelCatalog.Entry> models) {
        String[] header = {"MODEL", "SIZE", "FAMILY", "PARAMS", "QUANT", "CONTEXT", "NOTE"};
        String[][] rows = new String[models.size() + 1][];
        rows[0] = header;
        for (int i = 0; i < models.size(); i++) {
            ModelCatalog.Entry m = models.get(i);
            rows[i + 1] = new String[]{kind + ":" + m.name(), size(m.sizeBytes()), dash(m.family()), dash(m.parameterSize()),
                    dash(m.quantization()), m.contextSize() == null ? "-" : m.contextSize().toString(), dash(m.note())};
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(String.format("%-" + widths[c] + "s", row[c])).append(c < row.length - 1 ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }

    /** Bytes as Ollama shows them: 4661224676 -> "4.7 GB". */
    static String size(Long bytes) {
        if (bytes == null) {
            return "-";
        }
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f KB", bytes / 1e3);
    }
}
