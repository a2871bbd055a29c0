package dev.labelbench.report;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prediction;
import dev.labelbench.metrics.CellMetricsCalculator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test runs' cell metrics, computed the way the run path does (one {@link CellMetricsCalculator} call per cell). */
final class CellsOf {
    private CellsOf() {
    }

    static List<CellMetrics> compute(List<Prediction> predictions, LabelSet labels) {
        Map<CellKey, List<Prediction>> byCell = new TreeMap<>();
        for (Prediction p : predictions) {
            byCell.computeIfAbsent(p.cell(), c -> new ArrayList<>()).add(p);
        }
        List<CellMetrics> cells = new ArrayList<>();
        byCell.forEach((cell, list) -> cells.add(CellMetricsCalculator.compute(cell, list, labels)));
        return cells;
    }
}
