package dev.labelbench.metrics.probability;

import dev.labelbench.core.Interval;
import dev.labelbench.core.LabelScoring;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.ProbabilityMetrics;
import dev.labelbench.core.Reply;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-worked values and properties of the probability metrics (scikit-learn agreement is the differential test). */
class ProbabilityMetricsCalculatorTest {
    private static final LabelSet BINARY = LabelSet.ofNames(List.of("ham", "spam"));

    private static Prediction binary(String gold, double pSpam) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("ham", 1 - pSpam);
        d.put("spam", pSpam);
        return new Prediction("x", "m", "t", "", gold, pSpam >= 0.5 ? "spam" : "ham", "logprob", null, null, d,
                new LabelScoring("logprob", 0.1, List.of(), 1));
    }

    @Test
    void binaryScoresMatchHandWorkedValues() {
        // scikit-learn's roc_auc_score docstring example: y = [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8] -> 0.75;
        // average_precision_score's: -> 0.8333...; brier_score_loss: mean of (0.1^2, 0.4^2, 0.65^2, 0.2^2) = 0.158125.
        List<Prediction> predictions = List.of(binary("ham", 0.1), binary("ham", 0.4), binary("spam", 0.35),
                binary("spam", 0.8));
        ProbabilityMetrics m = new ProbabilityMetricsCalculator(ProbabilityMetricsOptions.DEFAULTS)
                .compute(predictions, BINARY);
        assertEquals(0.75, m.rocAuc(), 1e-12);
        assertEquals(0.8333333333333333, m.prAuc(), 1e-12);
        assertEquals(0.158125, m.brier(), 1e-12);
        // log loss: -(ln 0.9 + ln 0.6 + ln 0.35 + ln 0.8) / 4
        assertEquals(-(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4, m.logLoss(), 1e-12);
        assertEquals("spam", m.binary().positiveLabel());
        assertEquals(0.1, m.meanOutsideMass(), 1e-12);
    }

    @Test
    void eceIsTheCountWeightedGapBetweenAccuracyAndConfidence() {
        // Confidences 0.9, 0.9 (one right), 0.6, 0.6 (both right): bin (0.8,0.9]: acc 0.5 conf 0.9, gap 0.4;
        // bin (0.5,0.6]: acc 1.0 conf 0.6, gap 0.4 -> ECE 0.4.
        List<Prediction> predictions = List.of(binary("spam", 0.9), binary("ham", 0.9), binary("ham", 0.4),
                binary("spam", 0.6));
        ProbabilityMetrics m = new ProbabilityMetricsCalculator(ProbabilityMetricsOptions.DEFAULTS)
                .compute(predictions, BINARY);
        assertEquals(0.4, m.ece(), 1e-12);
        assertEquals(2, m.reliability().size());
        assertEquals(0.5, m.reliability().get(0).low(), 1e-12);
        assertEquals(2, m.reliability().get(1).count());
    }

    @Test
    void selectiveAccuracyRisesAsTheLeastConfidentAnswersAreDropped() {
        List<Prediction> predictions = new ArrayList<>();
        // 10 examples: the 5 most confident right, the 5 least confident wrong.
        for (int i = 0; i < 5; i++) {
            predictions.add(binary("spam", 0.95 - i * 0.01));
            predictions.add(binary("ham", 0.55 + i * 0.01));
        }
        ProbabilityMetrics m = new ProbabilityMetricsCalculator(ProbabilityMetricsOptions.DEFAULTS)
                .compute(predictions, BINARY);
        assertEquals(10, m.selective().size());
        assertEquals(1.0, m.selective().get(4).accuracy(), 1e-12);   // coverage 0.5: the 5 right ones
        assertEquals(5, m.selective().get(4).answered());
        assertEquals(0.5, m.selective().get(9).accuracy(), 1e-12);   // coverage 1.0
        assertEquals(0.91, m.selective().get(4).minConfidence(), 1e-12);
    }

    @Test
    void theThresholdIsChosenOnTheDevSplitAndReportedOnTheRest() {
        // Spam scores well separated above 0.3; ham below. Max-F1 on dev must land on a spam score, and on the
        // rest it must beat the 0.5 default, which misses the spam scored 0.3-0.5.
        Random random = new Random(3);
        List<Prediction> predictions = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean spam = i % 2 == 0;
            double p = spam ? 0.3 + 0.7 * random.nextDouble() : 0.29 * random.nextDouble();
            predictions.add(binary(spam ? "spam" : "ham", p));
        }
        ProbabilityMetrics m = new ProbabilityMetricsCalculator(
                new ProbabilityMetricsOptions(10, 200, 0.95, 7, "spam", 0.3, 0.95)).compute(predictions, BINARY);
        ProbabilityMetrics.ThresholdChoice best = m.binary().maxF1();
        assertEquals(60, best.devSize());
        assertEquals(140, best.testSize());
        assertTrue(best.threshold() >= 0.3 && best.threshold() < 0.35, "threshold " + best.threshold());
        // Not 1.0: a test spam may score below the lowest dev spam, which is the honest cost of tuning on dev only.
        assertTrue(best.test().f1() > 0.98, "test F1 " + best.test().f1());
        assertTrue(best.testDefault().recall() < 0.9, "default recall " + best.testDefault().recall());
        assertTrue(best.test().f1() > best.testDefault().f1());
        ProbabilityMetrics.ThresholdChoice recall = m.binary().targetRecall();
        assertEquals("recall>=0.95", recall.rule());
        assertTrue(recall.devValue() >= 0.95);
        assertEquals(101, m.binary().curve().size());
        assertEquals(1.0, m.binary().curve().get(0).recall(), 1e-12);
    }

    @Test
    void bootstrapIntervalsContainThePointEstimateAndRepeatWithTheSeed() {
        Random random = new Random(11);
        List<Prediction> predictions = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            boolean spam = random.nextBoolean();
            predictions.add(binary(spam ? "spam" : "ham", Math.min(1, Math.max(0,
                    (spam ? 0.6 : 0.4) + 0.3 * random.nextGaussian()))));
        }
        ProbabilityMetricsOptions options = new ProbabilityMetricsOptions(10, 500, 0.95, 5, null, 0.3, null);
        ProbabilityMetrics a = new ProbabilityMetricsCalculator(options).compute(predictions, BINARY);
        ProbabilityMetrics b = new ProbabilityMetricsCalculator(options).compute(predictions, BINARY);
        assertEquals(a.intervals(), b.intervals());
        Map<String, Double> points = Map.of("log_loss", a.logLoss(), "brier", a.brier(), "roc_auc", a.rocAuc(),
                "pr_auc", a.prAuc(), "ece", a.ece());
        for (Map.Entry<String, Double> point : points.entrySet()) {
            Interval interval = a.intervals().get(point.getKey());
            assertNotNull(interval, point.getKey());
            assertEquals(500, interval.resamples());
            if (!point.getKey().equals("ece")) { // ECE is biased upwards under resampling; its CI may sit above it
                assertTrue(interval.contains(point.getValue()), point.getKey() + " " + point.getValue() + " " + interval);
            }
        }
    }

    @Test
    void multiclassMacroAveragesOnlyTheLabelsThatOccurAndSaysWhichWereLeftOut() {
        LabelSet three = LabelSet.ofNames(List.of("a", "b", "c"));
        List<Prediction> predictions = new ArrayList<>();
        double[][] rows = {{0.7, 0.2, 0.1}, {0.2, 0.6, 0.2}, {0.5, 0.4, 0.1}, {0.1, 0.8, 0.1}};
        String[] gold = {"a", "b", "a", "b"};
        for (int i = 0; i < rows.length; i++) {
            Map<String, Double> d = new LinkedHashMap<>();
            d.put("a", rows[i][0]);
            d.put("b", rows[i][1]);
            d.put("c", rows[i][2]);
            predictions.add(new Prediction("" + i, "m", "t", "", gold[i], gold[i], "logprob", null, null, d));
        }
        predictions.add(new Prediction("f", "m", "t", "", "a", null, null, (Reply) null, "HTTP 500", null));
        ProbabilityMetrics m = new ProbabilityMetricsCalculator(ProbabilityMetricsOptions.DEFAULTS)
                .compute(predictions, three);
        assertEquals(4, m.n());
        assertEquals(1, m.excluded());
        assertNull(m.binary());
        assertEquals(1.0, m.rocAuc(), 1e-12);
        assertEquals(List.of("a", "b"), List.copyOf(m.rocAucPerLabel().keySet()));
        assertTrue(m.undefined().stream().anyMatch(u -> u.startsWith("roc_auc[c]")));
        // Multiclass Brier: (0.09+0.04+0.01 + 0.04+0.16+0.04 + 0.25+0.16+0.01 + 0.01+0.04+0.01) / 4 = 0.215
        assertEquals(0.215, m.brier(), 1e-12);
    }
}
