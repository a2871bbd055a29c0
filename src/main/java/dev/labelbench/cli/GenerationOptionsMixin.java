package dev.labelbench.cli;

import dev.labelbench.core.GenerationOptions;
import picocli.CommandLine.Option;

import java.util.List;

/** Generation options on the command line; each overrides the config's {@code options}. */
final class GenerationOptionsMixin {
    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (default 0).")
    Double temperature;

    @Option(names = "--seed", paramLabel = "N", description = "Generation seed sent to the server.")
    Long seed;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Most tokens a reply may have (default 32).")
    Integer maxTokens;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop sequence (repeatable).")
    List<String> stop;

    @Option(names = "--context-size", paramLabel = "N", description = "Context window to ask the server for.")
    Integer contextSize;

    @Option(names = "--top-k", paramLabel = "K", description = "Top-k sampling.")
    Integer topK;

    @Option(names = "--top-p", paramLabel = "P", description = "Top-p (nucleus) sampling.")
    Double topP;

    @Option(names = "--think", description = "Let reasoning models think (off by default: thinking spends the token budget).")
    Boolean think;

    @Option(names = "--keep-alive", paramLabel = "DURATION", description = "How long Ollama keeps the model loaded, e.g. 10m.")
    String keepAlive;

    GenerationOptions toOptions() {
        return new GenerationOptions(temperature, seed, maxTokens, stop, contextSize, topK, topP, think, keepAlive);
    }
}
