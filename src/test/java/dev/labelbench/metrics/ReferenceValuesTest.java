package dev.labelbench.metrics;

import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.ClassMetrics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.labelbench.metrics.MetricsFixtures.metrics;
import static dev.labelbench.metrics.MetricsFixtures.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Published reference values: scikit-learn's documented examples and two glossary worked examples. */
class ReferenceValuesTest {
    private static final double EXACT = 1e-12;

    /** https://scikit-learn.org/stable/modules/generated/sklearn.metrics.confusion_matrix.html (Examples). */
    @Test
    void confusionMatrixDocumentedExample() {
        CellMetrics m = metrics(List.of("ant", "bird", "cat"),
                List.of("cat", "ant", "cat", "cat", "ant", "bird"),
                List.of("ant", "ant", "cat", "cat", "ant", "cat"));
        // The documented [[2, 0, 0], [0, 0, 1], [1, 0, 2]], plus labelbench's empty invalid column.
        assertArrayEquals(new int[][]{{2, 0, 0, 0}, {0, 0, 1, 0}, {1, 0, 2, 0}}, m.confusion());
    }

    /**
     * https://scikit-learn.org/stable/modules/generated/sklearn.metrics.classification_report.html (Examples):
     * y_true [0, 1, 2, 2, 2], y_pred [0, 0, 2, 2, 1] gives class 0: 0.50/1.00/0.67 (1), class 1: 0.00/0.00/0.00 (1),
     * class 2: 1.00/0.67/0.80 (3), accuracy 0.60, macro avg 0.50/0.56/0.49, weighted avg 0.70/0.60/0.61.
     */
    @Test
    void classificationReportDocumentedExample() {
        CellMetrics m = metrics(List.of("class 0", "class 1", "class 2"),
                List.of("class 0", "class 1", "class 2", "class 2", "class 2"),
                List.of("class 0", "class 0", "class 2", "class 2", "class 1"));
        assertClass(m.perClass().get(0), 0.5, 1.0, 2.0 / 3, 1);
        assertClass(m.perClass().get(1), 0.0, 0.0, 0.0, 1);
        assertClass(m.perClass().get(2), 1.0, 2.0 / 3, 0.8, 3);
        assertEquals(0.60, m.scores().accuracy(), EXACT);
        assertEquals(0.50, m.scores().macroPrecision(), EXACT);
        assertEquals(5.0 / 9, m.scores().macroRecall(), EXACT);
        assertEquals("0.49", two(m.scores().macroF1()));
        assertEquals("0.61", two(m.scores().weightedF1()));
        assertEquals(0.60, m.scores().microF1(), EXACT);
    }

    /**
     * Same page, second example: y_pred [1, 1, 0], y_true [1, 1, 1], labels=[1, 2, 3]. The prediction 0 is outside
     * the labels, exactly like labelbench's invalid reply: 1: 1.00/0.67/0.80 (3), 2 and 3: 0.00 (0),
     * micro avg 1.00/0.67/0.80, macro avg 0.33/0.22/0.27, weighted avg 1.00/0.67/0.80.
     */
    @Test
    void classificationReportWithAPredictionOutsideTheLabelsIsTheInvalidColumn() {
        CellMetrics m = metrics(List.of("1", "2", "3"), List.of("1", "1", "1"), List.of("1", "1", "invalid"));
        assertClass(m.perClass().get(0), 1.0, 2.0 / 3, 0.8, 3);
        assertClass(m.perClass().get(1), 0.0, 0.0, 0.0, 0);
        assertClass(m.perClass().get(2), 0.0, 0.0, 0.0, 0);
        assertEquals(0.8, m.scores().microF1(), EXACT);
        assertEquals(1.0 / 3, m.scores().macroPrecision(), EXACT);
        assertEquals(2.0 / 9, m.scores().macroRecall(), EXACT);
        assertEquals(0.8 / 3, m.scores().macroF1(), EXACT);
        assertEquals(0.8, m.scores().weightedF1(), EXACT);
        assertEquals(1, m.invalid());
        assertTrue(m.undefined().containsAll(List.of("precision[2]", "recall[2]", "f1[2]", "precision[3]")),
                "zero_division cells are named: " + m.undefined());
    }

    /**
     * https://scikit-learn.org/stable/modules/generated/sklearn.metrics.f1_score.html (Examples):
     * y_true [0, 1, 2, 0, 1, 2], y_pred [0, 2, 1, 0, 0, 1]: macro 0.267, micro 0.333, weighted 0.267,
     * per class [0.8, 0, 0].
     */
    @Test
    void f1ScoreDocumentedExample() {
        CellMetrics m = metrics(List.of("0", "1", "2"), List.of("0", "1", "2", "0", "1", "2"),
                List.of("0", "2", "1", "0", "0", "1"));
        assertEquals(0.26666666666666666, m.scores().macroF1(), EXACT);
        assertEquals(0.3333333333333333, m.scores().microF1(), EXACT);
        assertEquals(0.26666666666666666, m.scores().weightedF1(), EXACT);
        assertEquals(0.8, m.perClass().get(0).f1(), EXACT);
        assertEquals(0.0, m.perClass().get(1).f1(), EXACT);
        assertEquals(0.0, m.perClass().get(2).f1(), EXACT);
    }

    /**
     * https://scikit-learn.org/stable/modules/generated/sklearn.metrics.balanced_accuracy_score.html (Examples):
     * y_true [0, 1, 0, 0, 1, 0], y_pred [0, 1, 0, 0, 0, 1] gives 0.625.
     */
    @Test
    void balancedAccuracyDocumentedExample() {
        CellMetrics m = metrics(List.of("0", "1"), List.of("0", "1", "0", "0", "1", "0"),
                List.of("0", "1", "0", "0", "0", "1"));
        assertEquals(0.625, m.scores().balancedAccuracy(), EXACT);
    }

    /**
     * https://scikit-learn.org/stable/modules/generated/sklearn.metrics.cohen_kappa_score.html (Examples):
     * y1 [negative, positive, negative, neutral, positive], y2 [negative, positive, negative, neutral, negative]
     * gives 0.6875.
     */
    @Test
    void cohenKappaDocumentedExample() {
        CellMetrics m = metrics(List.of("negative", "neutral", "positive"),
                List.of("negative", "positive", "negative", "neutral", "positive"),
                List.of("negative", "positive", "negative", "neutral", "negative"));
        assertEquals(0.6875, m.scores().cohenKappa(), EXACT);
    }

    /**
     * https://scikit-learn.org/stable/modules/generated/sklearn.metrics.matthews_corrcoef.html (Examples):
     * y_true [+1, +1, +1, -1], y_pred [+1, -1, +1, +1] gives -0.33...
     */
    @Test
    void matthewsCorrcoefDocumentedExample() {
        CellMetrics m = metrics(List.of("+1", "-1"), List.of("+1", "+1", "+1", "-1"), List.of("+1", "-1", "+1", "+1"));
        assertEquals(-1.0 / 3, m.scores().mcc(), EXACT);
    }

    /**
     * The confusion-matrix glossary's worked example (issue 2): 1,000 binary predictions, TP 400, TN 350, FP 100,
     * FN 150: precision 0.8, recall 0.7273 (400/550), F1 0.7619, accuracy 0.75.
     */
    @Test
    void glossaryConfusionMatrixWorkedExample() {
        List<String> gold = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        repeat(gold, "spam", 400);
        repeat(predicted, "spam", 400);
        repeat(gold, "ham", 350);
        repeat(predicted, "ham", 350);
        repeat(gold, "ham", 100);
        repeat(predicted, "spam", 100);
        repeat(gold, "spam", 150);
        repeat(predicted, "ham", 150);
        CellMetrics m = metrics(List.of("spam", "ham"), gold, predicted);
        ClassMetrics spam = m.perClass().get(0);
        assertEquals(0.8, spam.precision(), EXACT);
        assertEquals("0.7273", four(spam.recall()));
        assertEquals(400.0 / 550, spam.recall(), EXACT);
        assertEquals("0.7619", four(spam.f1()));
        assertEquals(0.75, m.scores().accuracy(), EXACT);
    }

    /**
     * The F1 glossary's warning (issue 2): always predicting the majority class of a 90/10 split scores 90% accuracy
     * and F1 0 on the minority class; macro-F1 shows it (0.947 / 2 = 0.474), and precision of the never-predicted
     * class is named as undefined.
     */
    @Test
    void majorityClassPredictorHasHighAccuracyButMacroF1ShowsIt() {
        List<String> gold = new ArrayList<>();
        repeat(gold, "legit", 90);
        repeat(gold, "fraud", 10);
        List<String> predicted = new ArrayList<>();
        repeat(predicted, "legit", 100);
        CellMetrics m = metrics(List.of("legit", "fraud"), gold, predicted);
        assertEquals(0.9, m.scores().accuracy(), EXACT);
        assertEquals(0.0, m.perClass().get(1).f1(), EXACT);
        assertEquals((2 * 90.0 / 190) / 2, m.scores().macroF1(), EXACT);
        assertEquals(0.5, m.scores().balancedAccuracy(), EXACT);
        assertEquals(0.0, m.scores().cohenKappa(), EXACT);
        assertEquals(0.0, m.scores().mcc(), EXACT);
        assertTrue(m.undefined().contains("precision[fraud]"));
        assertTrue(m.undefined().contains("mcc"), "MCC is 0/0 when one class is always predicted: " + m.undefined());
    }

    /** scikit-learn returns NaN for kappa when chance agreement is 1; labelbench reports 0 and says so. */
    @Test
    void kappaUndefinedWhenEverythingIsOneLabelIsReportedAsZeroAndNamed() {
        CellMetrics m = metrics(List.of("yes", "no"), List.of("yes", "yes", "yes"), List.of("yes", "yes", "yes"));
        assertEquals(1.0, m.scores().accuracy(), EXACT);
        assertEquals(0.0, m.scores().cohenKappa(), EXACT);
        assertTrue(m.undefined().contains("cohen_kappa"), m.undefined().toString());
    }

    @Test
    void validOnlyScoresLeaveInvalidRepliesOut() {
        CellMetrics m = metrics(List.of("pos", "neg"), List.of("pos", "pos", "neg", "neg"),
                List.of("pos", "invalid", "neg", "pos"));
        assertEquals(0.5, m.scores().accuracy(), EXACT);
        assertEquals(3, m.validOnly().n());
        assertEquals(2.0 / 3, m.validOnly().accuracy(), EXACT);
        assertEquals(0.25, m.invalidRate(), EXACT);
    }

    private static void assertClass(ClassMetrics c, double precision, double recall, double f1, int support) {
        assertEquals(precision, c.precision(), EXACT, c.label() + " precision");
        assertEquals(recall, c.recall(), EXACT, c.label() + " recall");
        assertEquals(f1, c.f1(), EXACT, c.label() + " f1");
        assertEquals(support, c.support(), c.label() + " support");
    }

    private static String two(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }

    private static String four(double value) {
        return String.format(java.util.Locale.ROOT, "%.4f", value);
    }
}
