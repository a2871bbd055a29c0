package dev.labelbench.report;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.Interval;
import dev.labelbench.core.PairwiseComparison;
import dev.labelbench.core.Prediction;
import dev.labelbench.metrics.HolmCorrection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The cells ranked by macro-F1, the best one marked, and each other cell marked as tied with it when the difference is
 * not significant. Significance comes from the run's pairwise comparisons; a run without them gets McNemar's exact test
 * of each cell against the best, Holm-adjusted, computed here from the predictions.
 */
public final class Leaderboard {
    public static final double ALPHA = 0.05;

    /** How a cell stands against the best one. */
    public enum Standing { BEST, TIED, BELOW, UNTESTED }

    public record Row(CellMetrics metrics, int rank, Standing standing, Double pVersusBest) {
        public CellKey cell() {
            return metrics.cell();
        }

        public double macroF1() {
            return metrics.scores().macroF1();
        }

        public Interval macroF1Interval() {
            return metrics.intervals() == null ? null : metrics.intervals().get("macro_f1");
        }
    }

    private final List<Row> rows;
    private final String significanceSource;

    private Leaderboard(List<Row> rows, String significanceSource) {
        this.rows = rows;
        this.significanceSource = significanceSource;
    }

    public List<Row> rows() {
        return rows;
    }

    /** One sentence saying where the tie marks come from. */
    public String significanceSource() {
        return significanceSource;
    }

    public static Leaderboard of(RunData run) {
        List<CellMetrics> ranked = new ArrayList<>(run.metrics());
        ranked.sort(Comparator.comparingDouble((CellMetrics m) -> m.scores().macroF1()).reversed()
                .thenComparing(Comparator.comparingDouble((CellMetrics m) -> m.scores().accuracy()).reversed())
                .thenComparing(CellMetrics::cell));
        if (ranked.isEmpty()) {
            return new Leaderboard(List.of(), "");
        }
        CellKey best = ranked.get(0).cell();
        double[] p = new double[ranked.size()];
        boolean[] significant = new boolean[ranked.size()];
        boolean[] tested = new boolean[ranked.size()];
        String source;
        if (ranked.size() == 1) {
            source = "One cell: nothing to compare it with.";
        } else if (!run.comparisons().isEmpty()) {
            source = "Tied: the difference from the best cell is not significant in the run's pairwise comparisons "
                    + "(McNemar exact test, Holm-adjusted, alpha " + ALPHA + ").";
            for (int i = 1; i < ranked.size(); i++) {
                PairwiseComparison c = find(run.comparisons(), best, ranked.get(i).cell());
                if (c != null) {
                    tested[i] = true;
                    p[i] = c.adjustedP();
                    significant[i] = c.significant();
                }
            }
        } else {
            source = "Tied: McNemar's exact test against the best cell on the examples both answered is not significant "
                    + "(Holm-adjusted over " + (ranked.size() - 1) + " comparisons, alpha " + ALPHA + ").";
            Map<CellKey, List<Prediction>> byCell = run.predictionsByCell();
            double[] raw = new double[ranked.size() - 1];
            for (int i = 1; i < ranked.size(); i++) {
                raw[i - 1] = PairedOutcomes.of(byCell.getOrDefault(best, List.of()),
                        byCell.getOrDefault(ranked.get(i).cell(), List.of())).p();
            }
            double[] adjusted = HolmCorrection.adjust(raw);
            for (int i = 1; i < ranked.size(); i++) {
                tested[i] = true;
                p[i] = adjusted[i - 1];
                significant[i] = adjusted[i - 1] < ALPHA;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Standing standing = i == 0 ? Standing.BEST
                    : !tested[i] ? Standing.UNTESTED
                    : significant[i] ? Standing.BELOW : Standing.TIED;
            rows.add(new Row(ranked.get(i), i + 1, standing, i == 0 || !tested[i] ? null : p[i]));
        }
        return new Leaderboard(List.copyOf(rows), source);
    }

    private static PairwiseComparison find(List<PairwiseComparison> comparisons, CellKey x, CellKey y) {
        for (PairwiseComparison c : comparisons) {
            if ((c.a().equals(x) && c.b().equals(y)) || (c.a().equals(y) && c.b().equals(x))) {
                return c;
            }
        }
        return null;
    }
}
