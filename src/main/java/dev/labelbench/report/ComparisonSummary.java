package dev.labelbench.report;

import dev.labelbench.core.CellKey;

import java.util.List;
import java.util.Locale;

/** The console side of {@code compare}: one line per shared cell and a verdict in words. */
public final class ComparisonSummary {
    private ComparisonSummary() {
    }

    public static String render(RunComparison comparison, String nameA, String nameB) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "A: %s%nB: %s%n%s per cell (B - A); fixed/broken over the examples both "
                + "runs answered; McNemar exact test, Holm-adjusted over %d cell(s)%n%n",
                nameA, nameB, comparison.metric(), comparison.deltas().size()));
        int width = Math.max(4, comparison.deltas().stream().mapToInt(d -> d.cell().toString().length()).max().orElse(4));
        out.append(String.format(Locale.ROOT, "%-" + width + "s  %7s  %7s  %7s  %6s  %6s  %8s  %s%n",
                "cell", "A", "B", "delta", "fixed", "broken", "p (adj)", "verdict"));
        for (RunComparison.CellDelta d : comparison.deltas()) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s  %7.4f  %7.4f  %+7.4f  %6d  %6d  %8s  %s%n",
                    d.cell(), d.metricA(), d.metricB(), d.delta(), d.fixed(), d.broken(), Figures.pValue(d.adjustedP()),
                    verdict(d)));
        }
        for (CellKey cell : comparison.onlyInA()) {
            out.append("only in A: ").append(cell).append('\n');
        }
        for (CellKey cell : comparison.onlyInB()) {
            out.append("only in B: ").append(cell).append('\n');
        }
        List<RunComparison.CellDelta> worse = comparison.significantlyWorse();
        out.append('\n');
        if (comparison.deltas().isEmpty()) {
            out.append("The runs share no model x template cell; nothing to compare.\n");
        } else if (worse.isEmpty()) {
            out.append("B is not significantly worse than A in any shared cell.\n");
        } else {
            out.append("B is significantly worse than A in ").append(worse.size()).append(" cell(s): ")
                    .append(String.join(", ", worse.stream().map(d -> d.cell().toString()).toList())).append('\n');
        }
        return out.toString();
    }

    static String verdict(RunComparison.CellDelta d) {
        if (d.significantlyWorse()) {
            return "significantly worse";
        }
        if (d.significantlyBetter()) {
            return "significantly better";
        }
        if (d.paired() == 0) {
            return "no paired examples";
        }
        return "no significant change";
    }
}
