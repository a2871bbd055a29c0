package dev.labelbench.metrics.probability;

import dev.labelbench.core.ProbabilityMetrics.Binary;
import dev.labelbench.core.ProbabilityMetrics.Counts;
import dev.labelbench.core.ProbabilityMetrics.ThresholdChoice;
import dev.labelbench.core.ProbabilityMetrics.ThresholdPoint;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Binary tasks: "positive when p(positive) reaches t" across thresholds t, and thresholds chosen where they may be
 * chosen: on a stratified dev split, then reported on the other examples, so a threshold is never judged on the
 * examples it was tuned on.
 */
public final class ThresholdAnalysis {
    private ThresholdAnalysis() {
    }

    public static Binary analyse(ProbabilityTable table, int positive, double devFraction, Double targetRecall,
                                 long seed) {
        double[] scores = column(table, positive);
        boolean[] truth = truth(table, positive);
        List<ThresholdPoint> curve = new ArrayList<>();
        for (int step = 0; step <= 100; step++) {
            double t = step / 100.0;
            Counts counts = counts(scores, truth, t);
            curve.add(new ThresholdPoint(t, counts.precision(), counts.recall(), counts.f1()));
        }
        int[][] split = stratifiedSplit(truth, devFraction, seed);
        ThresholdChoice maxF1 = choose(scores, truth, split, table, positive, "max_f1", null);
        ThresholdChoice recall = targetRecall == null ? null
                : choose(scores, truth, split, table, positive, "recall>=" + targetRecall, targetRecall);
        return new Binary(table.labels().get(positive), curve, maxF1, recall);
    }

    /**
     * Max-F1: the dev score that maximises dev F1 (ties: the higher threshold). Target recall: the highest dev score
     * whose dev recall reaches the target. Null when the dev split has no positive example.
     */
    private static ThresholdChoice choose(double[] scores, boolean[] truth, int[][] split, ProbabilityTable table,
                                          int positive, String rule, Double targetRecall) {
        int[] dev = split[0];
        int[] test = split[1];
        double[] devScores = pick(scores, dev);
        boolean[] devTruth = pick(truth, dev);
        boolean anyPositive = false;
        for (boolean b : devTruth) {
            anyPositive |= b;
        }
        if (!anyPositive || test.length == 0) {
            return null;
        }
        Double bestThreshold = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (double t : new TreeSet<>(toList(devScores)).descendingSet()) {
            Counts counts = counts(devScores, devTruth, t);
            if (targetRecall == null) {
                if (counts.f1() > bestValue) {
                    bestValue = counts.f1();
                    bestThreshold = t;
                }
            } else if (counts.recall() >= targetRecall) {
                bestValue = counts.recall();
                bestThreshold = t;
                break;
            }
        }
        if (bestThreshold == null) {
            return null;
        }
        double[] testScores = pick(scores, test);
        boolean[] testTruth = pick(truth, test);
        boolean[] defaultDecision = new boolean[test.length];
        for (int j = 0; j < test.length; j++) {
            defaultDecision[j] = table.argmax(test[j]) == positive;
        }
        return new ThresholdChoice(rule, bestThreshold, dev.length, test.length, bestValue,
                counts(testScores, testTruth, bestThreshold), counts(defaultDecision, testTruth));
    }

    static Counts counts(double[] scores, boolean[] truth, double threshold) {
        boolean[] decision = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            decision[i] = scores[i] >= threshold;
        }
        return counts(decision, truth);
    }

    /** Precision, recall, F1 of the positive label and accuracy; 0/0 is reported as 0, as scikit-learn does. */
    static Counts counts(boolean[] decision, boolean[] truth) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int i = 0; i < truth.length; i++) {
            if (decision[i] && truth[i]) {
                tp++;
            } else if (decision[i]) {
                fp++;
            } else if (truth[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = 2 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
        return new Counts(precision, recall, f1, truth.length == 0 ? 0 : (double) (tp + tn) / truth.length);
    }

    /** Dev and test indices: within each class, a seeded shuffle, the first {@code fraction} (rounded) to dev. */
    static int[][] stratifiedSplit(boolean[] truth, double fraction, long seed) {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        List<Integer> dev = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (boolean cls : new boolean[] {true, false}) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < truth.length; i++) {
                if (truth[i] == cls) {
                    members.add(i);
                }
            }
            for (int i = members.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer swap = members.get(i);
                members.set(i, members.get(j));
                members.set(j, swap);
            }
            int devCount = (int) Math.round(members.size() * fraction);
            dev.addAll(members.subList(0, devCount));
            test.addAll(members.subList(devCount, members.size()));
        }
        return new int[][] {dev.stream().sorted().mapToInt(Integer::intValue).toArray(),
                test.stream().sorted().mapToInt(Integer::intValue).toArray()};
    }

    static double[] column(ProbabilityTable table, int k) {
        double[] out = new double[table.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = table.probs()[i][k];
        }
        return out;
    }

    static boolean[] truth(ProbabilityTable table, int k) {
        boolean[] out = new boolean[table.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = table.gold()[i] == k;
        }
        return out;
    }

    private static double[] pick(double[] values, int[] indices) {
        double[] out = new double[indices.length];
        for (int j = 0; j < indices.length; j++) {
            out[j] = values[indices[j]];
        }
        return out;
    }

    private static boolean[] pick(boolean[] values, int[] indices) {
        boolean[] out = new boolean[indices.length];
        for (int j = 0; j < indices.length; j++) {
            out[j] = values[indices[j]];
        }
        return out;
    }

    private static List<Double> toList(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
