package dev.labelbench.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labelbench.core.CellKey;
import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.ClassMetrics;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.PairwiseComparison;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.Scores;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * labelbench's metrics against scikit-learn and statsmodels themselves: a few hundred random cells (2 to 30 classes,
 * some never used, invalid replies, degenerate cases) are written to a file, {@code src/test/python/reference_metrics.py}
 * computes every metric and McNemar's p-value with the reference libraries, and every value must agree to 1e-9.
 * Skipped, with the reason, where /usr/bin/python3 or its sklearn/statsmodels packages are absent
 * ({@code apt-get install python3-sklearn python3-statsmodels}; .ci/run installs them).
 */
class SklearnDifferentialTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/reference_metrics.py");
    private static final double TOLERANCE = 1e-9;
    private static final int CASES = 300;
    private static final StatisticsSettings NO_INTERVALS = new StatisticsSettings(0, 1, 0.95);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @BeforeAll
    static void requirePythonReferences() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON),
                "skipped: " + PYTHON + " is absent (install python3, python3-sklearn and python3-statsmodels)");
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import sklearn, statsmodels")
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "skipped: " + PYTHON + " cannot import sklearn and statsmodels (apt-get install python3-sklearn "
                        + "python3-statsmodels): " + output.strip());
    }

    record Case(List<String> labels, List<String> gold, List<String> pred, List<String> predB) {
    }

    @Test
    void everyMetricAndMcNemarPValueAgreeWithScikitLearnAndStatsmodels() throws Exception {
        List<Case> cases = randomCases();
        double[] pValues = new double[cases.size()];
        List<PairwiseComparison> comparisons = new ArrayList<>();
        List<CellMetrics> metrics = new ArrayList<>();
        for (int c = 0; c < cases.size(); c++) {
            Case one = cases.get(c);
            LabelSet labels = LabelSet.ofNames(one.labels());
            List<Prediction> a = predictions("model-a", one.gold(), one.pred());
            List<Prediction> both = new ArrayList<>(a);
            both.addAll(predictions("model-b", one.gold(), one.predB()));
            metrics.add(CellMetricsCalculator.compute(new CellKey("model-a", "t"), a, labels, NO_INTERVALS));
            List<PairwiseComparison> compared = CellComparisons.compare(both, labels, NO_INTERVALS);
            assertEquals(1, compared.size());
            comparisons.add(compared.get(0));
            pValues[c] = compared.get(0).mcnemarP();
        }

        JsonNode reference = runReference(cases, pValues);

        int compared = 0;
        for (int c = 0; c < cases.size(); c++) {
            String where = "case " + c + " " + cases.get(c);
            JsonNode expected = reference.get("cases").get(c);
            CellMetrics actual = metrics.get(c);
            int k = cases.get(c).labels().size();
            for (int row = 0; row < k; row++) {
                for (int col = 0; col <= k; col++) {
                    assertEquals(expected.get("confusion").get(row).get(col).asInt(), actual.confusion()[row][col],
                            where + ": confusion[" + row + "][" + col + "]");
                }
            }
            for (int i = 0; i < k; i++) {
                ClassMetrics cls = actual.perClass().get(i);
                assertEquals(expected.get("precision").get(i).asDouble(), cls.precision(), TOLERANCE, where + ": precision " + i);
                assertEquals(expected.get("recall").get(i).asDouble(), cls.recall(), TOLERANCE, where + ": recall " + i);
                assertEquals(expected.get("f1").get(i).asDouble(), cls.f1(), TOLERANCE, where + ": f1 " + i);
                assertEquals(expected.get("support").get(i).asInt(), cls.support(), where + ": support " + i);
                compared += 4;
            }
            compared += compareScores(expected.get("scores"), actual.scores(), actual.undefined(), "", where);
            compared += compareScores(expected.get("valid_only"), actual.validOnly(), actual.undefined(), "valid_only.",
                    where + " (valid only)");
            JsonNode mcnemar = expected.get("mcnemar");
            PairwiseComparison pair = comparisons.get(c);
            assertEquals(mcnemar.get("only_a").asInt(), pair.onlyA(), where + ": only A right");
            assertEquals(mcnemar.get("only_b").asInt(), pair.onlyB(), where + ": only B right");
            assertEquals(mcnemar.get("p").asDouble(), pair.mcnemarP(), TOLERANCE, where + ": McNemar p");
            compared += 3;
        }
        double[] holm = new double[cases.size()];
        for (int i = 0; i < holm.length; i++) {
            holm[i] = reference.get("holm").get(i).asDouble();
        }
        assertArrayEquals(holm, HolmCorrection.adjust(pValues), TOLERANCE, "Holm-adjusted p-values");
        System.out.printf("sklearn/statsmodels differential test: %d cases, %d values agree to %.0e%n",
                cases.size(), compared + holm.length, TOLERANCE);
    }

    /** Compares headline scores; where scikit-learn says NaN (undefined), labelbench reports 0 and names it. */
    private static int compareScores(JsonNode expected, Scores actual, List<String> undefined, String prefix, String where) {
        assertEquals(expected.get("n").asInt(), actual.n(), where + ": n");
        int compared = 1;
        for (String metric : PercentileBootstrap.METRICS) {
            JsonNode value = expected.get(metric);
            if (value.isNull()) {
                assertEquals(0.0, actual.get(metric), where + ": " + metric + " is undefined, reported as 0");
                assertTrue(undefined.contains(prefix + metric), where + ": " + prefix + metric + " not named in "
                        + undefined);
            } else {
                assertEquals(value.asDouble(), actual.get(metric), TOLERANCE, where + ": " + metric);
            }
            compared++;
        }
        return compared;
    }

    private JsonNode runReference(List<Case> cases, double[] pValues) throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode array = request.putArray("cases");
        for (Case one : cases) {
            ObjectNode node = array.addObject();
            node.set("labels", JSON.valueToTree(one.labels()));
            node.set("gold", JSON.valueToTree(one.gold()));
            node.set("pred", JSON.valueToTree(one.pred()));
            node.set("pred_b", JSON.valueToTree(one.predB()));
        }
        request.set("p_values", JSON.valueToTree(pValues));
        Path input = temp.resolve("cases.json");
        Path output = temp.resolve("reference.json");
        Path errors = temp.resolve("stderr.txt");
        JSON.writeValue(input.toFile(), request);
        Process process = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), input.toString())
                .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "reference script timed out");
        assertEquals(0, process.exitValue(), "reference script failed: " + Files.readString(errors));
        return JSON.readTree(output.toFile());
    }

    private static List<Prediction> predictions(String model, List<String> gold, List<String> predicted) {
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < gold.size(); i++) {
            out.add(new Prediction("e" + i, model, "t", null, gold.get(i), predicted.get(i), "test", null, null, null));
        }
        return out;
    }

    /**
     * Random cells: 2 to 30 labels of which a random subset is ever the gold label (the rest are empty classes),
     * 1 to 400 examples, a random skill and invalid rate; plus the degenerate shapes where metrics are undefined.
     */
    static List<Case> randomCases() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(20261125L);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(List.of("yes", "no"), List.of("yes", "yes", "yes"), List.of("yes", "yes", "yes"),
                List.of("yes", "no", "invalid")));
        cases.add(new Case(List.of("a", "b", "c"), List.of("a"), List.of("invalid"), List.of("a")));
        cases.add(new Case(List.of("a", "b", "c"), List.of("a", "b", "c", "a"), List.of("b", "b", "b", "b"),
                List.of("a", "b", "c", "a")));
        while (cases.size() < CASES) {
            int k = 2 + rng.nextInt(29);
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                labels.add(String.format("label_%02d", i));
            }
            int used = 1 + rng.nextInt(k);
            int n = 1 + rng.nextInt(400);
            double skillA = rng.nextDouble();
            double skillB = rng.nextDouble();
            double invalidRate = rng.nextDouble() * 0.3;
            List<String> gold = new ArrayList<>();
            List<String> pred = new ArrayList<>();
            List<String> predB = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String g = labels.get(rng.nextInt(used));
                gold.add(g);
                pred.add(guess(rng, labels, g, skillA, invalidRate));
                predB.add(guess(rng, labels, g, skillB, invalidRate));
            }
            if (LabelSet.INVALID.equals(pred.get(0))) {
                pred.set(0, gold.get(0)); // at least one valid reply, so the valid-only scores exist
            }
            cases.add(new Case(labels, gold, pred, predB));
        }
        return cases;
    }

    private static String guess(UniformRandomProvider rng, List<String> labels, String gold, double skill,
                                double invalidRate) {
        double roll = rng.nextDouble();
        if (roll < invalidRate) {
            return LabelSet.INVALID;
        }
        return rng.nextDouble() < skill ? gold : labels.get(rng.nextInt(labels.size()));
    }
}
