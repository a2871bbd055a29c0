package dev.labelbench.metrics.probability;

/** Log loss and Brier score: how much probability the model put on the truth. */
public final class ProperScores {
    /** numpy's float64 machine epsilon, scikit-learn's clipping bound for log loss. */
    static final double EPS = Math.ulp(1.0);

    private ProperScores() {
    }

    /**
     * Mean negative natural log of the gold label's probability, as scikit-learn's {@code log_loss}: probabilities
     * clipped to [eps, 1-eps] and each row renormalised, so a zero probability costs about 36, not infinity.
     */
    public static double logLoss(ProbabilityTable table) {
        double sum = 0;
        for (int i = 0; i < table.size(); i++) {
            double[] row = table.probs()[i];
            double total = 0;
            double gold = 0;
            for (int k = 0; k < row.length; k++) {
                double clipped = Math.min(1 - EPS, Math.max(EPS, row[k]));
                total += clipped;
                if (k == table.gold()[i]) {
                    gold = clipped;
                }
            }
            sum -= Math.log(gold / total);
        }
        return sum / table.size();
    }

    /**
     * Binary ({@code positive} is a column): mean of (p(positive) - [gold is positive])^2, scikit-learn's
     * {@code brier_score_loss}. Multiclass ({@code positive} &lt; 0): mean over rows of the squared error summed over
     * all labels.
     */
    public static double brier(ProbabilityTable table, int positive) {
        double sum = 0;
        for (int i = 0; i < table.size(); i++) {
            double[] row = table.probs()[i];
            if (positive >= 0) {
                double error = row[positive] - (table.gold()[i] == positive ? 1 : 0);
                sum += error * error;
            } else {
                for (int k = 0; k < row.length; k++) {
                    double error = row[k] - (table.gold()[i] == k ? 1 : 0);
                    sum += error * error;
                }
            }
        }
        return sum / table.size();
    }
}
