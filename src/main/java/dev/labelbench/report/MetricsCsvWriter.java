package dev.labelbench.report;

import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.ClassMetrics;
import dev.labelbench.core.Interval;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.Performance;
import dev.labelbench.core.Scores;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code metrics.csv}: one row per cell with the headline scores ({@code scope} = {@code all}), then one row per
 * cell and label ({@code scope} = the label) with its precision, recall, F1 and support. Spreadsheet-friendly.
 */
public final class MetricsCsvWriter {
    static final List<String> HEADER = List.of("model", "template", "scope", "n", "accuracy", "balanced_accuracy",
            "precision", "recall", "f1", "macro_f1", "macro_f1_ci_low", "macro_f1_ci_high", "micro_f1", "weighted_f1",
            "cohen_kappa", "mcc", "support", "invalid", "invalid_rate", "errors", "median_latency_ms", "p95_latency_ms",
            "tokens_per_second");

    private MetricsCsvWriter() {
    }

    public static void write(List<CellMetrics> cells, Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get())) {
            for (CellMetrics cell : cells) {
                csv.printRecord(overall(cell));
            }
            for (CellMetrics cell : cells) {
                for (ClassMetrics c : cell.perClass()) {
                    csv.printRecord(perClass(cell, c));
                }
            }
        } catch (IOException e) {
            throw LabelbenchException.input("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Object> overall(CellMetrics cell) {
        Scores s = cell.scores();
        Interval ci = cell.intervals() == null ? null : cell.intervals().get("macro_f1");
        Performance perf = cell.performance();
        List<Object> row = new ArrayList<>();
        row.add(cell.model());
        row.add(cell.template());
        row.add("all");
        row.add(s.n());
        row.add(num(s.accuracy()));
        row.add(num(s.balancedAccuracy()));
        row.add(num(s.macroPrecision()));
        row.add(num(s.macroRecall()));
        row.add("");
        row.add(num(s.macroF1()));
        row.add(ci == null ? "" : num(ci.low()));
        row.add(ci == null ? "" : num(ci.high()));
        row.add(num(s.microF1()));
        row.add(num(s.weightedF1()));
        row.add(num(s.cohenKappa()));
        row.add(num(s.mcc()));
        row.add("");
        row.add(cell.invalid());
        row.add(num(cell.invalidRate()));
        row.add(cell.errors());
        row.add(perf == null || perf.medianLatencyMs() == null ? "" : num(perf.medianLatencyMs()));
        row.add(perf == null || perf.p95LatencyMs() == null ? "" : num(perf.p95LatencyMs()));
        row.add(perf == null || perf.tokensPerSecond() == null ? "" : num(perf.tokensPerSecond()));
        return row;
    }

    private static List<Object> perClass(CellMetrics cell, ClassMetrics c) {
        List<Object> row = new ArrayList<>();
        for (String column : HEADER) {
            row.add(switch (column) {
                case "model" -> cell.model();
                case "template" -> cell.template();
                case "scope" -> c.label();
                case "precision" -> num(c.precision());
                case "recall" -> num(c.recall());
                case "f1" -> num(c.f1());
                case "support" -> c.support();
                default -> "";
            });
        }
        return row;
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
