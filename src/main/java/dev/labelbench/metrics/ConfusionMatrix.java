package dev.labelbench.metrics;

/**
 * Counts of gold label (row) against predicted label (column) for K labels. Column K counts invalid replies, so the
 * matrix is K x (K+1). Gold labels are always one of the K (a gold label outside the set is an input error).
 */
public final class ConfusionMatrix {
    private final int k;
    private final long[][] counts;

    private ConfusionMatrix(int k) {
        this.k = k;
        this.counts = new long[k][k + 1];
    }

    /** {@code gold[i]} in [0, k); {@code predicted[i]} in [0, k], where k means invalid. */
    public static ConfusionMatrix of(int k, int[] gold, int[] predicted) {
        if (gold.length != predicted.length) {
            throw new IllegalArgumentException("gold and predicted differ in length");
        }
        ConfusionMatrix matrix = new ConfusionMatrix(k);
        for (int i = 0; i < gold.length; i++) {
            matrix.counts[gold[i]][predicted[i]]++;
        }
        return matrix;
    }

    /** Builds a matrix from counts already tallied (rows gold, K+1 columns). */
    public static ConfusionMatrix ofCounts(long[][] counts) {
        ConfusionMatrix matrix = new ConfusionMatrix(counts.length);
        for (int r = 0; r < counts.length; r++) {
            System.arraycopy(counts[r], 0, matrix.counts[r], 0, counts.length + 1);
        }
        return matrix;
    }

    /**
     * Builds a matrix from a flat tally where cell {@code gold * (k + 1) + predicted} holds the count, the layout the
     * bootstrap resamples into.
     */
    public static ConfusionMatrix ofFlatCounts(int k, long[] flat) {
        if (flat.length != k * (k + 1)) {
            throw new IllegalArgumentException("a flat tally for " + k + " labels has " + k * (k + 1) + " cells");
        }
        ConfusionMatrix matrix = new ConfusionMatrix(k);
        for (int r = 0; r < k; r++) {
            System.arraycopy(flat, r * (k + 1), matrix.counts[r], 0, k + 1);
        }
        return matrix;
    }

    public int labels() {
        return k;
    }

    public long count(int gold, int predicted) {
        return counts[gold][predicted];
    }

    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    /** How often label {@code i} is the gold label. */
    public long support(int i) {
        long s = 0;
        for (long c : counts[i]) {
            s += c;
        }
        return s;
    }

    /** How often label {@code j} (or invalid, j = k) was predicted. */
    public long predictedCount(int j) {
        long s = 0;
        for (long[] row : counts) {
            s += row[j];
        }
        return s;
    }

    public long invalid() {
        return predictedCount(k);
    }

    public long correct() {
        long c = 0;
        for (int i = 0; i < k; i++) {
            c += counts[i][i];
        }
        return c;
    }

    public int[][] toIntArray() {
        int[][] out = new int[k][k + 1];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c <= k; c++) {
                out[r][c] = Math.toIntExact(counts[r][c]);
            }
        }
        return out;
    }
}
