package dev.labelbench.dataset;

import dev.labelbench.core.Example;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static List<Example> readAll(DatasetSpec spec) {
        List<Example> out = new ArrayList<>();
        try (DatasetReader reader = DatasetReader.open(spec)) {
            reader.forEach(out::add);
        }
        return out;
    }

    @Test
    void readsCsvWithQuotedMultiLineFieldsAndReportsTheLineEachRowStartsOn() throws IOException {
        Path file = write("d.csv", "id,text,label\na,\"first line\nsecond line\",pos\nb,\"with, comma\",neg\n");
        List<Example> examples = readAll(new DatasetSpec(file, null, null, "id", null, null));
        assertEquals(2, examples.size());
        assertEquals("first line\nsecond line", examples.get(0).text());
        assertEquals(2, examples.get(0).line());
        assertEquals(4, examples.get(1).line());
        assertEquals("with, comma", examples.get(1).text());
        assertEquals("neg", examples.get(1).gold());
    }

    @Test
    void joinsSeveralTextFieldsAndKeepsEveryFieldForTemplates() throws IOException {
        Path file = write("news.tsv", "title\tbody\ttopic\nMarkets rally\tStocks rose.\tbusiness\n");
        Example example = readAll(new DatasetSpec(file, List.of("title", "body"), "topic", null, null, null)).get(0);
        assertEquals("Markets rally\n\nStocks rose.", example.text());
        assertEquals("2", example.id(), "without an id field the row's line is its id");
        assertEquals("Markets rally", example.fields().get("title"));
    }

    @Test
    void readsJsonlSkippingBlankLines() throws IOException {
        Path file = write("d.jsonl", "{\"text\":\"great\",\"label\":\"positive\",\"n\":3}\n\n{\"text\":\"awful\",\"label\":\"negative\"}\n");
        List<Example> examples = readAll(new DatasetSpec(file, null, null, null, null, null));
        assertEquals(List.of("great", "awful"), examples.stream().map(Example::text).toList());
        assertEquals(3, examples.get(1).line());
        assertEquals("3", examples.get(0).fields().get("n"));
    }

    @Test
    void rowWithTheWrongNumberOfFieldsNamesFileAndLine() throws IOException {
        Path file = write("d.csv", "text,label\nok,pos\ntoo,many,fields\n");
        LabelbenchException e = assertThrows(LabelbenchException.class,
                () -> readAll(new DatasetSpec(file, null, null, null, null, null)));
        assertTrue(e.getMessage().contains("d.csv:3: row has 3 fields but the header has 2"), e.getMessage());
    }

    @Test
    void unknownColumnListsTheColumnsThatExist() throws IOException {
        Path file = write("d.csv", "sentence,label\nok,pos\n");
        LabelbenchException e = assertThrows(LabelbenchException.class,
                () -> readAll(new DatasetSpec(file, null, null, null, null, null)));
        assertTrue(e.getMessage().contains("no column 'text' (columns are: sentence, label)"), e.getMessage());
    }

    @Test
    void emptyLabelAndEmptyTextAreErrorsWithTheirLine() throws IOException {
        Path emptyLabel = write("a.csv", "text,label\nok,pos\nfine,\n");
        assertTrue(assertThrows(LabelbenchException.class,
                () -> readAll(new DatasetSpec(emptyLabel, null, null, null, null, null))).getMessage()
                .contains("a.csv:3: empty label"));
        Path emptyText = write("b.csv", "text,label\n  ,pos\n");
        assertTrue(assertThrows(LabelbenchException.class,
                () -> readAll(new DatasetSpec(emptyText, null, null, null, null, null))).getMessage()
                .contains("b.csv:2: empty text"));
    }

    @Test
    void problemSinkCollectsBadRowsAndKeepsReading() throws IOException {
        Path file = write("d.csv", "text,label\na,x\n,y\nb,\nc,z\n");
        List<String> problems = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (DatasetReader reader = DatasetReader.open(new DatasetSpec(file, null, null, null, null, null), problems::add)) {
            reader.forEach(e -> texts.add(e.text()));
        }
        assertEquals(List.of("a", "c"), texts);
        assertEquals(2, problems.size());
    }

    @Test
    void missingFileSaysWhereItLooked() {
        Path missing = dir.resolve("nope.csv");
        LabelbenchException e = assertThrows(LabelbenchException.class,
                () -> DatasetReader.open(new DatasetSpec(missing, null, null, null, null, null)));
        assertTrue(e.getMessage().startsWith("dataset file not found: " + missing), e.getMessage());
    }

    @Test
    void loaderMapsAliasesRejectsUnknownGoldAndDuplicateIdsAndLimits() throws IOException {
        LabelSet labels = new LabelSet(List.of(new dev.labelbench.core.Label("positive", List.of("pos"), null),
                dev.labelbench.core.Label.of("negative")));
        Path file = write("d.csv", "id,text,label\n1,a,pos\n2,b,Negative\n3,c,positive\n");
        List<Example> examples = DatasetLoader.load(new DatasetSpec(file, null, null, "id", 2, null), labels);
        assertEquals(List.of("positive", "negative"), examples.stream().map(Example::gold).toList());

        Path unknown = write("u.csv", "text,label\na,pos\nb,meh\n");
        assertTrue(assertThrows(LabelbenchException.class,
                () -> DatasetLoader.load(new DatasetSpec(unknown, null, null, null, null, null), labels)).getMessage()
                .contains("u.csv:3: gold label 'meh' is not in the label set (positive, negative)"));

        Path duplicate = write("dup.csv", "id,text,label\n1,a,pos\n1,b,pos\n");
        assertTrue(assertThrows(LabelbenchException.class,
                () -> DatasetLoader.load(new DatasetSpec(duplicate, null, null, "id", null, null), labels)).getMessage()
                .contains("dup.csv:3: duplicate id '1'"));
    }

    @Test
    void stratifiedSampleKeepsLabelSharesAndIsReproducible() throws IOException {
        StringBuilder csv = new StringBuilder("text,label\n");
        for (int i = 0; i < 900; i++) {
            csv.append("t").append(i).append(',').append(i % 10 == 0 ? "rare" : "common").append('\n');
        }
        Path file = write("big.csv", csv.toString());
        LabelSet labels = LabelSet.ofNames(List.of("common", "rare"));
        DatasetSpec spec = new DatasetSpec(file, null, null, null, null, new DatasetSpec.Sample(100, 7));
        List<Example> first = DatasetLoader.load(spec, labels);
        Map<String, Long> counts = first.stream().collect(Collectors.groupingBy(Example::gold, Collectors.counting()));
        assertEquals(100, first.size());
        assertEquals(90L, counts.get("common"));
        assertEquals(10L, counts.get("rare"));
        assertEquals(first, DatasetLoader.load(spec, labels), "same seed, same sample");
        assertTrue(!first.equals(DatasetLoader.load(new DatasetSpec(file, null, null, null, null,
                new DatasetSpec.Sample(100, 8)), labels)), "another seed, another sample");
    }
}
