package dev.labelbench.metrics;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.ClassMetrics;
import dev.labelbench.core.Interval;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.Scores;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties every correct implementation has, checked over many random cells. */
class MetricsPropertiesTest {
    private static final double TOLERANCE = 1e-12;
    private static final StatisticsSettings CI = new StatisticsSettings(300, 7, 0.95);

    record Cell(List<String> labels, List<Prediction> predictions) {
    }

    static Cell randomCell(UniformRandomProvider rng, int minExamples) {
        int k = 2 + rng.nextInt(9);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            labels.add("l" + i);
        }
        int n = minExamples + rng.nextInt(200);
        double skill = 0.3 + 0.6 * rng.nextDouble();
        List<String> gold = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String g = labels.get(rng.nextInt(k));
            gold.add(g);
            double roll = rng.nextDouble();
            predicted.add(roll < 0.1 ? LabelSet.INVALID : roll < 0.1 + skill ? g : labels.get(rng.nextInt(k)));
        }
        return new Cell(labels, MetricsFixtures.predictions("m", gold, predicted));
    }

    private static CellMetrics compute(List<String> labels, List<Prediction> predictions, StatisticsSettings s) {
        return CellMetricsCalculator.compute(new CellKey("m", "t"), predictions, LabelSet.ofNames(labels), s);
    }

    @Test
    void scoresDoNotDependOnTheOrderOfExamplesOrOfLabels() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(1L);
        for (int trial = 0; trial < 200; trial++) {
            Cell cell = randomCell(rng, 1);
            CellMetrics original = compute(cell.labels(), cell.predictions(), MetricsFixtures.NO_INTERVALS);

            List<Prediction> shuffled = new ArrayList<>(cell.predictions());
            Collections.shuffle(shuffled, new Random(rng.nextLong()));
            List<String> reordered = new ArrayList<>(cell.labels());
            Collections.reverse(reordered);
            Collections.shuffle(reordered, new Random(rng.nextLong()));
            CellMetrics permuted = compute(reordered, shuffled, MetricsFixtures.NO_INTERVALS);

            assertScoresEqual(original.scores(), permuted.scores());
            assertScoresEqual(original.validOnly(), permuted.validOnly());
            for (ClassMetrics c : original.perClass()) {
                ClassMetrics same = permuted.perClass().stream().filter(p -> p.label().equals(c.label()))
                        .findFirst().orElseThrow();
                assertEquals(c.precision(), same.precision(), TOLERANCE);
                assertEquals(c.recall(), same.recall(), TOLERANCE);
                assertEquals(c.f1(), same.f1(), TOLERANCE);
                assertEquals(c.support(), same.support());
            }
        }
    }

    @Test
    void intervalsDoNotDependOnTheOrderOfTheRunLog() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(2L);
        Cell cell = randomCell(rng, 50);
        List<Prediction> shuffled = new ArrayList<>(cell.predictions());
        Collections.shuffle(shuffled, new Random(rng.nextLong()));
        assertEquals(compute(cell.labels(), cell.predictions(), CI).intervals(),
                compute(cell.labels(), shuffled, CI).intervals());
    }

    @Test
    void perfectPredictionsScoreOne() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(3L);
        for (int trial = 0; trial < 50; trial++) {
            Cell cell = randomCell(rng, 2);
            List<Prediction> perfect = cell.predictions().stream()
                    .map(p -> new Prediction(p.id(), p.model(), p.template(), null, p.gold(), p.gold(), "test",
                            null, null, null))
                    .toList();
            // Only labels that occur: an unused label's F1 is 0/0, reported 0, and would pull macro-F1 down.
            List<String> used = cell.labels().stream()
                    .filter(l -> perfect.stream().anyMatch(p -> p.gold().equals(l))).toList();
            if (used.size() < 2) {
                continue;
            }
            CellMetrics m = compute(used, perfect, CI);
            for (String metric : PercentileBootstrap.METRICS) {
                assertEquals(1.0, m.scores().get(metric), TOLERANCE, metric + " with labels " + used);
                Interval interval = m.intervals().get(metric);
                assertTrue(interval.low() <= 1.0 && interval.high() <= 1.0 + TOLERANCE, metric + " " + interval);
            }
        }
    }

    @Test
    void theIntervalContainsThePointEstimate() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(4L);
        for (int trial = 0; trial < 40; trial++) {
            Cell cell = randomCell(rng, 100);
            CellMetrics m = compute(cell.labels(), cell.predictions(), CI);
            assertEquals(PercentileBootstrap.METRICS, List.copyOf(m.intervals().keySet()));
            for (String metric : PercentileBootstrap.METRICS) {
                Interval interval = m.intervals().get(metric);
                assertTrue(interval.contains(m.scores().get(metric)),
                        "trial " + trial + ": " + metric + " " + m.scores().get(metric) + " outside " + interval);
                assertTrue(interval.low() < interval.high(), metric + " interval has width: " + interval);
                assertEquals(0.95, interval.level());
                assertEquals(300, interval.resamples());
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameIntervalsAndAnotherSeedOthers() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(5L);
        Cell cell = randomCell(rng, 100);
        Map<String, Interval> first = compute(cell.labels(), cell.predictions(), CI).intervals();
        Map<String, Interval> again = compute(cell.labels(), cell.predictions(), CI).intervals();
        Map<String, Interval> otherSeed = compute(cell.labels(), cell.predictions(),
                new StatisticsSettings(300, 8, 0.95)).intervals();
        assertEquals(first, again);
        assertNotEquals(first, otherSeed);
    }

    @Test
    void aHigherLevelGivesAWiderInterval() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(6L);
        Cell cell = randomCell(rng, 150);
        Interval ninety = compute(cell.labels(), cell.predictions(), new StatisticsSettings(500, 1, 0.90))
                .intervals().get("macro_f1");
        Interval ninetyNine = compute(cell.labels(), cell.predictions(), new StatisticsSettings(500, 1, 0.99))
                .intervals().get("macro_f1");
        assertTrue(ninetyNine.low() < ninety.low() && ninetyNine.high() > ninety.high(), ninety + " vs " + ninetyNine);
    }

    @Test
    void zeroResamplesMeansNoIntervals() {
        Cell cell = randomCell(RandomSource.XO_SHI_RO_256_PP.create(7L), 10);
        assertTrue(compute(cell.labels(), cell.predictions(), MetricsFixtures.NO_INTERVALS).intervals().isEmpty());
    }

    private static void assertScoresEqual(Scores expected, Scores actual) {
        assertEquals(expected.n(), actual.n());
        for (String metric : PercentileBootstrap.METRICS) {
            assertEquals(expected.get(metric), actual.get(metric), TOLERANCE, metric);
        }
    }
}
