package dev.labelbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labelbench.core.CellKey;
import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.Label;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.RunInfo;
import dev.labelbench.metrics.CellMetricsCalculator;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a run folder ({@code run.json} and {@code results.jsonl}) back into {@link RunData}, recomputing every metric
 * from the log, so a report can be re-rendered for an old run without calling any model.
 */
public final class RunFolder {
    public static final String RUN_INFO = "run.json";
    public static final String RESULTS = "results.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private RunFolder() {
    }

    public static RunData load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw LabelbenchException.input(dir + ": no such run folder (give the folder a run wrote, e.g. reports/my-run-20260101-120000)");
        }
        List<Prediction> predictions = readResults(dir.resolve(RESULTS));
        RunInfo info = readRunInfo(dir.resolve(RUN_INFO), predictions, dir);
        return new RunData(info, predictions, computeMetrics(predictions, info.labelSet()), List.of());
    }

    static List<Prediction> readResults(Path file) {
        if (!Files.isRegularFile(file)) {
            throw LabelbenchException.input(file + ": missing; a run folder needs its results.jsonl to be re-rendered");
        }
        List<Prediction> predictions = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Prediction p = JSON.readValue(line, Prediction.class);
                    if (p.id() == null || p.model() == null || p.template() == null || p.gold() == null) {
                        throw LabelbenchException.input(file + ":" + lineNumber
                                + ": a result line needs id, model, template and gold; is this a labelbench results.jsonl?");
                    }
                    predictions.add(p);
                } catch (JsonProcessingException e) {
                    throw LabelbenchException.input(file + ":" + lineNumber + ": not a valid result line ("
                            + e.getOriginalMessage() + ")", e);
                }
            }
        } catch (IOException e) {
            throw LabelbenchException.input(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (predictions.isEmpty()) {
            throw LabelbenchException.input(file + ": has no results; the run answered nothing yet");
        }
        return predictions;
    }

    static RunInfo readRunInfo(Path file, List<Prediction> predictions, Path dir) {
        if (Files.isRegularFile(file)) {
            try {
                RunInfo info = JSON.readValue(file.toFile(), RunInfo.class);
                if (info.labels() != null && !info.labels().isEmpty()) {
                    return withLabelsSeenInResults(info, predictions);
                }
            } catch (IOException e) {
                throw LabelbenchException.input(file + ": not a valid run.json (" + e.getMessage() + ")", e);
            }
        }
        // An older or hand-made folder without run.json: say what the log itself shows.
        return new RunInfo(String.valueOf(dir.toAbsolutePath().normalize().getFileName()), null, null,
                null, labelsSeen(predictions, List.of()), null, null, null, null);
    }

    /** Gold labels outside run.json's label set would make the metrics fail; they belong in the report. */
    private static RunInfo withLabelsSeenInResults(RunInfo info, List<Prediction> predictions) {
        List<Label> labels = labelsSeen(predictions, info.labels());
        if (labels.size() == info.labels().size()) {
            return info;
        }
        return new RunInfo(info.name(), info.createdAt(), info.labelbenchVersion(), info.dataset(), labels,
                info.models(), info.templates(), info.parse(), info.options());
    }

    private static List<Label> labelsSeen(List<Prediction> predictions, List<Label> declared) {
        List<Label> labels = new ArrayList<>(declared);
        Set<String> known = new LinkedHashSet<>();
        declared.forEach(l -> known.add(l.name()));
        for (Prediction p : predictions) {
            for (String label : new String[] {p.gold(), p.predicted()}) {
                if (label != null && !LabelSet.INVALID.equals(label) && known.add(label)) {
                    labels.add(Label.of(label));
                }
            }
        }
        return labels;
    }

    public static List<CellMetrics> computeMetrics(List<Prediction> predictions, LabelSet labels) {
        Map<CellKey, List<Prediction>> byCell = new java.util.TreeMap<>();
        for (Prediction p : predictions) {
            byCell.computeIfAbsent(p.cell(), c -> new ArrayList<>()).add(p);
        }
        Map<CellKey, CellMetrics> metrics = new LinkedHashMap<>();
        byCell.forEach((cell, cellPredictions) ->
                metrics.put(cell, CellMetricsCalculator.compute(cell, cellPredictions, labels)));
        return List.copyOf(metrics.values());
    }
}
