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
 * wrong on 12 it got right (McNemar p=0.0001, Holm-adjusted); macro-F1 gemma x zero-shot minus qwen x zero-shot
 * +0.081 (95% CI +0.043 to +0.120) over 300 shared examples." With more than {@value #SPELLED_OUT} pairs, the
 * pairs that do not differ are counted in one line rather than spelled out (metrics.json and the report list them).
 */
public final class SignificanceSummary {
    static final int SPELLED_OUT = 3;

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
            if (c.significant()) {
                // Said from the winner's side: the cell right more often where the two disagree.
                boolean aBetter = c.onlyA() > c.onlyB();
                String winner = (aBetter ? c.a() : c.b()).toString();
                String loser = (aBetter ? c.b() : c.a()).toString();
                significant.add(winner + " is significantly better than " + loser + ": right on "
                        + Math.max(c.onlyA(), c.onlyB()) + " examples " + loser + " got wrong, wrong on "
                        + Math.min(c.onlyA(), c.onlyB()) + " it got right (" + p + "); "
                        + macroF1(c, winner, loser, aBetter));
            } else {
                notSignificant.add(c.a() + " and " + c.b() + " do not differ significantly (" + c.onlyA() + " vs "
                        + c.onlyB() + " examples only one got right, " + p + "); "
                        + macroF1(c, c.a().toString(), c.b().toString(), true));
            }
        }
        List<String> all = new ArrayList<>(significant);
        if (comparisons.size() <= SPELLED_OUT) {
            all.addAll(notSignificant);
        } else if (!notSignificant.isEmpty()) {
            all.add((significant.isEmpty() ? "None of the " + notSignificant.size() + " pairs of cells differs"
                    : "The other " + notSignificant.size() + " pairs of cells do not differ")
                    + " significantly (McNemar, Holm-adjusted); metrics.json and report.html list every pair.");
        }
        return List.copyOf(all);
    }

    /** The macro-F1 difference as first minus second; the comparison holds B minus A, so A-first flips it. */
    private static String macroF1(PairwiseComparison c, String first, String second, boolean aFirst) {
        double sign = aFirst ? -1 : 1;
        String text = "macro-F1 " + first + " minus " + second + " " + signed(sign * c.macroF1Diff());
        Interval ci = c.macroF1DiffCi();
        if (ci != null) {
            double low = aFirst ? -ci.high() : ci.low();
            double high = aFirst ? -ci.low() : ci.high();
            text += " (" + Math.round(ci.level() * 100) + "% CI " + signed(low) + " to " + signed(high) + ")";
        }
        return text + " over " + c.examples() + " shared examples.";
    }

    private static String signed(double value) {
        // Adding 0.0 turns -0.0 into 0.0, so an exact tie prints as +0.000, not -0.000.
        String text = String.format(Locale.ROOT, "%+.3f", value + 0.0);
        return text.equals("-0.000") ? "+0.000" : text;
    }

    private static String pValue(double p) {
        if (p < 0.0001) {
            return "<0.0001";
        }
        return String.format(Locale.ROOT, p < 0.01 ? "%.4f" : "%.3f", p);
    }
}
