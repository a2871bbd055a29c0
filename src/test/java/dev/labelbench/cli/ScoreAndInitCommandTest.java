package dev.labelbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoreAndInitCommandTest {
    @TempDir
    Path dir;

    @Test
    void scoreComputesTheGlossaryExampleFromAPredictionsFile() throws IOException {
        // The confusion-matrix glossary's worked example: TP 400, TN 350, FP 100, FN 150 over 1000 predictions.
        StringBuilder csv = new StringBuilder("gold,prediction\n");
        csv.append("spam,spam\n".repeat(400)).append("ham,ham\n".repeat(350))
                .append("ham,spam\n".repeat(100)).append("spam,ham\n".repeat(150));
        Path file = dir.resolve("preds.csv");
        Files.writeString(file, csv.toString());
        Path out = dir.resolve("scored");
        Cli.Result result = Cli.run("score", file.toString(), "--gold", "gold", "--pred", "prediction",
                "--labels", "spam,ham", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        JsonNode cell = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).path("cells").get(0);
        JsonNode spam = cell.path("per_class").get(0);
        assertEquals("spam", spam.path("label").asText());
        assertEquals(0.8, spam.path("precision").asDouble(), 1e-12);
        assertEquals(400.0 / 550, spam.path("recall").asDouble(), 1e-12);
        assertEquals(0.7619, spam.path("f1").asDouble(), 1e-4);
        assertEquals(0.75, cell.path("scores").path("accuracy").asDouble(), 1e-12);
        assertEquals(1000, Files.readAllLines(out.resolve("results.jsonl")).size());
        assertTrue(result.out().contains("spam"));
    }

    @Test
    void scoreReadsRawRepliesAndMarksUnreadableOnesInvalid() throws IOException {
        Path file = dir.resolve("preds.jsonl");
        Files.writeString(file, """
                {"id": "a", "gold": "positive", "reply": "Positive."}
                {"id": "b", "gold": "negative", "reply": "no idea"}
                """);
        Path out = dir.resolve("s");
        Cli.Result result = Cli.run("score", file.toString(), "--gold", "gold", "--pred", "reply", "--id", "id",
                "--labels", "positive,negative", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        JsonNode cell = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).path("cells").get(0);
        assertEquals(1, cell.path("invalid").asInt());
        assertEquals("[[1,0,0],[0,0,1]]", cell.path("confusion").toString());
    }

    @Test
    void scoreNamesAMissingColumn() throws IOException {
        Path file = dir.resolve("p.csv");
        Files.writeString(file, "gold,pred\na,a\n");
        Cli.Result result = Cli.run("score", file.toString(), "--gold", "gold", "--pred", "prediction");
        assertEquals(3, result.exitCode());
        assertTrue(result.err().contains("no column 'prediction' for --pred (columns are: gold, pred)"), result.err());
    }

    @Test
    void initWritesAConfigThatValidates() throws IOException {
        Path data = dir.resolve("reviews.csv");
        Files.writeString(data, "id,review,sentiment\n1,Loved every minute of it,positive\n2,Dull and far too long,negative\n"
                + "3,Fine I guess,neutral\n4,A masterpiece,positive\n");
        Cli.Result result = Cli.run("init", data.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("text field: review, label field: sentiment"), result.out());
        assertTrue(result.out().contains("positive"), result.out());
        Path config = dir.resolve("reviews.eval.yaml");
        assertTrue(Files.exists(config));
        assertTrue(Files.exists(dir.resolve("prompts/zero-shot.yaml")));
        Cli.Result validate = Cli.run("validate", config.toString());
        assertEquals(0, validate.exitCode(), validate.err());

        Cli.Result again = Cli.run("init", data.toString());
        assertEquals(3, again.exitCode());
        assertTrue(again.err().contains("exists; pass --force"), again.err());
    }
}
