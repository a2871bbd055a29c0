package dev.labelbench.report;

import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.PairwiseComparison;
import dev.labelbench.core.RunInfo;

import java.util.List;

/** The content of {@code metrics.json}: what was run, every cell's metrics, and the pairwise comparisons. */
public record MetricsDocument(RunInfo run, List<CellMetrics> cells, List<PairwiseComparison> comparisons) {
}
