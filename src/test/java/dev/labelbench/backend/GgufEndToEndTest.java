package dev.labelbench.backend;

import dev.labelbench.SharedFiles;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.Example;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import dev.labelbench.metrics.ClassificationScores;
import dev.labelbench.metrics.ConfusionMatrix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tiny classifier of ../shared/models, run in-process over the full SST-2 dev and TREC test sets with the
 * {@code chat} prompt form and the label grammar, must score what its README measured with llama-server b9928
 * (60.1% and 73.2% accuracy) to within two points: the binding wraps the older llama.cpp b4916.
 */
@Tag("slow")
class GgufEndToEndTest {
    private static GgufBackend backend;

    @BeforeAll
    static void load() {
        Path model = SharedFiles.require("models/tinyclassifier-sst2-trec.gguf");
        backend = new GgufBackend(ModelSpec.parse("gguf:" + model));
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "sst2_dev.csv; positive,negative; 0.601",
            "trec_test.csv; abbreviation,description,entity,human,location,numeric; 0.732",
    })
    void chatFormWithTheGrammarMatchesTheReadmeAccuracy(String file, String labelList, double readmeAccuracy) throws Exception {
        List<Example> rows = EmbeddedBenchmark.read(SharedFiles.require("datasets/" + file));
        LabelSet labels = LabelSet.ofNames(List.of(labelList.split(",")));
        String system = "You are a classifier. Reply with exactly one of: " + String.join(", ", labels.names()) + ".";
        GenerationOptions options = GenerationOptions.DEFAULTS.overriddenBy(
                new GenerationOptions(0.0, null, 16, null, null, null, null, null, null));
        int[] gold = new int[rows.size()];
        int[] predicted = new int[rows.size()];
        long generated = 0;
        double generationMs = 0;
        for (int i = 0; i < rows.size(); i++) {
            Example row = rows.get(i);
            Prompt prompt = Prompt.chat("chat", List.of(new ChatMessage("system", system), new ChatMessage("user", row.text())));
            Reply reply = backend.generate(new GenerationRequest(prompt, row, options, labels, null));
            gold[i] = labels.indexOf(row.gold());
            int index = labels.indexOf(reply.text());
            predicted[i] = index >= 0 ? index : labels.size();
            assertTrue(index >= 0, "row " + row.id() + ": reply '" + reply.text() + "' is not a label");
            generated += reply.completionTokens();
            generationMs += reply.latencyMs();
        }
        ClassificationScores scores = ClassificationScores.of(ConfusionMatrix.of(labels.size(), gold, predicted), labels.names());
        double accuracy = scores.scores().accuracy();
        System.out.printf("%s: accuracy %.4f macro-F1 %.4f over %d rows, %.0f tokens/s (latency incl. prompt)%n",
                file, accuracy, scores.scores().macroF1(), rows.size(), generated * 1000 / generationMs);
        assertEquals(readmeAccuracy, accuracy, 0.02, file + " accuracy " + accuracy);
    }
}
