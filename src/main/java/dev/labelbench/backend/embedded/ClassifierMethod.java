package dev.labelbench.backend.embedded;

import java.util.Locale;

/**
 * How the embedded baseline turns embeddings into a label. {@code AUTO} is zero-shot when the evaluation has no
 * training examples and nearest centroid when it has.
 */
public enum ClassifierMethod {
    AUTO, ZERO_SHOT, CENTROID, KNN;

    /** Parses the method part of {@code embedded:<model>:<method>}: {@code zeroshot}, {@code centroid}, {@code knn}. */
    public static ClassifierMethod parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "", "auto" -> AUTO;
            case "zeroshot", "zero" -> ZERO_SHOT;
            case "centroid", "nearestcentroid" -> CENTROID;
            case "knn" -> KNN;
            default -> throw new IllegalArgumentException("unknown method '" + text
                    + "' (use zeroshot, centroid, knn or knn-K, e.g. knn-10)");
        };
    }

    public String id() {
        return switch (this) {
            case AUTO -> "auto";
            case ZERO_SHOT -> "zeroshot";
            case CENTROID -> "centroid";
            case KNN -> "knn";
        };
    }
}
