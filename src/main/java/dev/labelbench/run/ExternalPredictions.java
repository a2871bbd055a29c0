package dev.labelbench.run;

import dev.labelbench.core.Example;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.Reply;
import dev.labelbench.core.RunInfo;
import dev.labelbench.dataset.DatasetReader;
import dev.labelbench.dataset.DatasetSpec;
import dev.labelbench.parse.ParsedReply;
import dev.labelbench.parse.ReplyParser;
import dev.labelbench.parse.ReplyParsers;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Predictions made elsewhere (a notebook, LM Studio): a file with a gold and a predicted column, turned into a run
 * folder with the same files as {@code run} writes, so the same metrics and reports apply.
 */
public final class ExternalPredictions {
    private final Path file;
    private final String goldColumn;
    private final String predictedColumn;
    private final String idColumn;
    private final String textColumn;
    private final List<String> labels;
    private final String parse;
    private final String model;
    private final String template;
    private final Path out;

    public ExternalPredictions(Path file, String goldColumn, String predictedColumn, String idColumn, String textColumn,
                               List<String> labels, String parse, String model, String template, Path out) {
        this.file = file;
        this.goldColumn = goldColumn;
        this.predictedColumn = predictedColumn;
        this.idColumn = idColumn;
        this.textColumn = textColumn;
        this.labels = labels;
        this.parse = parse;
        this.model = model != null ? model : baseName(file);
        this.template = template != null ? template : "external";
        this.out = out != null ? out
                : Path.of("reports", baseName(file) + "-scored-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    private static String baseName(Path file) {
        return file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    }

    public Path outDir() {
        return out.toAbsolutePath().normalize();
    }

    public RunAnalysis score() {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw LabelbenchException.input("predictions file not found: " + file);
        }
        // The gold column stands in as the reader's text field (never empty); the real text, if any, is read below.
        DatasetSpec spec = new DatasetSpec(file, List.of(goldColumn), goldColumn, idColumn, null, null);
        List<Example> rows = new ArrayList<>();
        try (DatasetReader reader = DatasetReader.open(spec)) {
            if (!reader.columns().isEmpty() && !reader.columns().contains(predictedColumn)) {
                throw LabelbenchException.input(file + ": no column '" + predictedColumn + "' for --pred (columns are: "
                        + String.join(", ", reader.columns()) + ")");
            }
            if (textColumn != null && !reader.columns().isEmpty() && !reader.columns().contains(textColumn)) {
                throw LabelbenchException.input(file + ": no column '" + textColumn + "' for --text (columns are: "
                        + String.join(", ", reader.columns()) + ")");
            }
            reader.forEach(rows::add);
        }
        LabelSet labelSet = labels != null && !labels.isEmpty() ? LabelSet.ofNames(labels)
                : LabelSet.ofNames(List.copyOf(new TreeSet<>(rows.stream().map(Example::gold).toList())));
        ReplyParser parser = ReplyParsers.named(parse);
        List<Prediction> predictions = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        labelSet.names().forEach(n -> counts.put(n, 0));
        for (Example row : rows) {
            String gold = labelSet.resolve(row.gold()).orElseThrow(() -> LabelbenchException.input(file + ":" + row.line()
                    + ": gold label '" + row.gold() + "' is not in --labels (" + labelSet + ")"));
            counts.merge(gold, 1, Integer::sum);
            String raw = row.fields().getOrDefault(predictedColumn, "");
            ParsedReply parsed = parser.parse(raw, labelSet);
            String text = textColumn == null ? "" : row.fields().getOrDefault(textColumn, "");
            predictions.add(new Prediction(row.id(), model, template, text, gold, parsed.label(), parsed.rule(),
                    Reply.ofText(raw, 0), null, null));
        }
        RunInfo info = new RunInfo(baseName(file), OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                Version.current(), new RunInfo.Dataset(file.toAbsolutePath().toString(), rows.size(), counts),
                labelSet.labels(), List.of(new RunInfo.Model(model, "external", model, List.of(), GenerationOptions.NONE,
                false, Map.of())), List.of(new RunInfo.Template(template, file.toString(), "external", null, null)),
                parse == null ? "auto" : parse, GenerationOptions.NONE);
        RunFolder folder = new RunFolder(outDir());
        folder.writeRunInfo(info);
        try (ResultsLog log = ResultsLog.append(folder.results())) {
            predictions.forEach(log::write);
        }
        RunAnalysis analysis = RunAnalysis.of(info, predictions);
        analysis.writeFiles(folder);
        return analysis;
    }
}
