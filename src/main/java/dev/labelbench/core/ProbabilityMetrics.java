package dev.labelbench.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * Metrics of one model x template cell that need a probability for every label ({@code scoring: logprob}), computed
 * over the predictions that have one ({@code n}; failed requests are {@code excluded}). Conventions follow
 * scikit-learn so the numbers can be checked against it:
 *
 * <ul>
 *   <li>{@code logLoss}: mean negative log-probability of the gold label (probabilities clipped to machine epsilon).
 *   <li>{@code brier}: binary tasks: mean squared error of the positive label's probability
 *       ({@code brier_score_loss}); multiclass: mean over examples of the summed squared error over all labels
 *       (the original multiclass Brier score, range 0..2).
 *   <li>{@code ece}: expected calibration error of the top label: equal-width confidence bins ({@code reliability},
 *       the reliability diagram; non-empty bins only, binned as {@code calibration_curve(strategy="uniform")}).
 *   <li>{@code rocAuc}, {@code prAuc}: binary tasks: for the positive label; multiclass: one-vs-rest per label and
 *       their unweighted mean (macro). {@code prAuc} is average precision ({@code average_precision_score}).
 *   <li>{@code intervals}: percentile bootstrap intervals keyed {@code log_loss}, {@code brier}, {@code ece},
 *       {@code roc_auc}, {@code pr_auc}.
 *   <li>{@code binary}: thresholds for binary tasks; {@code selective}: accuracy when only the most confident answers
 *       are kept; {@code undefined}: values that could not be computed (e.g. ROC-AUC of a label with no examples).
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbabilityMetrics(
        int n,
        int excluded,
        @JsonProperty("log_loss") double logLoss,
        double brier,
        double ece,
        @JsonProperty("roc_auc") Double rocAuc,
        @JsonProperty("pr_auc") Double prAuc,
        @JsonProperty("roc_auc_per_label") Map<String, Double> rocAucPerLabel,
        @JsonProperty("pr_auc_per_label") Map<String, Double> prAucPerLabel,
        @JsonProperty("mean_outside_mass") Double meanOutsideMass,
        Map<String, Interval> intervals,
        List<ReliabilityBin> reliability,
        Binary binary,
        List<CoveragePoint> selective,
        List<String> undefined) {

    /** One bin of the reliability diagram: answers whose top-label confidence fell in (low, high]. */
    public record ReliabilityBin(double low, double high, int count, double confidence, double accuracy) {
    }

    /** Keep only answers at least {@code minConfidence} confident: {@code answered} of them, this accurate. */
    public record CoveragePoint(double coverage, int answered, double accuracy,
                                @JsonProperty("min_confidence") double minConfidence) {
    }

    /**
     * Binary tasks: precision, recall and F1 of "positive when its probability reaches the threshold" across
     * thresholds (over all examples, for the chart), and thresholds chosen on a dev split, reported on the rest.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Binary(
            @JsonProperty("positive_label") String positiveLabel,
            List<ThresholdPoint> curve,
            @JsonProperty("max_f1") ThresholdChoice maxF1,
            @JsonProperty("target_recall") ThresholdChoice targetRecall) {
    }

    public record ThresholdPoint(double threshold, double precision, double recall, double f1) {
    }

    /**
     * A threshold chosen on {@code devSize} examples by {@code rule} ({@code max_f1} or {@code recall>=0.9}), and what
     * it gives on the other {@code testSize} examples, beside the default decision (most probable label) on the same
     * examples.
     */
    public record ThresholdChoice(
            String rule,
            double threshold,
            @JsonProperty("dev_size") int devSize,
            @JsonProperty("test_size") int testSize,
            @JsonProperty("dev_value") double devValue,
            Counts test,
            @JsonProperty("test_default") Counts testDefault) {
    }

    public record Counts(double precision, double recall, double f1, double accuracy) {
    }
}
