package dev.labelbench.backend;

import dev.labelbench.SharedFiles;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.Example;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the in-process GGUF backend's speed on the tiny models: free generation tokens/s on stories260K, and
 * classification examples/s (chat form, label grammar) of the tiny classifier on SST-2 dev. Not a test; see
 * notes/README-embedded.md for the command. Arguments: {@code [--rounds N] [--rows N]}.
 */
public final class GgufBenchmark {
    public static void main(String[] args) throws Exception {
        int rounds = 20;
        int rows = 200;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path models = SharedFiles.root().resolve("models");
        Example none = new Example("0", "", "x", Map.of(), 0);
        System.out.printf("cores %d%n", Runtime.getRuntime().availableProcessors());
        for (String file : List.of("stories260K.gguf", "llama-2-tiny-random.gguf")) {
            try (GgufBackend backend = new GgufBackend(ModelSpec.parse("gguf:" + models.resolve(file)))) {
                GenerationOptions options = GenerationOptions.DEFAULTS.overriddenBy(
                        new GenerationOptions(0.0, null, 128, null, 512, null, null, null, null));
                Reply warm = backend.generate(GenerationRequest.of(Prompt.completion("raw", "Once upon a time"), none, options));
                long tokens = 0;
                double ms = 0;
                for (int r = 0; r < rounds; r++) {
                    Reply reply = backend.generate(GenerationRequest.of(
                            Prompt.completion("raw", "Once upon a time, round " + r), none, options));
                    tokens += reply.completionTokens();
                    ms += reply.latencyMs();
                }
                System.out.printf(Locale.ROOT, "%s: load %.0f ms, %d rounds x 128 tokens: %.0f tokens/s (prompt included)%n",
                        file, warm.loadMs(), rounds, tokens * 1000 / ms);
            }
        }
        List<Example> sst2 = EmbeddedBenchmark.read(SharedFiles.root().resolve("datasets/sst2_dev.csv")).subList(0, rows);
        LabelSet labels = LabelSet.ofNames(List.of("positive", "negative"));
        try (GgufBackend backend = new GgufBackend(ModelSpec.parse("gguf:" + models.resolve("tinyclassifier-sst2-trec.gguf")))) {
            GenerationOptions options = GenerationOptions.DEFAULTS.overriddenBy(
                    new GenerationOptions(0.0, null, 16, null, null, null, null, null, null));
            long start = System.nanoTime();
            long tokens = 0;
            for (Example row : sst2) {
                Prompt prompt = Prompt.chat("chat", List.of(
                        new ChatMessage("system", "You are a classifier. Reply with exactly one of: positive, negative."),
                        new ChatMessage("user", row.text())));
                tokens += backend.generate(new GenerationRequest(prompt, row, options, labels, null)).completionTokens();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "tinyclassifier, chat + grammar, %d SST-2 rows: %.1f examples/s, %.0f generated tokens/s"
                    + " (load and prompt processing included)%n", rows, rows / seconds, tokens / seconds);
        }
        System.exit(0);
    }
}
