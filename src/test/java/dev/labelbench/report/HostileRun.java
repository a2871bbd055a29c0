package dev.labelbench.report;

import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Label;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.Reply;
import dev.labelbench.core.RunInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run whose dataset texts, replies, model, template and label names try to break out of the report's HTML. Every
 * payload that executed would set {@code window.__xss}; the browser test checks it stays undefined.
 */
final class HostileRun {
    static final String MODEL = "ollama:<img src=x onerror=\"window.__xss='model'\">";
    static final String TEMPLATE = "\"><svg onload=window.__xss='template'>";
    static final String HOSTILE_LABEL = "<b onmouseover=\"window.__xss='label'\">neutral</b>";
    static final List<String> LABELS = List.of("positive", "negative", HOSTILE_LABEL);
    static final String LONG_LINE = "A".repeat(20_000) + "<script>window.__xss='long'</script>" + "B".repeat(20_000);

    static final List<String> TEXTS = List.of(
            "<script>window.__xss='text-script'</script>",
            "\"><img src=x onerror=\"window.__xss='text-img'\">",
            "</textarea><script>window.__xss='textarea'</script>",
            "<a href=\"javascript:window.__xss='js-url'\">click me</a> javascript:window.__xss='bare'",
            "</script><script>window.__xss='script-breakout'</script><!-- \u2028 \u2029 -->",
            "{{title}} {{{css}}} &amp; &lt;b&gt; mustache and entities stay literal",
            LONG_LINE);

    static final List<String> REPLIES = List.of(
            "</script><script>window.__xss='reply-breakout'</script>",
            "positive\"><img src=x onerror=window.__xss='reply-img'>",
            "<iframe src=\"javascript:window.__xss='iframe'\"></iframe>",
            "negative",
            "<style>body{display:none}</style>positive",
            "'-alert(1)-' \\u003c/script\\u003e",
            LONG_LINE);

    private HostileRun() {
    }

    static RunData create() {
        List<Prediction> predictions = new ArrayList<>();
        String[] cellsModels = {MODEL, "ollama:plain"};
        for (String model : cellsModels) {
            for (int e = 0; e < TEXTS.size(); e++) {
                String gold = LABELS.get(e % LABELS.size());
                String predicted = switch (e % 4) {
                    case 0 -> gold;
                    case 1 -> LabelSet.INVALID;
                    case 2 -> LABELS.get((e + 1) % LABELS.size());
                    default -> model.equals(MODEL) ? gold : LABELS.get((e + 2) % LABELS.size());
                };
                predictions.add(new Prediction("id-" + e + "<i>", model, TEMPLATE, TEXTS.get(e), gold, predicted,
                        "exact", Reply.ofText(REPLIES.get(e), 100 + e), null, null));
            }
        }
        RunInfo info = new RunInfo("<script>window.__xss='run-name'</script>", "2026-01-01T00:00:00Z", "0.1.0",
                new RunInfo.Dataset("datasets/\"><img src=x onerror=window.__xss='path'>.csv", TEXTS.size(),
                        Map.of("positive", 3, "negative", 2, HOSTILE_LABEL, 2)),
                LABELS.stream().map(Label::of).toList(),
                List.of(new RunInfo.Model(MODEL, "ollama", "<img src=x onerror=window.__xss='name'>",
                        List.of("javascript:window.__xss='url'"),
                        new GenerationOptions(0.0, null, 8, List.of("</script>"), null, null, null, null, null), false,
                        Map.of("digest", "<script>window.__xss='detail'</script>"))),
                List.of(new RunInfo.Template(TEMPLATE, "prompts/</textarea>.txt", "chat",
                        "<script>window.__xss='system'</script>", "{{text}}")),
                "exact", null);
        return new RunData(info, predictions, CellsOf.compute(predictions, info.labelSet()), List.of());
    }
}
