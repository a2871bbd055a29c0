package dev.labelbench.backend.embedded;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Classifies unit-length embedding vectors against labels, with one of three methods: similarity to each label's own
 * embedding (zero-shot), similarity to the mean of each label's training examples (nearest centroid), or a
 * similarity-weighted vote of the k most similar training examples (k-NN). Immutable once built, so safe to share
 * between threads. Ties go to the label listed first.
 */
public final class EmbeddingClassifier {
    /**
     * Softmax temperature turning cosine similarities into probabilities. Sentence-embedding similarities of related
     * texts differ by a few hundredths, so a low temperature is needed for the probabilities to rank anything.
     */
    static final double SOFTMAX_TEMPERATURE = 0.05;

    /** A training example as the classifier sees it. */
    public record LabelledVector(String label, float[] vector) {
    }

    private final ClassifierMethod method;
    private final List<String> labels;
    private final List<float[]> prototypes;
    private final List<LabelledVector> neighbours;
    private final int k;

    private EmbeddingClassifier(ClassifierMethod method, List<String> labels, List<float[]> prototypes,
                                List<LabelledVector> neighbours, int k) {
        this.method = method;
        this.labels = List.copyOf(labels);
        this.prototypes = prototypes;
        this.neighbours = neighbours;
        this.k = k;
    }

    /** Zero-shot: each label is represented by the embedding of its name (and description). */
    public static EmbeddingClassifier zeroShot(List<String> labels, List<float[]> labelVectors) {
        if (labels.size() != labelVectors.size()) {
            throw new IllegalArgumentException("one vector per label needed");
        }
        return new EmbeddingClassifier(ClassifierMethod.ZERO_SHOT, labels, normalizedCopies(labelVectors), List.of(), 0);
    }

    /**
     * Nearest centroid: each label is represented by the normalised mean of its training examples. A label with no
     * training example keeps its zero-shot vector, so it can still be predicted.
     */
    public static EmbeddingClassifier centroid(List<String> labels, List<float[]> labelVectors, List<LabelledVector> training) {
        List<float[]> centroids = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            float[] sum = null;
            for (LabelledVector example : training) {
                if (example.label().equals(label)) {
                    float[] v = normalized(example.vector());
                    if (sum == null) {
                        sum = new float[v.length];
                    }
                    for (int d = 0; d < v.length; d++) {
                        sum[d] += v[d];
                    }
                }
            }
            centroids.add(normalized(sum != null ? sum : labelVectors.get(i)));
        }
        return new EmbeddingClassifier(ClassifierMethod.CENTROID, labels, centroids, List.of(), 0);
    }

    /** k-NN over the training examples (those whose label is not one of {@code labels} are ignored). */
    public static EmbeddingClassifier knn(List<String> labels, List<LabelledVector> training, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        List<LabelledVector> kept = new ArrayList<>();
        for (LabelledVector example : training) {
            if (labels.contains(example.label())) {
                kept.add(new LabelledVector(example.label(), normalized(example.vector())));
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("k-NN needs training examples with one of the labels " + labels);
        }
        return new EmbeddingClassifier(ClassifierMethod.KNN, labels, List.of(), List.copyOf(kept), k);
    }

    public ClassifierMethod method() {
        return method;
    }

    public int k() {
        return k;
    }

    public Classification classify(float[] embedding) {
        float[] v = normalized(embedding);
        double[] scores = method == ClassifierMethod.KNN ? votes(v) : similarities(v);
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        double[] probabilities = method == ClassifierMethod.KNN ? scores : softmax(scores, SOFTMAX_TEMPERATURE);
        Map<String, Double> scoreMap = new LinkedHashMap<>();
        Map<String, Double> probabilityMap = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            scoreMap.put(labels.get(i), scores[i]);
            probabilityMap.put(labels.get(i), probabilities[i]);
        }
        return new Classification(labels.get(best), scoreMap, probabilityMap);
    }

    private double[] similarities(float[] v) {
        double[] scores = new double[labels.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = dot(v, prototypes.get(i));
        }
        return scores;
    }

    /** Each label's share of the similarity-weighted votes of the k nearest examples (shares sum to 1). */
    private double[] votes(float[] v) {
        record Neighbour(String label, double similarity) {
        }
        PriorityQueue<Neighbour> nearest = new PriorityQueue<>(Comparator.comparingDouble(Neighbour::similarity));
        for (LabelledVector example : neighbours) {
            nearest.add(new Neighbour(example.label(), dot(v, example.vector())));
            if (nearest.size() > k) {
                nearest.poll();
            }
        }
        double[] scores = new double[labels.size()];
        double total = 0;
        for (Neighbour n : nearest) {
            // Shifted so that a negative similarity still counts as a (weak) vote.
            double weight = 1 + n.similarity();
            scores[labels.indexOf(n.label())] += weight;
            total += weight;
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = total > 0 ? scores[i] / total : 0;
        }
        return scores;
    }

    static double[] softmax(double[] scores, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double[] out = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            out[i] = Math.exp((scores[i] - max) / temperature);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of different sizes: " + a.length + " and " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    static float[] normalized(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        if (norm == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    private static List<float[]> normalizedCopies(List<float[]> vectors) {
        List<float[]> out = new ArrayList<>();
        for (float[] v : vectors) {
            out.add(normalized(v));
        }
        return out;
    }
}
