package dev.labelbench.run;

import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsLogTest {
    @TempDir
    Path dir;

    private static Prediction prediction(String id) {
        return new Prediction(id, "ollama:m", "t", "text " + id, "pos", "pos", "exact", Reply.ofText("pos", 12.5), null, null);
    }

    @Test
    void roundTripsPredictions() {
        Path file = dir.resolve("results.jsonl");
        try (ResultsLog log = ResultsLog.append(file)) {
            log.write(prediction("1"));
            log.write(prediction("2"));
        }
        List<Prediction> read = ResultsLog.read(file);
        assertEquals(List.of(prediction("1"), prediction("2")), read);
    }

    @Test
    void aLineCutShortByACrashIsDroppedAndAppendingStartsOnAFreshLine() throws IOException {
        Path file = dir.resolve("results.jsonl");
        try (ResultsLog log = ResultsLog.append(file)) {
            log.write(prediction("1"));
        }
        Files.writeString(file, "{\"id\":\"2\",\"model\":\"oll", StandardOpenOption.APPEND);
        assertEquals(1, ResultsLog.read(file).size(), "the torn last line is ignored when reading");
        try (ResultsLog log = ResultsLog.append(file)) {
            log.write(prediction("3"));
        }
        assertEquals(List.of("1", "3"), ResultsLog.read(file).stream().map(Prediction::id).toList());
    }

    @Test
    void corruptionInTheMiddleIsAnErrorWithItsLine() throws IOException {
        Path file = dir.resolve("results.jsonl");
        Files.writeString(file, "{\"id\":\"1\"}\nnot json\n{\"id\":\"3\"}\n");
        LabelbenchException e = assertThrows(LabelbenchException.class, () -> ResultsLog.read(file));
        assertTrue(e.getMessage().startsWith(file + ":2: not a results line"), e.getMessage());
    }

    @Test
    void laterLinesForTheSameExampleAndCellReplaceEarlierOnes() {
        Prediction failed = new Prediction("1", "ollama:m", "t", "x", "pos", null, null, null, "HTTP 500", null);
        List<Prediction> latest = RunAnalysis.latestPerExample(List.of(failed, prediction("2"), prediction("1")));
        assertEquals(List.of("1", "2"), latest.stream().map(Prediction::id).toList());
        assertEquals(null, latest.get(0).error());
    }
}
