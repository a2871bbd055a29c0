package dev.labelbench.report;

import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.LabelSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A cell's most frequent mistakes, in words: "negative read as neutral: 14". */
public final class Confusions {
    public record Confusion(String gold, String predicted, int count) {
        public String inWords() {
            return LabelSet.INVALID.equals(predicted)
                    ? gold + " answered with no valid label: " + count
                    : gold + " read as " + predicted + ": " + count;
        }
    }

    private Confusions() {
    }

    /** The {@code limit} largest off-diagonal counts, largest first (ties in matrix order). */
    public static List<Confusion> mostFrequent(CellMetrics metrics, int limit) {
        List<String> labels = metrics.labels();
        int[][] m = metrics.confusion();
        List<Confusion> all = new ArrayList<>();
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[r].length; c++) {
                if (r != c && m[r][c] > 0) {
                    all.add(new Confusion(labels.get(r), c < labels.size() ? labels.get(c) : LabelSet.INVALID, m[r][c]));
                }
            }
        }
        all.sort(Comparator.comparingInt(Confusion::count).reversed());
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }
}
