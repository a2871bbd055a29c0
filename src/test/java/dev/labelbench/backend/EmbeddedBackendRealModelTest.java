package dev.labelbench.backend;

import dev.labelbench.SharedFiles;
import dev.labelbench.core.Example;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Label;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import dev.labelbench.metrics.ClassificationScores;
import dev.labelbench.metrics.ConfusionMatrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real ONNX models shipped in the build (from Maven Central, so these run everywhere, CI included). */
@Tag("slow")
class EmbeddedBackendRealModelTest {
    private static final LabelSet TOPICS = new LabelSet(List.of(
            new Label("sports", List.of(), "games, teams, players, matches, scores"),
            new Label("business", List.of(), "companies, markets, money, economy"),
            new Label("sci_tech", List.of(), "science, technology, computers, software, space")));

    private static Reply classify(EmbeddedBackend backend, String text) throws BackendException {
        return backend.generate(GenerationRequest.of(Prompt.completion("t", ""),
                new Example("x", text, "sports", Map.of(), 0), GenerationOptions.DEFAULTS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "minilm"})
    void zeroShotGetsPlainCasesRight(String model) throws Exception {
        try (EmbeddedBackend backend = new EmbeddedBackend(ModelSpec.parse("embedded:" + model),
                new BackendContext(TOPICS, List.of()))) {
            assertEquals(List.of(), backend.preflight());
            Reply first = classify(backend, "The striker scored twice as the team won the cup final.");
            assertEquals("sports", first.text());
            assertNotNull(first.loadMs());
            assertTrue(first.promptTokens() > 10, "tokens " + first.promptTokens());
            assertEquals("business", classify(backend, "Shares fell sharply after the bank cut its profit forecast.").text());
            assertEquals("sci_tech", classify(backend, "NASA launched a new telescope to study distant galaxies.").text());
            assertEquals("sci_tech", classify(backend, "The new smartphone chip runs machine learning software faster.").text());
        }
    }

    @Test
    void zeroShotOnSst2IsFarAboveChance() throws Exception {
        List<Example> rows = EmbeddedBenchmark.read(SharedFiles.require("datasets/sst2_dev.csv")).subList(0, 200);
        LabelSet labels = LabelSet.ofNames(List.of("positive", "negative"));
        double accuracy = score(new EmbeddedBackend(ModelSpec.parse("embedded:default"),
                new BackendContext(labels, List.of())), labels, rows).scores().accuracy();
        // bge-small-q measured 0.83 on a 300-row sample (README); chance is about 0.5.
        assertTrue(accuracy > 0.75, "accuracy " + accuracy);
    }

    @Test
    void fewShotCentroidLearnsTrecQuestionTypesFromEightExamplesPerClass() throws Exception {
        List<Example> rows = EmbeddedBenchmark.read(SharedFiles.require("datasets/trec_test.csv"));
        EmbeddedBenchmark.Split split = EmbeddedBenchmark.split(rows, 8, 500);
        LabelSet labels = LabelSet.ofNames(new ArrayList<>(new LinkedHashSet<>(rows.stream().map(Example::gold).sorted().toList())));
        ClassificationScores zero = score(new EmbeddedBackend(ModelSpec.parse("embedded:default:zeroshot"),
                new BackendContext(labels, split.train())), labels, split.eval());
        ClassificationScores centroid = score(new EmbeddedBackend(ModelSpec.parse("embedded:default:centroid"),
                new BackendContext(labels, split.train())), labels, split.eval());
        // Label names alone say little about question types (zero-shot ~0.34 macro-F1); 48 examples lift it to ~0.67.
        assertTrue(centroid.scores().macroF1() > 0.6, "centroid macro-F1 " + centroid.scores().macroF1());
        assertTrue(centroid.scores().macroF1() > zero.scores().macroF1() + 0.2,
                "zero-shot " + zero.scores().macroF1() + " vs centroid " + centroid.scores().macroF1());
    }

    private static ClassificationScores score(EmbeddedBackend backend, LabelSet labels, List<Example> rows) throws Exception {
        int[] gold = new int[rows.size()];
        int[] predicted = new int[rows.size()];
        try (backend) {
            for (int i = 0; i < rows.size(); i++) {
                gold[i] = labels.indexOf(rows.get(i).gold());
                predicted[i] = labels.indexOf(backend.generate(GenerationRequest.of(Prompt.completion("t", ""), rows.get(i),
                        GenerationOptions.DEFAULTS)).text());
            }
        }
        return ClassificationScores.of(ConfusionMatrix.of(labels.size(), gold, predicted), labels.names());
    }
}
