package dev.labelbench.scoring;

import dev.labelbench.core.LabelbenchException;

/**
 * How {@code scoring: logprob} reads labels from a model's probabilities.
 *
 * <ul>
 *   <li>{@code topK}: alternatives asked for per step (a server-specific maximum applies; where a label's token is
 *       not among them, llama.cpp is asked again with its larger maximum).
 *   <li>{@code caseVariants}: also score {@code Positive} for {@code positive}: chat models often capitalise.
 *   <li>{@code spaceVariants}: also score {@code " positive"}; null means "for completion prompts that do not end in
 *       whitespace", where a model's next word starts with a space.
 *   <li>{@code threshold}, {@code positiveLabel}: binary tasks only; predict the positive label when its probability
 *       reaches the threshold (default: the most probable label). The positive label defaults to the second label.
 * </ul>
 */
public record ScoringOptions(int topK, boolean caseVariants, Boolean spaceVariants, Double threshold,
                             String positiveLabel) {
    public static final ScoringOptions DEFAULTS = new ScoringOptions(20, true, null, null, null);

    public ScoringOptions {
        if (topK < 1) {
            throw LabelbenchException.input("scoring top_k must be at least 1 (got " + topK + ")");
        }
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw LabelbenchException.input("scoring threshold must be between 0 and 1 (got " + threshold + ")");
        }
    }

    public ScoringOptions withThreshold(Double newThreshold, String newPositiveLabel) {
        return new ScoringOptions(topK, caseVariants, spaceVariants, newThreshold, newPositiveLabel);
    }
}
