package dev.labelbench.metrics;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.Interval;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.PairwiseComparison;
import dev.labelbench.core.Prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every two model x template cells compared over the examples both answered (failed requests are left out; invalid
 * replies count as wrong): McNemar's exact test on who got which example right, a paired bootstrap interval of the
 * macro-F1 difference (B minus A), and Holm's correction across all pairs. Cells are taken in {@link CellKey} order,
 * A before B, so the list is the same whatever order the run log is in.
 */
public final class CellComparisons {
    private CellComparisons() {
    }

    public static List<PairwiseComparison> compare(List<Prediction> predictions, LabelSet labels,
                                                   StatisticsSettings settings) {
        Map<CellKey, Map<String, Prediction>> byCell = new TreeMap<>();
        for (Prediction p : predictions) {
            if (!p.failed()) {
                byCell.computeIfAbsent(p.cell(), c -> new TreeMap<>()).putIfAbsent(p.id(), p);
            }
        }
        List<CellKey> cells = new ArrayList<>(byCell.keySet());
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            for (int j = i + 1; j < cells.size(); j++) {
                pairs.add(pair(cells.get(i), byCell.get(cells.get(i)), cells.get(j), byCell.get(cells.get(j)),
                        labels, settings));
            }
        }
        double[] adjusted = HolmCorrection.adjust(pairs.stream().mapToDouble(Pair::p).toArray());
        List<PairwiseComparison> comparisons = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            comparisons.add(new PairwiseComparison(pair.a(), pair.b(), pair.examples(), pair.onlyA(), pair.onlyB(),
                    pair.p(), adjusted[i], pair.macroF1Diff(), pair.diffCi(), adjusted[i] < settings.alpha()));
        }
        return List.copyOf(comparisons);
    }

    private record Pair(CellKey a, CellKey b, int examples, int onlyA, int onlyB, double p, double macroF1Diff,
                        Interval diffCi) {
    }

    private static Pair pair(CellKey a, Map<String, Prediction> predictionsA, CellKey b,
                             Map<String, Prediction> predictionsB, LabelSet labels, StatisticsSettings settings) {
        List<Prediction> sharedA = new ArrayList<>();
        List<Prediction> sharedB = new ArrayList<>();
        int onlyA = 0, onlyB = 0;
        for (Map.Entry<String, Prediction> entry : predictionsA.entrySet()) {
            Prediction other = predictionsB.get(entry.getKey());
            if (other == null) {
                continue;
            }
            Prediction mine = entry.getValue();
            sharedA.add(mine);
            sharedB.add(other);
            if (mine.correct() && !other.correct()) {
                onlyA++;
            } else if (other.correct() && !mine.correct()) {
                onlyB++;
            }
        }
        CellMetricsCalculator.Coded codedA = CellMetricsCalculator.Coded.of(sharedA, labels);
        CellMetricsCalculator.Coded codedB = CellMetricsCalculator.Coded.of(sharedB, labels);
        List<String> names = labels.names();
        double diff = macroF1(codedB, labels) - macroF1(codedA, labels);
        Interval ci = PercentileBootstrap.macroF1Difference(names, codedA.gold(), codedA.predicted(),
                codedB.gold(), codedB.predicted(), settings, pairSeed(settings.seed(), a, b));
        return new Pair(a, b, sharedA.size(), onlyA, onlyB, McNemar.exactP(onlyA, onlyB), diff, ci);
    }

    private static double macroF1(CellMetricsCalculator.Coded coded, LabelSet labels) {
        ConfusionMatrix matrix = ConfusionMatrix.of(labels.size(), coded.gold(), coded.predicted());
        return ClassificationScores.of(matrix, labels.names()).scores().macroF1();
    }

    /** A seed per pair, so a pair's interval does not change when other cells join the comparison. */
    private static long pairSeed(long seed, CellKey a, CellKey b) {
        long h = seed;
        for (char ch : (a + "\u0000" + b).toCharArray()) {
            h = h * 0x100000001B3L ^ ch;
        }
        return h;
    }
}
