package dev.labelbench.metrics.probability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.ProbabilityMetrics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Differential test against scikit-learn itself: {@code src/test/python/probability_reference.py} draws 300 random
 * cases (2 to 8 labels, 5 to 300 examples, some with ties and confidences on bin edges) and computes log loss, Brier
 * score, ROC-AUC and average precision (binary, and one-vs-rest macro and per label for multiclass), and the
 * reliability bins of {@code calibration_curve} with the ECE built on them. labelbench must agree to 1e-9.
 * Skips with a message where Debian's python3-sklearn is absent ({@code .ci/run} installs it).
 */
class ProbabilitySklearnDifferentialTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final double TOLERANCE = 1e-9;

    @Test
    void everyProbabilityMetricAgreesWithScikitLearn(@TempDir Path dir) throws Exception {
        JsonNode reference = runReference(dir.resolve("reference.json"));
        ProbabilityMetricsCalculator calculator = new ProbabilityMetricsCalculator(
                new ProbabilityMetricsOptions(10, 0, 0.95, 1, null, 0.3, null));
        int compared = 0;
        for (JsonNode testCase : reference.path("cases")) {
            int k = testCase.path("k").asInt();
            List<String> names = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                names.add("c" + c);
            }
            LabelSet labels = LabelSet.ofNames(names);
            List<Prediction> predictions = new ArrayList<>();
            JsonNode probs = testCase.path("probs");
            for (int i = 0; i < probs.size(); i++) {
                Map<String, Double> distribution = new LinkedHashMap<>();
                for (int c = 0; c < k; c++) {
                    distribution.put(names.get(c), probs.get(i).get(c).asDouble());
                }
                String gold = names.get(testCase.path("gold").get(i).asInt());
                predictions.add(new Prediction(String.valueOf(i), "m", "t", "", gold, gold, "logprob", null, null,
                        distribution));
            }
            ProbabilityMetrics actual = calculator.compute(predictions, labels);
            JsonNode expected = testCase.path("expected");
            String where = "case " + compared + " (" + k + " labels, " + probs.size() + " examples)";
            assertEquals(expected.path("log_loss").asDouble(), actual.logLoss(), TOLERANCE, where + " log loss");
            assertEquals(expected.path("brier").asDouble(), actual.brier(), TOLERANCE, where + " brier");
            assertEquals(expected.path("roc_auc").asDouble(), actual.rocAuc(), TOLERANCE, where + " roc_auc");
            assertEquals(expected.path("pr_auc").asDouble(), actual.prAuc(), TOLERANCE, where + " pr_auc");
            assertEquals(expected.path("ece").asDouble(), actual.ece(), TOLERANCE, where + " ece");
            if (k > 2) {
                for (int c = 0; c < k; c++) {
                    assertEquals(expected.path("roc_auc_per_label").get(c).asDouble(),
                            actual.rocAucPerLabel().get(names.get(c)), TOLERANCE, where + " roc_auc c" + c);
                    assertEquals(expected.path("pr_auc_per_label").get(c).asDouble(),
                            actual.prAucPerLabel().get(names.get(c)), TOLERANCE, where + " pr_auc c" + c);
                }
            }
            JsonNode bins = expected.path("reliability");
            assertEquals(bins.path("count").size(), actual.reliability().size(), where + " non-empty bins");
            for (int b = 0; b < actual.reliability().size(); b++) {
                ProbabilityMetrics.ReliabilityBin bin = actual.reliability().get(b);
                assertEquals(bins.path("count").get(b).asInt(), bin.count(), where + " bin " + b + " count");
                assertEquals(bins.path("accuracy").get(b).asDouble(), bin.accuracy(), TOLERANCE, where + " bin " + b);
                assertEquals(bins.path("confidence").get(b).asDouble(), bin.confidence(), TOLERANCE, where + " bin " + b);
            }
            compared++;
        }
        assertEquals(300, compared);
    }

    private static JsonNode runReference(Path output) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "skipped: " + PYTHON + " is absent; install Debian's"
                + " python3-sklearn (apt-get install -y python3-sklearn) to compare against scikit-learn");
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import sklearn, numpy").redirectErrorStream(true)
                .start();
        check.getInputStream().readAllBytes();
        Assumptions.assumeTrue(check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0,
                "skipped: scikit-learn is not importable by " + PYTHON + "; apt-get install -y python3-sklearn");
        Process run = new ProcessBuilder(PYTHON.toString(), "src/test/python/probability_reference.py",
                output.toString(), "300", "20261125").redirectErrorStream(true).start();
        String log = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!run.waitFor(120, TimeUnit.SECONDS) || run.exitValue() != 0) {
            throw new AssertionError("probability_reference.py failed:\n" + log);
        }
        return new ObjectMapper().readTree(output.toFile());
    }
}
