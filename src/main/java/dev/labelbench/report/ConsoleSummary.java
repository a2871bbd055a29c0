package dev.labelbench.report;

import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.ClassMetrics;
import dev.labelbench.core.Interval;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Scores;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The readable summary printed on stdout after a run: a leaderboard, then for each cell a scikit-learn-style
 * classification report and its confusion matrix.
 */
public final class ConsoleSummary {
    private ConsoleSummary() {
    }

    public static String render(List<CellMetrics> cells, List<String> significance) {
        StringBuilder out = new StringBuilder();
        out.append(leaderboard(cells));
        if (significance != null && !significance.isEmpty()) {
            out.append('\n');
            significance.forEach(line -> out.append(line).append('\n'));
        }
        for (CellMetrics cell : cells) {
            out.append('\n').append(cellReport(cell));
        }
        return out.toString();
    }

    static String leaderboard(List<CellMetrics> cells) {
        List<CellMetrics> sorted = new ArrayList<>(cells);
        sorted.sort(Comparator.comparingDouble((CellMetrics c) -> c.scores().macroF1()).reversed());
        int modelWidth = Math.max(5, sorted.stream().mapToInt(c -> c.model().length()).max().orElse(5));
        int templateWidth = Math.max(8, sorted.stream().mapToInt(c -> c.template().length()).max().orElse(8));
        StringBuilder out = new StringBuilder();
        String format = "%-" + modelWidth + "s  %-" + templateWidth + "s  %8s  %-15s  %8s  %7s  %6s  %11s%n";
        out.append(String.format(Locale.ROOT, format, "model", "template", "macro-F1", "95% CI", "accuracy", "invalid",
                "errors", "median ms"));
        for (CellMetrics cell : sorted) {
            Interval ci = cell.intervals() == null ? null : cell.intervals().get("macro_f1");
            out.append(String.format(Locale.ROOT, format, cell.model(), cell.template(),
                    f3(cell.scores().macroF1()),
                    ci == null ? "-" : "[" + f3(ci.low()) + ", " + f3(ci.high()) + "]",
                    f3(cell.scores().accuracy()),
                    String.format(Locale.ROOT, "%.1f%%", 100 * cell.invalidRate()),
                    Integer.toString(cell.errors()),
                    cell.performance() == null || cell.performance().medianLatencyMs() == null ? "-"
                            : String.format(Locale.ROOT, "%.1f", cell.performance().medianLatencyMs())));
        }
        return out.toString();
    }

    /** A classification report laid out as scikit-learn's, followed by the confusion matrix. */
    public static String cellReport(CellMetrics cell) {
        StringBuilder out = new StringBuilder();
        out.append("== ").append(cell.model()).append(" x ").append(cell.template()).append(" ==  (")
                .append(cell.total()).append(" examples, ").append(cell.invalid()).append(" invalid, ")
                .append(cell.errors()).append(" errors)\n\n");
        int width = Math.max(12, cell.labels().stream().mapToInt(String::length).max().orElse(0));
        String rowFormat = "%" + width + "s %9s %9s %9s %9s%n";
        out.append(String.format(Locale.ROOT, rowFormat, "", "precision", "recall", "f1-score", "support")).append('\n');
        for (ClassMetrics c : cell.perClass()) {
            out.append(String.format(Locale.ROOT, rowFormat, c.label(), f2(c.precision()), f2(c.recall()), f2(c.f1()),
                    c.support()));
        }
        Scores s = cell.scores();
        int support = s.n();
        out.append('\n');
        out.append(String.format(Locale.ROOT, rowFormat, "accuracy", "", "", f2(s.accuracy()), support));
        out.append(String.format(Locale.ROOT, rowFormat, "macro avg", f2(s.macroPrecision()), f2(s.macroRecall()),
                f2(s.macroF1()), support));
        out.append(String.format(Locale.ROOT, rowFormat, "weighted avg", f2(weighted(cell, true)), f2(weighted(cell, false)),
                f2(s.weightedF1()), support));
        out.append('\n').append(matrix(cell));
        return out.toString();
    }

    private static double weighted(CellMetrics cell, boolean precision) {
        double sum = 0;
        int total = 0;
        for (ClassMetrics c : cell.perClass()) {
            sum += (precision ? c.precision() : c.recall()) * c.support();
            total += c.support();
        }
        return total == 0 ? 0 : sum / total;
    }

    static String matrix(CellMetrics cell) {
        List<String> columns = new ArrayList<>(cell.labels());
        columns.add(LabelSet.INVALID);
        int width = Math.max(7, columns.stream().mapToInt(String::length).max().orElse(7));
        StringBuilder out = new StringBuilder("confusion matrix (rows: gold, columns: predicted)\n");
        out.append(String.format(Locale.ROOT, "%" + width + "s", ""));
        for (String column : columns) {
            out.append(String.format(Locale.ROOT, " %" + width + "s", column));
        }
        out.append('\n');
        for (int r = 0; r < cell.labels().size(); r++) {
            out.append(String.format(Locale.ROOT, "%" + width + "s", cell.labels().get(r)));
            for (int c = 0; c < columns.size(); c++) {
                out.append(String.format(Locale.ROOT, " %" + width + "d", cell.confusion()[r][c]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String f3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
