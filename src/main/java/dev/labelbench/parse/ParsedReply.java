package dev.labelbench.parse;

import dev.labelbench.core.LabelSet;

/** A reply read as a label ({@link LabelSet#INVALID} when it could not be), with the rule that decided it. */
public record ParsedReply(String label, String rule) {
    public static ParsedReply invalid(String rule) {
        return new ParsedReply(LabelSet.INVALID, rule);
    }

    public boolean valid() {
        return !LabelSet.INVALID.equals(label);
    }
}
