package dev.labelbench.run;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.PairwiseComparison;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.RunInfo;
import dev.labelbench.metrics.CellComparisons;
import dev.labelbench.metrics.CellMetricsCalculator;
import dev.labelbench.metrics.SignificanceSummary;
import dev.labelbench.metrics.StatisticsSettings;
import dev.labelbench.metrics.probability.ProbabilityMetricsCalculator;
import dev.labelbench.metrics.probability.ProbabilityMetricsOptions;
import dev.labelbench.report.MetricsCsvWriter;
import dev.labelbench.report.ReportFiles;
import dev.labelbench.report.RunData;
import dev.labelbench.report.MetricsDocument;
import dev.labelbench.report.MetricsJsonWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything derived from a run log: cell metrics, pairwise comparisons, and the files that hold them. A pure
 * function of {@code run.json} and {@code results.jsonl}, so {@code report} can redo it for old runs.
 */
public final class RunAnalysis {
    private final RunInfo info;
    private final List<Prediction> predictions;
    private final List<CellMetrics> cells;
    private final List<PairwiseComparison> comparisons;

    private RunAnalysis(RunInfo info, List<Prediction> predictions, List<CellMetrics> cells,
                        List<PairwiseComparison> comparisons) {
        this.info = info;
        this.predictions = predictions;
        this.cells = cells;
        this.comparisons = comparisons;
    }

    public static RunAnalysis of(RunInfo info, List<Prediction> log) {
        LabelSet labels = info.labelSet();
        List<Prediction> predictions = latestPerExample(log);
        Map<CellKey, List<Prediction>> byCell = new LinkedHashMap<>();
        for (Prediction p : predictions) {
            byCell.computeIfAbsent(p.cell(), k -> new ArrayList<>()).add(p);
        }
        StatisticsSettings settings = StatisticsSettings.DEFAULT;
        List<CellMetrics> cells = new ArrayList<>();
        ProbabilityMetricsCalculator probabilities = new ProbabilityMetricsCalculator(probabilityOptions(info));
        byCell.forEach((cell, cellPredictions) -> cells.add(CellMetricsCalculator.compute(cell, cellPredictions, labels, settings)
                .withProbability(probabilities.compute(cellPredictions, labels))));
        return new RunAnalysis(info, predictions, List.copyOf(cells),
                CellComparisons.compare(predictions, labels, settings));
    }

    /** The binary decision settings the run was made with (positive label, target recall), for the metrics. */
    private static ProbabilityMetricsOptions probabilityOptions(RunInfo info) {
        ProbabilityMetricsOptions defaults = ProbabilityMetricsOptions.DEFAULTS;
        if (info.decision() == null) {
            return defaults;
        }
        String positive = info.decision().positiveLabel() == null ? null
                : info.labelSet().resolve(info.decision().positiveLabel()).orElse(info.decision().positiveLabel());
        return new ProbabilityMetricsOptions(defaults.bins(), defaults.resamples(), defaults.level(), defaults.seed(),
                positive, defaults.devFraction(), info.decision().targetRecall());
    }

    /** One prediction per cell and example: a later line for the same pair (a retried error) replaces the earlier. */
    static List<Prediction> latestPerExample(List<Prediction> log) {
        Map<String, Prediction> latest = new LinkedHashMap<>();
        for (Prediction p : log) {
            latest.put(p.model() + "\u0000" + p.template() + "\u0000" + p.id(), p);
        }
        return List.copyOf(latest.values());
    }

    public static RunAnalysis ofFolder(RunFolder folder) {
        return of(folder.readRunInfo(), ResultsLog.read(folder.results()));
    }

    public RunInfo info() {
        return info;
    }

    public List<Prediction> predictions() {
        return predictions;
    }

    public List<CellMetrics> cells() {
        return cells;
    }

    public List<PairwiseComparison> comparisons() {
        return comparisons;
    }

    /** In words, which differences between cells are significant (for the console summary). */
    public List<String> significance() {
        return SignificanceSummary.sentences(comparisons);
    }

    /** Writes metrics.json, metrics.csv, report.html and summary.md into the folder; returns the files written. */
    public List<Path> writeFiles(RunFolder folder) {
        MetricsJsonWriter.write(new MetricsDocument(info, cells, comparisons), folder.metricsJson());
        MetricsCsvWriter.write(cells, folder.metricsCsv());
        List<Path> written = new ArrayList<>(List.of(folder.metricsJson(), folder.metricsCsv()));
        written.addAll(ReportFiles.write(new RunData(info, predictions, cells, comparisons), folder.dir()));
        return written;
    }
}
