package dev.labelbench.report;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Label;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.Reply;
import dev.labelbench.core.RunInfo;
import dev.labelbench.metrics.CellMetricsCalculator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Made-up runs of any size for the report benchmark ({@code labelbench bench report}) and the report tests:
 * deterministic for a seed, no clock. Metrics come from the same calculators a real run uses.
 */
public final class SyntheticRun {
    static final List<String> LABELS = List.of("positive", "negative", "neutral");
    private static final String[] WORDS = ("the service was slow but the food arrived warm and the staff apologised "
            + "twice before we left it was fine overall though I would not order the soup again").split(" ");

    private SyntheticRun() {
    }

    /** {@code models} x {@code templates} cells over {@code examples} examples; model i is right ~(90 - 8i)% of the time. */
    public static RunData generate(int models, int templates, int examples, long seed) {
        Random random = new Random(seed);
        List<String[]> dataset = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int e = 0; e < examples; e++) {
            String gold = LABELS.get(random.nextInt(LABELS.size()));
            counts.merge(gold, 1, Integer::sum);
            StringBuilder text = new StringBuilder();
            int length = 12 + random.nextInt(40);
            for (int w = 0; w < length; w++) {
                text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            dataset.add(new String[] {"ex-" + e, text.toString(), gold});
        }
        List<Prediction> predictions = new ArrayList<>();
        List<RunInfo.Model> modelInfos = new ArrayList<>();
        List<RunInfo.Template> templateInfos = new ArrayList<>();
        for (int t = 0; t < templates; t++) {
            templateInfos.add(new RunInfo.Template("template-" + t, "prompts/template-" + t + ".txt", "chat",
                    "You label reviews as positive, negative or neutral.", "Review: {{text}}\nLabel:"));
        }
        for (int m = 0; m < models; m++) {
            String model = "ollama:model-" + m;
            modelInfos.add(new RunInfo.Model(model, "ollama", "model-" + m, List.of("http://127.0.0.1:11434"),
                    new GenerationOptions(0.0, 42L, 32, null, 4096, null, null, false, null), false,
                    Map.of("quantization", "Q4_K_M", "digest", "sha256:abc" + m, "size", 397_821_319L + m)));
            for (int t = 0; t < templates; t++) {
                double accuracy = 0.9 - 0.08 * m - 0.02 * t;
                for (String[] row : dataset) {
                    String gold = row[2];
                    double roll = random.nextDouble();
                    String predicted;
                    String replyText;
                    if (roll < accuracy) {
                        predicted = gold;
                        replyText = random.nextBoolean() ? gold : "The sentiment is **" + gold + "**.";
                    } else if (roll < accuracy + 0.03) {
                        predicted = LabelSet.INVALID;
                        replyText = "I cannot decide between positive and negative here.";
                    } else {
                        predicted = LABELS.get((LABELS.indexOf(gold) + 1 + random.nextInt(2)) % LABELS.size());
                        replyText = predicted;
                    }
                    Reply reply = new Reply(replyText, null, "stop", 80 + random.nextInt(400) + 30 * m, 60, 3,
                            null, null, 20.0 + random.nextInt(10), List.of());
                    predictions.add(new Prediction(row[0], model, "template-" + t, row[1], gold, predicted,
                            "exact", reply, null, null));
                }
            }
        }
        List<Label> labels = LABELS.stream().map(Label::of).toList();
        RunInfo info = new RunInfo("synthetic", "2026-01-01T12:00:00Z", "0.1.0",
                new RunInfo.Dataset("datasets/synthetic.csv", examples, counts), labels, modelInfos, templateInfos,
                "auto", new GenerationOptions(0.0, 42L, 32, null, null, null, null, null, null));
        Map<CellKey, List<Prediction>> byCell = new TreeMap<>();
        for (Prediction p : predictions) {
            byCell.computeIfAbsent(p.cell(), c -> new ArrayList<>()).add(p);
        }
        List<CellMetrics> cells = new ArrayList<>();
        byCell.forEach((cell, list) -> cells.add(CellMetricsCalculator.compute(cell, list, info.labelSet())));
        return new RunData(info, predictions, cells, List.of());
    }
}
