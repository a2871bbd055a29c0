package dev.labelbench.metrics;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.PairwiseComparison;
import dev.labelbench.core.Prediction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellComparisonsTest {
    private static final LabelSet LABELS = LabelSet.ofNames(List.of("positive", "negative"));
    private static final StatisticsSettings SETTINGS = new StatisticsSettings(500, 42, 0.95);

    /** gold alternates positive/negative; the model is right on the first {@code right} examples. */
    private static List<Prediction> model(String model, String template, int n, int right) {
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String gold = i % 2 == 0 ? "positive" : "negative";
            String wrong = i % 2 == 0 ? "negative" : "positive";
            String predicted = i < right ? gold : (i % 3 == 0 ? LabelSet.INVALID : wrong);
            out.add(new Prediction(String.format("ex-%03d", i), model, template, null, gold, predicted, "test",
                    null, null, null));
        }
        return out;
    }

    @Test
    void aClearlyBetterModelIsSignificantAndTheDifferenceIntervalExcludesZero() {
        List<Prediction> all = new ArrayList<>(model("qwen", "zero-shot", 200, 120));
        all.addAll(model("gemma", "zero-shot", 200, 180));
        List<PairwiseComparison> comparisons = CellComparisons.compare(all, LABELS, SETTINGS);
        assertEquals(1, comparisons.size());
        PairwiseComparison c = comparisons.get(0);
        assertEquals(new CellKey("gemma", "zero-shot"), c.a()); // cells in CellKey order
        assertEquals(200, c.examples());
        assertEquals(60, c.onlyA());
        assertEquals(0, c.onlyB());
        assertEquals(McNemar.exactP(60, 0), c.mcnemarP(), 0);
        assertEquals(c.mcnemarP(), c.adjustedP(), 0); // one test: Holm changes nothing
        assertTrue(c.significant());
        assertTrue(c.macroF1Diff() < 0, "B (qwen) minus A (gemma) is negative: " + c.macroF1Diff());
        assertTrue(c.macroF1DiffCi().high() < 0 && c.macroF1DiffCi().contains(c.macroF1Diff()), c.macroF1DiffCi().toString());

        List<String> sentences = SignificanceSummary.sentences(comparisons);
        assertEquals(1, sentences.size());
        assertTrue(sentences.get(0).startsWith("gemma x zero-shot is significantly better than qwen x zero-shot: right on 60 examples"),
                sentences.get(0));
        assertTrue(sentences.get(0).contains("McNemar p=<0.0001"), sentences.get(0));
        // Said from the winner's side: gemma minus qwen is positive, and so is its interval.
        assertTrue(sentences.get(0).matches(".*macro-F1 gemma x zero-shot minus qwen x zero-shot \\+0\\.\\d{3} "
                + "\\(95% CI \\+0\\.\\d{3} to \\+0\\.\\d{3}\\) over 200 shared examples\\."), sentences.get(0));
    }

    @Test
    void onlySharedAnsweredExamplesAreComparedAndFailedRequestsAreLeftOut() {
        List<Prediction> a = new ArrayList<>(model("a", "t", 10, 5));
        List<Prediction> b = new ArrayList<>(model("b", "t", 12, 12));
        Prediction failed = b.get(0);
        b.set(0, new Prediction(failed.id(), "b", "t", null, failed.gold(), null, null, null, "timeout", null));
        List<Prediction> all = new ArrayList<>(a);
        all.addAll(b);
        PairwiseComparison c = CellComparisons.compare(all, LABELS, MetricsFixtures.NO_INTERVALS).get(0);
        assertEquals(9, c.examples()); // ex-000 failed for b; ex-010 and ex-011 only b answered
        assertEquals(0, c.onlyA());
        assertEquals(5, c.onlyB()); // a is right on ex-001..ex-004 only, b on all of them
        assertNull(c.macroF1DiffCi()); // no resamples asked for
    }

    @Test
    void holmIsAppliedAcrossAllPairsWhenMoreThanTwoCells() {
        List<Prediction> all = new ArrayList<>(model("a", "t", 100, 60));
        all.addAll(model("b", "t", 100, 70));
        all.addAll(model("c", "t", 100, 90));
        List<PairwiseComparison> comparisons = CellComparisons.compare(all, LABELS, SETTINGS);
        assertEquals(3, comparisons.size());
        double[] raw = comparisons.stream().mapToDouble(PairwiseComparison::mcnemarP).toArray();
        double[] holm = HolmCorrection.adjust(raw);
        for (int i = 0; i < 3; i++) {
            assertEquals(holm[i], comparisons.get(i).adjustedP(), 0);
            assertTrue(comparisons.get(i).adjustedP() >= comparisons.get(i).mcnemarP());
            assertEquals(comparisons.get(i).adjustedP() < 0.05, comparisons.get(i).significant());
        }
        // a vs b: 10 discordant, all for b: raw p = 2/1024 = 0.00195, significant even after x3 (0.0059).
        PairwiseComparison ab = comparisons.get(0);
        assertEquals(2.0 / 1024, ab.mcnemarP(), 1e-15);
        assertTrue(ab.significant());
        List<String> sentences = SignificanceSummary.sentences(comparisons);
        assertTrue(sentences.stream().allMatch(s -> s.contains("Holm-adjusted")), sentences.toString());
    }

    @Test
    void manyPairsThatDoNotDifferAreCountedInOneLine() {
        List<Prediction> all = new ArrayList<>();
        for (String model : List.of("a", "b", "c", "d")) {
            all.addAll(model(model, "t", 100, 70));
        }
        List<String> sentences = SignificanceSummary.sentences(CellComparisons.compare(all, LABELS, SETTINGS));
        assertEquals(List.of("None of the 6 pairs of cells differs significantly (McNemar, Holm-adjusted); "
                + "metrics.json and report.html list every pair."), sentences);
    }

    @Test
    void equallyGoodModelsAreNotSignificant() {
        List<Prediction> all = new ArrayList<>(model("a", "t", 100, 70));
        all.addAll(model("b", "t", 100, 70));
        PairwiseComparison c = CellComparisons.compare(all, LABELS, SETTINGS).get(0);
        assertEquals(1.0, c.mcnemarP(), 0);
        assertFalse(c.significant());
        assertEquals(0.0, c.macroF1Diff(), 0);
        assertTrue(SignificanceSummary.sentences(List.of(c)).get(0)
                .startsWith("a x t and b x t do not differ significantly (0 vs 0 examples only one got right, McNemar p=1.000)"));
        assertTrue(SignificanceSummary.sentences(List.of(c)).get(0).contains("+0.000"), "an exact tie is not -0.000");
    }

    @Test
    void theSameSeedGivesTheSameDifferenceInterval() {
        List<Prediction> all = new ArrayList<>(model("a", "t", 150, 90));
        all.addAll(model("b", "t", 150, 100));
        assertEquals(CellComparisons.compare(all, LABELS, SETTINGS).get(0).macroF1DiffCi(),
                CellComparisons.compare(all, LABELS, SETTINGS).get(0).macroF1DiffCi());
    }
}
