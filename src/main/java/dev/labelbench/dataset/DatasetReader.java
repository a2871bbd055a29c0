package dev.labelbench.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labelbench.core.Example;
import dev.labelbench.core.LabelbenchException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Streams the examples of a CSV, TSV or JSONL file, one row at a time: a large file is never held in memory by the
 * reader. Rows are checked as they are read; a row that cannot be an example is an error that names the file and
 * line, unless a {@code problems} sink is given, in which case the row is reported there and skipped (so
 * {@code validate} can list every problem at once).
 */
public final class DatasetReader implements Iterable<Example>, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatasetSpec spec;
    private final Iterator<RawRow> rows;
    private final AutoCloseable source;
    private final Consumer<String> problems;
    private final List<String> columns;

    private DatasetReader(DatasetSpec spec, Iterator<RawRow> rows, AutoCloseable source, List<String> columns,
                          Consumer<String> problems) {
        this.spec = spec;
        this.rows = rows;
        this.source = source;
        this.columns = columns;
        this.problems = problems;
    }

    /** Opens the dataset; bad rows throw. */
    public static DatasetReader open(DatasetSpec spec) {
        return open(spec, null);
    }

    /** Opens the dataset; bad rows go to {@code problems} (when not null) and are skipped. */
    public static DatasetReader open(DatasetSpec spec, Consumer<String> problems) {
        if (!Files.isRegularFile(spec.path())) {
            throw LabelbenchException.input("dataset file not found: " + spec.path()
                    + " (check `dataset.path` in the config or --dataset; relative paths are resolved against the config file's folder)");
        }
        try {
            DatasetReader reader = switch (spec.format()) {
                case CSV -> openDelimited(spec, CSVFormat.RFC4180, problems);
                case TSV -> openDelimited(spec, CSVFormat.TDF, problems);
                case JSONL -> openJsonl(spec, problems);
            };
            reader.checkColumns();
            return reader;
        } catch (IOException e) {
            throw LabelbenchException.input("cannot read dataset " + spec.path() + ": " + e.getMessage(), e);
        }
    }

    private static DatasetReader openDelimited(DatasetSpec spec, CSVFormat base, Consumer<String> problems) throws IOException {
        BufferedReader in = Files.newBufferedReader(spec.path(), StandardCharsets.UTF_8);
        CSVParser parser;
        try {
            parser = CSVParser.builder().setReader(in)
                    .setFormat(base.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(false).get())
                    .get();
        } catch (IOException | IllegalArgumentException e) {
            in.close();
            throw LabelbenchException.input(spec.path() + ": cannot read the header line: " + e.getMessage());
        }
        List<String> header = parser.getHeaderNames();
        Iterator<CSVRecord> records = parser.iterator();
        Iterator<RawRow> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return records.hasNext();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw LabelbenchException.input(spec.path() + " near line " + parser.getCurrentLineNumber()
                            + ": malformed CSV (" + rootMessage(e) + "); check the quoting of that row");
                }
            }

            @Override
            public RawRow next() {
                CSVRecord record = records.next();
                long line = lineOf(record, parser);
                if (record.size() != header.size()) {
                    return new RawRow(line, Map.of("__error__", "row has " + record.size() + " fields but the header has "
                            + header.size() + " (" + String.join(", ", header) + "); quote fields that contain the delimiter"));
                }
                return new RawRow(line, record.toMap());
            }
        };
        return new DatasetReader(spec, rows, parser, header, problems);
    }

    /** The line where a record starts: the parser is at the line after it ends, so count its embedded line breaks. */
    private static long lineOf(CSVRecord record, CSVParser parser) {
        long breaks = 0;
        for (String value : record.values()) {
            breaks += value.chars().filter(c -> c == '\n').count();
        }
        return parser.getCurrentLineNumber() - breaks;
    }

    private static DatasetReader openJsonl(DatasetSpec spec, Consumer<String> problems) throws IOException {
        BufferedReader in = Files.newBufferedReader(spec.path(), StandardCharsets.UTF_8);
        Iterator<RawRow> rows = new Iterator<>() {
            long lineNumber = 0;
            String pending = advance();

            private String advance() {
                try {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lineNumber++;
                        if (!line.isBlank()) {
                            return line;
                        }
                    }
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public RawRow next() {
                if (pending == null) {
                    throw new NoSuchElementException();
                }
                String text = pending;
                long line = lineNumber;
                pending = advance();
                try {
                    JsonNode node = JSON.readTree(text);
                    if (!node.isObject()) {
                        return new RawRow(line, Map.of("__error__", "expected a JSON object"));
                    }
                    Map<String, String> fields = new LinkedHashMap<>();
                    node.fields().forEachRemaining(e -> fields.put(e.getKey(),
                            e.getValue().isNull() ? "" : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
                    return new RawRow(line, fields);
                } catch (JsonProcessingException e) {
                    return new RawRow(line, Map.of("__error__", "not valid JSON: " + e.getOriginalMessage()));
                }
            }
        };
        return new DatasetReader(spec, rows, in, null, problems);
    }

    private void checkColumns() {
        if (columns == null) {
            return; // JSONL rows are checked one by one
        }
        List<String> wanted = new ArrayList<>(spec.textFields());
        wanted.add(spec.labelField());
        if (spec.idField() != null) {
            wanted.add(spec.idField());
        }
        for (String field : wanted) {
            if (!columns.contains(field)) {
                throw LabelbenchException.input(spec.path() + ": no column '" + field + "' (columns are: "
                        + String.join(", ", columns) + "); set `dataset.text`, `dataset.label` or `dataset.id`");
            }
        }
    }

    /** The column names from the header (CSV/TSV); empty for JSONL. */
    public List<String> columns() {
        return columns == null ? List.of() : columns;
    }

    @Override
    public Iterator<Example> iterator() {
        return new Iterator<>() {
            Example next = advance();

            private Example advance() {
                while (rows.hasNext()) {
                    RawRow row = rows.next();
                    try {
                        return toExample(row);
                    } catch (LabelbenchException e) {
                        if (problems == null) {
                            throw e;
                        }
                        problems.accept(e.getMessage());
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Example next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Example current = next;
                next = advance();
                return current;
            }
        };
    }

    private Example toExample(RawRow row) {
        String where = spec.path() + ":" + row.line();
        Map<String, String> fields = row.fields();
        if (fields.containsKey("__error__")) {
            throw LabelbenchException.input(where + ": " + fields.get("__error__"));
        }
        List<String> texts = new ArrayList<>();
        for (String field : spec.textFields()) {
            String value = fields.get(field);
            if (value == null) {
                throw LabelbenchException.input(where + ": no field '" + field + "' (set `dataset.text` to the text field)");
            }
            if (!value.isBlank()) {
                texts.add(value.strip());
            }
        }
        if (texts.isEmpty()) {
            throw LabelbenchException.input(where + ": empty text in " + String.join(", ", spec.textFields())
                    + "; remove the row or fill it");
        }
        String gold = fields.get(spec.labelField());
        if (gold == null) {
            throw LabelbenchException.input(where + ": no field '" + spec.labelField() + "' (set `dataset.label`)");
        }
        if (gold.isBlank()) {
            throw LabelbenchException.input(where + ": empty label in '" + spec.labelField() + "'; every row needs a gold label");
        }
        String id;
        if (spec.idField() != null) {
            id = fields.get(spec.idField());
            if (id == null || id.isBlank()) {
                throw LabelbenchException.input(where + ": empty id in '" + spec.idField() + "'");
            }
        } else {
            id = Long.toString(row.line());
        }
        return new Example(id.strip(), String.join("\n\n", texts), gold.strip(), fields, row.line());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (Exception e) {
            // closing a file we only read cannot lose data
        }
    }
}
