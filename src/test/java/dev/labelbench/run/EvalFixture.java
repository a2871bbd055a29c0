package dev.labelbench.run;

import dev.labelbench.core.Prediction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a small evaluation (dataset, two templates, eval YAML) into a folder, and reads back what a run wrote. */
public final class EvalFixture {
    public static final List<String> LABELS = List.of("billing", "technical", "shipping");

    private EvalFixture() {
    }

    /**
     * {@code rows} examples with ids r1..rN; {@code distinctTexts} texts repeated in turn (rows > distinctTexts gives
     * identical prompts). Templates "plain" and "polite". {@code models} is the YAML list under {@code models:}.
     */
    public static Path write(Path dir, int rows, int distinctTexts, String modelsYaml, String extraYaml) {
        try {
            StringBuilder csv = new StringBuilder("id,text,label\n");
            for (int i = 0; i < rows; i++) {
                int t = i % distinctTexts;
                csv.append("r").append(i + 1).append(",Customer message number ").append(t).append(" about an order,")
                        .append(LABELS.get(t % LABELS.size())).append('\n');
            }
            Files.writeString(dir.resolve("data.csv"), csv.toString());
            Files.writeString(dir.resolve("plain.yaml"), "system: \"Classify as one of: {{labels}}.\"\nuser: \"{{text}}\"\n");
            Files.writeString(dir.resolve("polite.yaml"),
                    "system: \"Please classify the message as one of: {{labels}}. Reply with the label only.\"\nuser: \"Message: {{text}}\"\n");
            Path eval = dir.resolve("eval.yaml");
            Files.writeString(eval, """
                    name: fixture
                    dataset: {path: data.csv, id: id}
                    labels: [billing, technical, shipping]
                    prompts: [plain.yaml, polite.yaml]
                    models:
                    %s
                    options: {temperature: 0, max_tokens: 8}
                    %s
                    """.formatted(modelsYaml.indent(2).stripTrailing(), extraYaml == null ? "" : extraYaml));
            return eval;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many lines each (model, template, id) has in a run folder's results.jsonl. */
    public static Map<String, Long> lineCounts(Path runDir) {
        return ResultsLog.read(runDir.resolve("results.jsonl")).stream()
                .collect(Collectors.groupingBy(p -> p.model() + "|" + p.template() + "|" + p.id(), HashMap::new,
                        Collectors.counting()));
    }

    public static List<Prediction> predictions(Path runDir) {
        return ResultsLog.read(runDir.resolve("results.jsonl"));
    }
}
