package dev.labelbench.report;

import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Label;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.Reply;
import dev.labelbench.core.RunInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A hand-written run small enough to check by eye: 2 models x 2 templates x 6 examples, 3 labels. */
final class SmallRun {
    static final String[][] EXAMPLES = {
            {"r1", "Loved it, would go again.", "positive"},
            {"r2", "Terrible service and cold food.", "negative"},
            {"r3", "It was a restaurant.", "neutral"},
            {"r4", "Great value, friendly staff.", "positive"},
            {"r5", "Never again.", "negative"},
            {"r6", "Open on Sundays.", "neutral"},
    };

    /** Predictions per cell, one per example in order; "?" is an invalid reply, "!" a failed request. */
    static final Map<String, String[]> PREDICTIONS = Map.of(
            "ollama:qwen2.5:0.5b|zero-shot", new String[] {"positive", "negative", "positive", "positive", "negative", "?"},
            "ollama:qwen2.5:0.5b|few-shot", new String[] {"positive", "negative", "neutral", "positive", "negative", "neutral"},
            "ollama:llama3.2:1b|zero-shot", new String[] {"positive", "neutral", "neutral", "negative", "negative", "!"},
            "ollama:llama3.2:1b|few-shot", new String[] {"positive", "negative", "negative", "positive", "?", "neutral"});

    private SmallRun() {
    }

    static RunData create() {
        List<Prediction> predictions = new ArrayList<>();
        int latency = 100;
        for (String cell : PREDICTIONS.keySet().stream().sorted().toList()) {
            String model = cell.substring(0, cell.indexOf('|'));
            String template = cell.substring(cell.indexOf('|') + 1);
            String[] answers = PREDICTIONS.get(cell);
            for (int e = 0; e < EXAMPLES.length; e++) {
                String answer = answers[e];
                latency += 17;
                if (answer.equals("!")) {
                    predictions.add(new Prediction(EXAMPLES[e][0], model, template, EXAMPLES[e][1], EXAMPLES[e][2],
                            null, null, null, "HTTP 500 from http://127.0.0.1:11434/api/chat", null));
                    continue;
                }
                String predicted = answer.equals("?") ? "invalid" : answer;
                String text = answer.equals("?") ? "I am not sure." : "The answer is " + answer + ".";
                predictions.add(new Prediction(EXAMPLES[e][0], model, template, EXAMPLES[e][1], EXAMPLES[e][2],
                        predicted, "exact", new Reply(text, null, "stop", latency, 40, 5, null, null, 50.0, List.of()),
                        null, null));
            }
        }
        RunInfo info = new RunInfo("small", "2026-01-01T12:00:00Z", "0.1.0",
                new RunInfo.Dataset("datasets/reviews.csv", 6, Map.of("positive", 2, "negative", 2, "neutral", 2)),
                List.of(Label.of("positive"), Label.of("negative"), Label.of("neutral")),
                List.of(new RunInfo.Model("ollama:qwen2.5:0.5b", "ollama", "qwen2.5:0.5b", List.of("http://127.0.0.1:11434"),
                                new GenerationOptions(0.0, 42L, 32, List.of("\n"), 2048, null, null, false, null), false,
                                Map.of("quantization", "Q4_K_M", "parameter_size", "494.03M")),
                        new RunInfo.Model("ollama:llama3.2:1b", "ollama", "llama3.2:1b", List.of(),
                                new GenerationOptions(0.0, null, 32, null, null, null, null, null, null), false, null)),
                List.of(new RunInfo.Template("zero-shot", "prompts/zero-shot.txt", "chat", "Label the review.", "{{text}}"),
                        new RunInfo.Template("few-shot", "prompts/few-shot.txt", "chat", "Label the review.", "{{examples}}\n{{text}}")),
                "exact", new GenerationOptions(0.0, null, null, null, null, null, null, null, null));
        return new RunData(info, predictions, CellsOf.compute(predictions, info.labelSet()), List.of());
    }
}
