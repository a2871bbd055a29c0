package dev.labelbench.report;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prediction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunComparisonTest {
    private static final CellKey QWEN_ZERO = new CellKey("ollama:qwen2.5:0.5b", "zero-shot");

    @Test
    void countsFixedAndBrokenExamplesPerCell() {
        RunData a = SmallRun.create();
        // B: qwen zero-shot gets r3 right (fixed) and r1 wrong (broken); nothing else changes.
        List<Prediction> changed = new ArrayList<>();
        for (Prediction p : a.predictions()) {
            if (p.cell().equals(QWEN_ZERO) && p.id().equals("r3")) {
                p = withPredicted(p, "neutral");
            } else if (p.cell().equals(QWEN_ZERO) && p.id().equals("r1")) {
                p = withPredicted(p, "negative");
            }
            changed.add(p);
        }
        RunData b = new RunData(a.info(), changed, CellsOf.compute(changed, a.info().labelSet()), List.of());
        RunComparison comparison = RunComparison.of(a, b, "accuracy");
        assertEquals(4, comparison.deltas().size());
        RunComparison.CellDelta qwen = comparison.deltas().stream().filter(d -> d.cell().equals(QWEN_ZERO)).findFirst().orElseThrow();
        assertEquals(6, qwen.paired());
        assertEquals(1, qwen.fixed());
        assertEquals(1, qwen.broken());
        assertEquals(0.0, qwen.delta(), 1e-12);
        assertEquals(1.0, qwen.p(), 1e-12);
        assertEquals(List.of("r1", "r3"), comparison.changes().stream().map(RunComparison.Change::id).sorted().toList());
        // The failed request of llama zero-shot is not a paired example.
        assertEquals(5, comparison.deltas().stream().filter(d -> d.cell().model().contains("llama")
                && d.cell().template().equals("zero-shot")).findFirst().orElseThrow().paired());
        assertTrue(comparison.significantlyWorse().isEmpty());
    }

    @Test
    void aRegressionOnManyExamplesIsSignificantlyWorse() {
        RunData a = SyntheticRun.generate(1, 1, 400, 5);
        // B breaks every 5th example A got right: ~70 broken, none fixed.
        List<Prediction> worse = new ArrayList<>();
        int i = 0;
        for (Prediction p : a.predictions()) {
            if (p.correct() && i++ % 5 == 0) {
                p = withPredicted(p, LabelSet.INVALID);
            }
            worse.add(p);
        }
        RunData b = new RunData(a.info(), worse, CellsOf.compute(worse, a.info().labelSet()), List.of());
        RunComparison comparison = RunComparison.of(a, b, "macro_f1");
        RunComparison.CellDelta d = comparison.deltas().get(0);
        assertEquals(0, d.fixed());
        assertTrue(d.broken() > 60, "broken " + d.broken());
        assertTrue(d.delta() < -0.1);
        assertTrue(d.significantlyWorse());
        assertEquals(1, comparison.significantlyWorse().size());
        // The other direction is a significant improvement, not a regression.
        RunComparison back = RunComparison.of(b, a, "macro_f1");
        assertTrue(back.deltas().get(0).significantlyBetter());
        assertTrue(back.significantlyWorse().isEmpty());
        String console = ComparisonSummary.render(comparison, "a", "b");
        assertTrue(console.contains("significantly worse"), console);
        String html = new CompareHtmlWriter().render(comparison, "a", "b");
        assertTrue(html.contains("Broken (" + d.broken() + ")"));
        assertTrue(html.contains("Fixed (0)"));
        assertFalse(html.contains("<script"));
    }

    @Test
    void hostileTextInTheComparisonPageIsEscaped() {
        RunData a = HostileRun.create();
        List<Prediction> flipped = new ArrayList<>();
        for (Prediction p : a.predictions()) {
            flipped.add(withPredicted(p, p.correct() ? LabelSet.INVALID : p.gold()));
        }
        RunData b = new RunData(a.info(), flipped, CellsOf.compute(flipped, a.info().labelSet()), List.of());
        String html = new CompareHtmlWriter().render(RunComparison.of(a, b, "accuracy"), "<script>a</script>", "b");
        assertEquals(0, HtmlReportWriterTest.count(html, "<script"));
        assertFalse(html.contains("<img") || html.contains("</textarea>") || html.contains("<iframe"));
        assertTrue(html.contains("script-src 'none'"));
    }

    static Prediction withPredicted(Prediction p, String predicted) {
        return new Prediction(p.id(), p.model(), p.template(), p.text(), p.gold(), predicted, p.rule(), p.reply(),
                p.error(), p.labelProbs());
    }
}
