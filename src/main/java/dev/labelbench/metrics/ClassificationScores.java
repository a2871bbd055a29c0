package dev.labelbench.metrics;

import dev.labelbench.core.ClassMetrics;
import dev.labelbench.core.Scores;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores computed from a confusion matrix the way scikit-learn computes them with {@code labels=} the label set:
 * invalid replies lower recall (and accuracy) but are in no label's predicted column; a 0/0 is reported as 0 and
 * named in {@link #undefined()} ({@code zero_division=0}).
 */
public final class ClassificationScores {
    private final List<ClassMetrics> perClass;
    private final Scores scores;
    private final List<String> undefined;

    private ClassificationScores(List<ClassMetrics> perClass, Scores scores, List<String> undefined) {
        this.perClass = perClass;
        this.scores = scores;
        this.undefined = undefined;
    }

    public List<ClassMetrics> perClass() {
        return perClass;
    }

    public Scores scores() {
        return scores;
    }

    public List<String> undefined() {
        return undefined;
    }

    public static ClassificationScores of(ConfusionMatrix m, List<String> labels) {
        int k = m.labels();
        long n = m.total();
        List<ClassMetrics> perClass = new ArrayList<>(k);
        List<String> undefined = new ArrayList<>();
        double sumP = 0, sumR = 0, sumF = 0, weightedF = 0, sumRecallPresent = 0;
        int present = 0;
        long tpAll = 0, predictedAll = 0, supportAll = 0;
        for (int i = 0; i < k; i++) {
            long tp = m.count(i, i);
            long predicted = m.predictedCount(i);
            long support = m.support(i);
            double precision = ratio(tp, predicted, labels.get(i), "precision", undefined);
            double recall = ratio(tp, support, labels.get(i), "recall", undefined);
            long fDenominator = predicted + support;
            double f1 = ratio(2 * tp, fDenominator, labels.get(i), "f1", undefined);
            perClass.add(new ClassMetrics(labels.get(i), precision, recall, f1, Math.toIntExact(support)));
            sumP += precision;
            sumR += recall;
            sumF += f1;
            weightedF += f1 * support;
            if (support > 0) {
                sumRecallPresent += recall;
                present++;
            }
            tpAll += tp;
            predictedAll += predicted;
            supportAll += support;
        }
        double accuracy = n == 0 ? 0 : (double) tpAll / n;
        double microP = predictedAll == 0 ? 0 : (double) tpAll / predictedAll;
        double microR = supportAll == 0 ? 0 : (double) tpAll / supportAll;
        double microF1 = microP + microR == 0 ? 0 : 2 * microP * microR / (microP + microR);
        if (n == 0) {
            undefined.add("accuracy");
        }
        if (present == 0) {
            undefined.add("balanced_accuracy");
        }
        double kappa = cohenKappa(m);
        if (Double.isNaN(kappa)) {
            undefined.add("cohen_kappa");
            kappa = 0;
        }
        double mcc = matthews(m);
        if (Double.isNaN(mcc)) {
            undefined.add("mcc");
            mcc = 0;
        }
        Scores scores = new Scores(
                Math.toIntExact(n),
                accuracy,
                present == 0 ? 0 : sumRecallPresent / present,
                k == 0 ? 0 : sumP / k,
                k == 0 ? 0 : sumR / k,
                k == 0 ? 0 : sumF / k,
                microF1,
                supportAll == 0 ? 0 : weightedF / supportAll,
                kappa,
                mcc);
        return new ClassificationScores(List.copyOf(perClass), scores, List.copyOf(undefined));
    }

    private static double ratio(long numerator, long denominator, String label, String what, List<String> undefined) {
        if (denominator == 0) {
            undefined.add(what + "[" + label + "]");
            return 0.0;
        }
        return (double) numerator / denominator;
    }

    /**
     * Cohen's kappa of gold against predicted over the labels plus invalid, as scikit-learn's
     * {@code cohen_kappa_score(y_true, y_pred)}. NaN when undefined: chance agreement is 1 (every gold label and every
     * prediction is the same one label) or there is nothing to score; scikit-learn returns NaN there too
     * ({@code replace_undefined_by=np.nan}), labelbench reports 0 and names it in {@code undefined}.
     */
    static double cohenKappa(ConfusionMatrix m) {
        int k = m.labels();
        long n = m.total();
        // Exact integer test for "expected agreement is 1": sum of support x predicted equals n squared.
        long expectedTimesNSquared = 0;
        for (int i = 0; i < k; i++) {
            expectedTimesNSquared += m.support(i) * m.predictedCount(i);
        }
        if (n == 0 || expectedTimesNSquared == n * n) {
            return Double.NaN;
        }
        double observed = (double) m.correct() / n;
        double expected = (double) expectedTimesNSquared / ((double) n * n);
        // The invalid column has no gold row, so it adds nothing to the expected agreement.
        return (observed - expected) / (1 - expected);
    }

    /**
     * Multiclass Matthews correlation (Gorodkin's R_K), as scikit-learn's {@code matthews_corrcoef}, over the labels
     * plus invalid. NaN when undefined (all gold labels or all predictions are one class); scikit-learn returns 0
     * there, and so does labelbench, naming it in {@code undefined}.
     */
    static double matthews(ConfusionMatrix m) {
        int k = m.labels();
        double s = m.total();
        double c = m.correct();
        double sumTP = 0, sumPP = 0, sumTT = 0;
        for (int i = 0; i <= k; i++) {
            double t = i < k ? m.support(i) : 0;
            double p = m.predictedCount(i);
            sumTP += t * p;
            sumPP += p * p;
            sumTT += t * t;
        }
        double covYtYp = c * s - sumTP;
        double covYpYp = s * s - sumPP;
        double covYtYt = s * s - sumTT;
        if (covYpYp * covYtYt == 0) {
            return Double.NaN;
        }
        return covYtYp / Math.sqrt(covYtYt * covYpYp);
    }
}
