package dev.labelbench.backend.embedded;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingClassifierTest {
    private static final List<String> LABELS = List.of("a", "b", "c");

    private static EmbeddingClassifier.LabelledVector ex(String label, float... v) {
        return new EmbeddingClassifier.LabelledVector(label, v);
    }

    @Test
    void zeroShotPicksTheMostSimilarLabelWhateverTheVectorLengths() {
        EmbeddingClassifier classifier = EmbeddingClassifier.zeroShot(LABELS,
                List.of(new float[]{1, 0, 0}, new float[]{0, 10, 0}, new float[]{0, 0, 0.1f}));
        assertEquals("c", classifier.classify(new float[]{0.2f, 0.1f, 3}).label());
        assertEquals("b", classifier.classify(new float[]{0.1f, 0.3f, 0}).label());
        Classification result = classifier.classify(new float[]{1, 1, 0});
        assertEquals(Math.sqrt(0.5), result.scores().get("a"), 1e-6);
        assertEquals(Math.sqrt(0.5), result.scores().get("b"), 1e-6);
        assertEquals("a", result.label(), "a tie goes to the label listed first");
        assertEquals(1.0, result.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertEquals(List.of("a", "b", "c"), List.copyOf(result.probabilities().keySet()));
    }

    @Test
    void probabilitiesAreASoftmaxOfTheSimilarities() {
        EmbeddingClassifier classifier = EmbeddingClassifier.zeroShot(List.of("x", "y"),
                List.of(new float[]{1, 0}, new float[]{0, 1}));
        Classification result = classifier.classify(new float[]{0.6f, 0.8f});
        double ex = Math.exp(0.6 / EmbeddingClassifier.SOFTMAX_TEMPERATURE);
        double ey = Math.exp(0.8 / EmbeddingClassifier.SOFTMAX_TEMPERATURE);
        assertEquals(ey / (ex + ey), result.probabilities().get("y"), 1e-6);
        assertEquals("y", result.label());
    }

    @Test
    void centroidUsesTheMeanOfNormalisedExamplesAndFallsBackToTheLabelVector() {
        List<float[]> labelVectors = List.of(new float[]{1, 0}, new float[]{0, 1}, new float[]{-1, -1});
        // "a" examples point up-right: their centroid is (1,1)/sqrt2 even though the label vector says (1,0).
        EmbeddingClassifier classifier = EmbeddingClassifier.centroid(LABELS, labelVectors,
                List.of(ex("a", 10, 0), ex("a", 0, 1), ex("b", 0, 1), ex("b", 0.1f, 1)));
        assertEquals("a", classifier.classify(new float[]{1, 0.9f}).label());
        assertEquals("b", classifier.classify(new float[]{0, 1}).label());
        // "c" has no training example: it keeps its zero-shot vector and can still win.
        assertEquals("c", classifier.classify(new float[]{-1, -0.5f}).label());
    }

    @Test
    void knnVotesWithTheKNearestExamplesWeightedBySimilarity() {
        List<EmbeddingClassifier.LabelledVector> training = List.of(
                ex("a", 1, 0), ex("a", 0.9f, 0.1f), ex("b", 0, 1), ex("b", 0.1f, 0.9f), ex("b", 0.2f, 0.8f));
        EmbeddingClassifier k1 = EmbeddingClassifier.knn(LABELS, training, 1);
        assertEquals("a", k1.classify(new float[]{1, 0.05f}).label());
        assertEquals(1.0, k1.classify(new float[]{1, 0.05f}).probabilities().get("a"), 1e-9);
        // With all five neighbours "b" outvotes "a" three to two even for a point nearer the "a" examples.
        EmbeddingClassifier k5 = EmbeddingClassifier.knn(LABELS, training, 5);
        Classification result = k5.classify(new float[]{1, 0.6f});
        assertEquals("b", result.label());
        assertEquals(0.0, result.probabilities().get("c"));
        assertEquals(1.0, result.probabilities().get("a") + result.probabilities().get("b"), 1e-9);
        assertTrue(result.probabilities().get("a") > 0.3);
    }

    @Test
    void knnIgnoresExamplesOutsideTheLabelsAndNeedsSome() {
        assertThrows(IllegalArgumentException.class,
                () -> EmbeddingClassifier.knn(LABELS, List.of(ex("zzz", 1, 0)), 3));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingClassifier.knn(LABELS, List.of(ex("a", 1, 0)), 0));
        EmbeddingClassifier classifier = EmbeddingClassifier.knn(LABELS, List.of(ex("zzz", 1, 0), ex("b", 0, 1)), 3);
        assertEquals("b", classifier.classify(new float[]{1, 0}).label());
    }

    @Test
    void vectorsOfDifferentSizesAreRefused() {
        EmbeddingClassifier classifier = EmbeddingClassifier.zeroShot(List.of("x"), List.of(new float[]{1, 0}));
        assertThrows(IllegalArgumentException.class, () -> classifier.classify(new float[]{1, 0, 0}));
    }
}
