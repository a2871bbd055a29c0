package dev.labelbench.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where a dataset is and which of its fields matter. Several text fields (e.g. title and body) are joined with a blank
 * line into {@code Example.text}; every field stays available to templates by its column name. Without an id field the
 * row number is the id. {@code limit} keeps the first N rows; {@code sample} draws a stratified, seeded sample.
 */
public record DatasetSpec(Path path, List<String> textFields, String labelField, String idField, Integer limit,
                          Sample sample) {

    /** A stratified sample of {@code size} rows, reproducible for a given {@code seed}. */
    public record Sample(int size, long seed) {
    }

    public DatasetSpec {
        textFields = textFields == null || textFields.isEmpty() ? List.of("text") : List.copyOf(textFields);
        labelField = labelField == null ? "label" : labelField;
    }

    public Format format() {
        return Format.of(path);
    }

    /** The file formats read, chosen by file extension. */
    public enum Format {
        CSV, TSV, JSONL;

        static Format of(Path path) {
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".tsv") || name.endsWith(".tab")) {
                return TSV;
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return JSONL;
            }
            return CSV;
        }
    }
}
