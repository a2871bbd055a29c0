package dev.labelbench.run;

import dev.labelbench.core.Example;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.dataset.DatasetReader;
import dev.labelbench.dataset.DatasetSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code labelbench init}: looks at a dataset (columns, which one holds the text and which the label, label counts)
 * and writes a starting eval YAML and a zero-shot template, so a newcomer gets from a CSV to a first run in two steps.
 */
public final class EvalScaffold {
    private static final Set<String> LABEL_NAMES = Set.of("label", "labels", "category", "class", "target", "intent",
            "sentiment", "gold", "y", "topic");
    private static final int SCAN_ROWS = 10_000;

    private final Path dataset;
    private final List<String> columns;
    private final String textField;
    private final String labelField;
    private final String idField;
    private final Map<String, Integer> labelCounts;
    private final int rows;

    private EvalScaffold(Path dataset, List<String> columns, String textField, String labelField, String idField,
                         Map<String, Integer> labelCounts, int rows) {
        this.dataset = dataset;
        this.columns = columns;
        this.textField = textField;
        this.labelField = labelField;
        this.idField = idField;
        this.labelCounts = labelCounts;
        this.rows = rows;
    }

    public static EvalScaffold inspect(Path dataset, String textField, String labelField) {
        Map<String, List<String>> values = sampleColumns(dataset);
        List<String> columns = List.copyOf(values.keySet());
        String label = labelField != null ? labelField : guessLabel(values);
        String text = textField != null ? textField : guessText(values, label);
        for (String field : new String[]{label, text}) {
            if (!values.containsKey(field)) {
                throw LabelbenchException.input(dataset + ": no column '" + field + "' (columns are: "
                        + String.join(", ", columns) + ")");
            }
        }
        String id = values.containsKey("id") && !"id".equals(text) && !"id".equals(label) ? "id" : null;
        Map<String, Integer> counts = new TreeMap<>();
        int rows = 0;
        try (DatasetReader reader = DatasetReader.open(new DatasetSpec(dataset, List.of(text), label, null, null, null))) {
            for (Example example : reader) {
                counts.merge(example.gold(), 1, Integer::sum);
                rows++;
            }
        }
        return new EvalScaffold(dataset, columns, text, label, id, counts, rows);
    }

    /** The first rows of every column, read leniently (no text/label checks yet: we don't know the columns). */
    private static Map<String, List<String>> sampleColumns(Path dataset) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        // Any column works as the reader's text and label field while we only look at the raw fields.
        String anyColumn = firstColumn(dataset);
        try (DatasetReader reader = DatasetReader.open(new DatasetSpec(dataset, List.of(anyColumn), anyColumn, null,
                null, null), problem -> { })) {
            reader.columns().forEach(c -> values.put(c, new ArrayList<>()));
            int seen = 0;
            for (Example example : reader) {
                example.fields().forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                if (++seen >= SCAN_ROWS) {
                    break;
                }
            }
        }
        if (values.isEmpty()) {
            throw LabelbenchException.input(dataset + ": no columns found");
        }
        return values;
    }

    private static String firstColumn(Path dataset) {
        if (!Files.isRegularFile(dataset)) {
            throw LabelbenchException.input("dataset file not found: " + dataset);
        }
        try {
            String first;
            try (var lines = Files.lines(dataset)) {
                first = lines.findFirst().orElse("");
            }
            DatasetSpec.Format format = new DatasetSpec(dataset, null, null, null, null, null).format();
            if (format == DatasetSpec.Format.JSONL) {
                var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(first);
                if (node == null || !node.isObject() || !node.fieldNames().hasNext()) {
                    throw LabelbenchException.input(dataset + ":1: expected a JSON object per line");
                }
                return node.fieldNames().next();
            }
            String delimiter = format == DatasetSpec.Format.TSV ? "\t" : ",";
            return first.split(delimiter, -1)[0].replace("\"", "").strip();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw LabelbenchException.input("cannot read " + dataset + ": " + e.getMessage());
        }
    }

    private static String guessLabel(Map<String, List<String>> values) {
        for (String column : values.keySet()) {
            if (LABEL_NAMES.contains(column.toLowerCase(Locale.ROOT))) {
                return column;
            }
        }
        // Else the column with the fewest distinct values (but more than one).
        String best = null;
        long fewest = Long.MAX_VALUE;
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            long distinct = entry.getValue().stream().distinct().count();
            if (distinct > 1 && distinct < fewest) {
                fewest = distinct;
                best = entry.getKey();
            }
        }
        if (best == null) {
            throw LabelbenchException.input("cannot tell which column holds the label; pass --label FIELD");
        }
        return best;
    }

    private static String guessText(Map<String, List<String>> values, String label) {
        if (values.containsKey("text") && !"text".equals(label)) {
            return "text";
        }
        String best = null;
        double longest = -1;
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            if (entry.getKey().equals(label)) {
                continue;
            }
            double mean = entry.getValue().stream().mapToInt(String::length).average().orElse(0);
            if (mean > longest) {
                longest = mean;
                best = entry.getKey();
            }
        }
        if (best == null) {
            throw LabelbenchException.input("cannot tell which column holds the text; pass --text FIELD");
        }
        return best;
    }

    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(dataset).append(": ").append(rows).append(" rows, columns ").append(String.join(", ", columns)).append('\n');
        out.append("text field: ").append(textField).append(", label field: ").append(labelField)
                .append(idField == null ? "" : ", id field: " + idField).append('\n');
        out.append(labelCounts.size()).append(" labels:\n");
        labelCounts.forEach((label, count) -> out.append(String.format(Locale.ROOT, "  %-24s %6d  (%.1f%%)%n", label, count,
                100.0 * count / Math.max(1, rows))));
        if (labelCounts.size() > 50) {
            out.append("warning: ").append(labelCounts.size()).append(" distinct labels; is '").append(labelField)
                    .append("' really the label column? (use --label FIELD)\n");
        }
        return out.toString();
    }

    public Path configPath(Path out) {
        if (out != null) {
            return out;
        }
        String base = dataset.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        return dataset.toAbsolutePath().resolveSibling(base + ".eval.yaml");
    }

    /** Writes the eval YAML and a zero-shot template (beside the config, in prompts/); returns what it wrote. */
    public List<Path> write(Path out, String model, boolean force) {
        Path config = configPath(out).toAbsolutePath();
        Path template = config.getParent().resolve("prompts").resolve("zero-shot.yaml");
        List<Path> written = new ArrayList<>();
        writeFile(config, configYaml(config, template, model), force, written);
        if (!Files.exists(template)) {
            writeFile(template, templateYaml(), force, written);
        }
        return written;
    }

    private static void writeFile(Path path, String content, boolean force, List<Path> written) {
        if (Files.exists(path) && !force) {
            throw LabelbenchException.input(path + " exists; pass --force to overwrite it or -o to write elsewhere");
        }
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, content);
            written.add(path);
        } catch (IOException e) {
            throw LabelbenchException.input("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    String configYaml(Path config, Path template, String model) {
        StringBuilder out = new StringBuilder();
        out.append("# Written by `labelbench init`. Edit freely; `labelbench validate` checks it.\n");
        out.append("name: ").append(quote(dataset.getFileName().toString().replaceFirst("\\.[^.]+$", ""))).append('\n');
        out.append("dataset:\n");
        out.append("  path: ").append(quote(config.getParent().relativize(dataset.toAbsolutePath()).toString())).append('\n');
        out.append("  text: ").append(quote(textField)).append('\n');
        out.append("  label: ").append(quote(labelField)).append('\n');
        if (idField != null) {
            out.append("  id: ").append(quote(idField)).append('\n');
        }
        out.append("  # limit: 100                # evaluate the first N rows only\n");
        out.append("  # sample: {size: 200, seed: 42}   # or a stratified random sample\n");
        out.append("labels:\n");
        labelCounts.keySet().forEach(label -> out.append("  - ").append(quote(label)).append('\n'));
        out.append("prompts:\n  - ").append(quote(config.getParent().relativize(template).toString())).append('\n');
        out.append("models:\n  - ").append(quote(model != null ? model : "embedded:minilm"))
                .append("   # also e.g. ollama:qwen2.5:0.5b, llamacpp:NAME@http://127.0.0.1:8080\n");
        out.append("options:\n  temperature: 0\n  max_tokens: 16\n");
        out.append("parse: auto\n");
        return out.toString();
    }

    static String templateYaml() {
        return """
                # A zero-shot chat template. Variables: any dataset column, {{text}}, {{labels}}, {{#label_list}}...{{/label_list}}.
                kind: chat
                system: |
                  You are a text classifier. Answer with exactly one of these labels: {{labels}}.
                  Reply with the label only.
                user: |
                  Text: {{text}}
                  Label:
                """;
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
