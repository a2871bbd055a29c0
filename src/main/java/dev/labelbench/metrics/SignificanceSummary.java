package dev.labelbench.metrics;

import dev.labelbench.core.Interval;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.PairwiseComparison;
import dev.labelbench.core.Prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pairwise comparisons said in words for the console summary, one sentence per pair, significant ones first:
 * "gemma x zero-shot is significantly better than qwen x zero-shot: right on 41 examples qwen x zero-shot got wrong,
 * wrong on 12 it got right (McNemar p=0.0003, Holm-adjusted); macro-F1 +0.042 (95% CI +0.012 to +0.071)."
 */
public final class SignificanceSummary {
    private SignificanceSummary() {
    }

    public static List<String> sentences(List<Prediction> predictions, LabelSet labels, StatisticsSettings settings) {
        return sentences(CellComparisons.compare(predictions, labels, settings));
    }

    public static List<String> sentences(List<PairwiseComparison> comparisons) {
        List<String> significant = new ArrayList<>();
        List<String> notSignificant = new ArrayList<>();
        boolean adjusted = comparisons.size() > 1;
        for (PairwiseComparison c : comparisons) {
            String p = "McNemar p=" + pValue(c.adjustedP()) + (adjusted ? ", Holm-adjusted" : "");
            String f1 = macroF1(c);
            if (c.significant()) {
                boolean aBetter = c.onlyA() > c.onlyB();
                String winner = (aBetter ? c.a() : c.b()).toString();
                String loser = (aBetter ? c.b() : c.a()).toString();
                int wins = Math.max(c.onlyA(), c.onlyB());
                int losses = Math.min(c.onlyA(), c.onlyB());
                significant.add(winner + " is significantly better than " + loser + ": right on " + wins
                        + " examples " + loser + " got wrong, wrong on " + losses + " it got right (" + p + "); " + f1);
            } else {
                notSignificant.add(c.a() + " and " + c.b() + " do not differ significantly (" + c.onlyA() + " vs "
                        + c.onlyB() + " examples only one got right, " + p + "); " + f1);
            }
        }
        List<String> all = new ArrayList<>(significant);
        all.addAll(notSignificant);
        return List.copyOf(all);
    }

    private static String macroF1(PairwiseComparison c) {
        String text = "macro-F1 of " + c.b() + " minus " + c.a() + " " + signed(c.macroF1Diff());
        Interval ci = c.macroF1DiffCi();
        if (ci != null) {
            text += " (" + Math.round(ci.level() * 100) + "% CI " + signed(ci.low()) + " to " + signed(ci.high()) + ")";
        }
        return text + " over " + c.examples() + " shared examples.";
    }

    private static String signed(double value) {
        return String.format(Locale.ROOT, "%+.3f", value);
    }

    private static String pValue(double p) {
        if (p < 0.0001) {
            return "<0.0001";
        }
        return String.format(Locale.ROOT, p < 0.01 ? "%.4f" : "%.3f", p);
    }
}
