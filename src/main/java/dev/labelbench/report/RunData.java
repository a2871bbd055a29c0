package dev.labelbench.report;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.PairwiseComparison;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.RunInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a report is rendered from: what the run was, every prediction (the run log), each cell's metrics and the
 * pairwise comparisons between cells (empty when none were computed).
 */
public record RunData(RunInfo info, List<Prediction> predictions, List<CellMetrics> metrics,
                      List<PairwiseComparison> comparisons) {

    public RunData {
        predictions = List.copyOf(predictions);
        metrics = List.copyOf(metrics);
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
    }

    /** The predictions of each cell, cells in model-then-template order, predictions in log order. */
    public Map<CellKey, List<Prediction>> predictionsByCell() {
        Map<CellKey, List<Prediction>> byCell = new TreeMap<>();
        for (Prediction p : predictions) {
            byCell.computeIfAbsent(p.cell(), c -> new ArrayList<>()).add(p);
        }
        return byCell;
    }

    /** Each cell's metrics by its key, in the order given. */
    public Map<CellKey, CellMetrics> metricsByCell() {
        Map<CellKey, CellMetrics> byCell = new LinkedHashMap<>();
        for (CellMetrics m : metrics) {
            byCell.put(m.cell(), m);
        }
        return byCell;
    }
}
