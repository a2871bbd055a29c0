package dev.labelbench.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * Every metric of one model x template cell.
 *
 * <ul>
 *   <li>{@code confusion}: rows are gold labels in {@code labels} order, columns the same labels then {@code invalid}.
 *   <li>{@code scores}: invalid replies count as wrong (the default reading); {@code validOnly}: over valid replies.
 *   <li>{@code intervals}: bootstrap confidence intervals keyed by score name ({@code macro_f1}, ...).
 *   <li>{@code undefined}: which values were 0/0 and reported as 0, as scikit-learn's {@code zero_division=0} does.
 *   <li>Failed requests ({@code errors}) are not in the matrix; they are counted apart from invalid replies.
 *   <li>{@code probability}: calibration, ROC/PR and threshold metrics, when the cell was scored from label
 *       probabilities ({@code scoring: logprob}); null otherwise.
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CellMetrics(
        String model,
        String template,
        int total,
        int errors,
        int invalid,
        @JsonProperty("invalid_rate") double invalidRate,
        List<String> labels,
        int[][] confusion,
        @JsonProperty("per_class") List<ClassMetrics> perClass,
        Scores scores,
        @JsonProperty("valid_only") Scores validOnly,
        Map<String, Interval> intervals,
        List<String> undefined,
        Performance performance,
        ProbabilityMetrics probability) {

    public CellKey cell() {
        return new CellKey(model, template);
    }

    /** The same metrics with the probability-based ones attached. */
    public CellMetrics withProbability(ProbabilityMetrics metrics) {
        return new CellMetrics(model, template, total, errors, invalid, invalidRate, labels, confusion, perClass, scores,
                validOnly, intervals, undefined, performance, metrics);
    }
}
