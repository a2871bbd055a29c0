package dev.labelbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labelbench.SharedFiles;
import dev.labelbench.backend.GenerationRequest;
import dev.labelbench.backend.GgufBackend;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.Example;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `labelbench run` with the two in-process backends: no server anywhere. */
class InProcessRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theShippedDatasetRunsWithTheEmbeddedBaseline() throws IOException {
        Path out = dir.resolve("run");
        Cli.Result result = Cli.run("run", "datasets/support-tickets.eval.yaml", "--model", "embedded:default",
                "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());

        List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
        Set<String> labels = Set.of("billing", "technical", "shipping");
        int correct = 0;
        java.util.Map<String, java.util.Map<String, String>> byTemplate = new java.util.TreeMap<>();
        for (String line : lines) {
            JsonNode row = JSON.readTree(line);
            byTemplate.computeIfAbsent(row.path("template").asText(), t -> new java.util.TreeMap<>())
                    .put(row.path("id").asText(), row.path("predicted").asText());
            assertEquals("embedded:default", row.path("model").asText());
            assertTrue(labels.contains(row.path("predicted").asText()), line);
            assertTrue(row.path("reply").path("latency_ms").asDouble() > 0, line);
            correct += row.path("predicted").asText().equals(row.path("gold").asText()) ? 1 : 0;
        }
        assertEquals(0, lines.size() % 45, "45 tickets per template");
        // The few-shot template shows the examples file, so the baseline learns from it (nearest centroid); the
        // zero-shot template does not, so it compares texts with the label descriptions: the two cells differ.
        assertEquals(java.util.Set.of("few-shot", "zero-shot"), byTemplate.keySet());
        assertTrue(!byTemplate.get("few-shot").equals(byTemplate.get("zero-shot")),
                "few-shot and zero-shot templates must not give the embedded baseline the same method");
        // Three balanced classes: chance is 1/3; the embedded baseline must be well above it.
        assertTrue(correct > 0.6 * lines.size(), correct + " of " + lines.size());
        assertTrue(Files.exists(out.resolve("metrics.json")));
        assertTrue(result.out().contains("embedded:default"), result.out());
    }

    @Test
    void aGgufModelRunsInProcessWithTheLabelGrammar() throws Exception {
        Path model = SharedFiles.require("models/tinyclassifier-sst2-trec.gguf");
        Path data = SharedFiles.require("datasets/sst2_dev.csv");
        Files.writeString(dir.resolve("chat.yaml"), """
                system: "You are a classifier. Reply with exactly one of: {{labels}}."
                user: "{{text}}"
                """);
        Files.writeString(dir.resolve("eval.yaml"), """
                name: gguf-sst2
                dataset: {path: %s, id: id, limit: 40}
                labels: [positive, negative]
                prompts: [chat.yaml]
                models: ["gguf:%s"]
                constrained: true
                options: {temperature: 0, max_tokens: 16}
                """.formatted(data, model));
        Path out = dir.resolve("run");
        Cli.Result result = Cli.run("run", dir.resolve("eval.yaml").toString(), "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(!result.out().contains("Extracted"), "the binding's native-library notice stays off stdout");

        // The run path must give exactly what the backend gives when driven directly with the same prompts.
        List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
        assertEquals(40, lines.size());
        LabelSet labels = LabelSet.ofNames(List.of("positive", "negative"));
        GenerationOptions options = GenerationOptions.DEFAULTS.overriddenBy(
                new GenerationOptions(0.0, null, 16, null, null, null, null, null, null));
        try (GgufBackend direct = new GgufBackend(ModelSpec.parse("gguf:" + model))) {
            List<Example> rows = firstRows(data, 40);
            for (int i = 0; i < 40; i++) {
                JsonNode line = JSON.readTree(lines.get(i));
                Example row = rows.get(i);
                assertEquals(row.id(), line.path("id").asText());
                Prompt prompt = Prompt.chat("chat", List.of(
                        new ChatMessage("system", "You are a classifier. Reply with exactly one of: positive, negative."),
                        new ChatMessage("user", row.text())));
                String expected = direct.generate(new GenerationRequest(prompt, row, options, labels, null)).text();
                assertEquals(expected, line.path("predicted").asText(), "row " + row.id());
                assertTrue(line.path("reply").path("completion_tokens").asInt() >= 7, lines.get(i));
                assertTrue(line.path("reply").path("prompt_tokens").asInt() > 20, lines.get(i));
            }
        }
    }

    private static List<Example> firstRows(Path csv, int n) throws IOException {
        List<Example> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            for (CSVRecord record : parser) {
                if (rows.size() == n) {
                    break;
                }
                rows.add(new Example(record.get("id"), record.get("text"), record.get("label"), Map.of(), 0));
            }
        }
        return rows;
    }
}
