package dev.labelbench.core;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Two cells compared over the examples both answered: McNemar's exact test on who got which example right
 * ({@code onlyA} and {@code onlyB} are the discordant counts), a paired bootstrap interval of the macro-F1 difference
 * (B minus A), and the Holm-adjusted p-value when more than two cells were compared.
 */
public record PairwiseComparison(
        CellKey a,
        CellKey b,
        int examples,
        @JsonProperty("only_a_correct") int onlyA,
        @JsonProperty("only_b_correct") int onlyB,
        @JsonProperty("mcnemar_p") double mcnemarP,
        @JsonProperty("adjusted_p") double adjustedP,
        @JsonProperty("macro_f1_diff") double macroF1Diff,
        @JsonProperty("macro_f1_diff_ci") Interval macroF1DiffCi,
        boolean significant) {
}
