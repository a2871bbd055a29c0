package dev.labelbench.core;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The headline scores of one cell, computed over one set of predictions. */
public record Scores(
        int n,
        double accuracy,
        @JsonProperty("balanced_accuracy") double balancedAccuracy,
        @JsonProperty("macro_precision") double macroPrecision,
        @JsonProperty("macro_recall") double macroRecall,
        @JsonProperty("macro_f1") double macroF1,
        @JsonProperty("micro_f1") double microF1,
        @JsonProperty("weighted_f1") double weightedF1,
        @JsonProperty("cohen_kappa") double cohenKappa,
        double mcc) {

    /** A headline score by its snake_case name ({@code macro_f1}, {@code accuracy}, ...), as used by gates. */
    public double get(String metric) {
        return switch (metric) {
            case "accuracy" -> accuracy;
            case "balanced_accuracy" -> balancedAccuracy;
            case "macro_precision" -> macroPrecision;
            case "macro_recall" -> macroRecall;
            case "macro_f1" -> macroF1;
            case "micro_f1" -> microF1;
            case "weighted_f1" -> weightedF1;
            case "cohen_kappa" -> cohenKappa;
            case "mcc" -> mcc;
            default -> throw LabelbenchException.usage("unknown metric '" + metric + "' (use accuracy, balanced_accuracy, "
                    + "macro_precision, macro_recall, macro_f1, micro_f1, weighted_f1, cohen_kappa or mcc)");
        };
    }
}
