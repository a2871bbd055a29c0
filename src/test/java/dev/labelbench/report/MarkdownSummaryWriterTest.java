package dev.labelbench.report;

import dev.labelbench.core.Label;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.Reply;
import dev.labelbench.core.RunInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownSummaryWriterTest {
    @Test
    void smallRunMatchesTheGoldenSummary() throws Exception {
        GoldenFiles.assertMatches("small-summary.md", MarkdownSummaryWriter.render(SmallRun.create()));
    }

    @Test
    void namesCannotBreakTheTableOrInjectMarkup() {
        String model = "ollama:a|b`<img src=x>";
        List<Prediction> predictions = List.of(
                new Prediction("1", model, "t|1", "x", "yes", "yes", "exact", Reply.ofText("yes", 5), null, null),
                new Prediction("2", model, "t|1", "y", "no", "yes", "exact", Reply.ofText("yes", 5), null, null));
        RunInfo info = new RunInfo("name | with <b>pipes</b>", null, null, null,
                List.of(Label.of("yes"), Label.of("no")), null, null, null, null);
        String md = MarkdownSummaryWriter.render(new RunData(info, predictions, CellsOf.compute(predictions, info.labelSet()), List.of()));
        String row = md.lines().filter(l -> l.startsWith("| 1 ")).findFirst().orElseThrow();
        // 10 columns: 11 unescaped pipes.
        assertEquals(11, row.replace("\\|", "").chars().filter(c -> c == '|').count(), row);
        assertTrue(row.contains("`` ollama:a\\|b`<img src=x> ``"), row);
        assertTrue(md.startsWith("### labelbench: name \\| with \\<b\\>pipes\\</b\\>"), md);
        assertFalse(md.contains("<b>"));
    }
}
