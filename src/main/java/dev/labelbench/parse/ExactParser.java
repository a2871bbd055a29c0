package dev.labelbench.parse;

import dev.labelbench.core.LabelSet;

/**
 * The strict reading: after normalisation (case, whitespace, surrounding punctuation, markdown emphasis) the whole
 * reply must be one allowed label or alias.
 */
public final class ExactParser implements ReplyParser {
    @Override
    public ParsedReply parse(String reply, LabelSet labels) {
        String normalized = ReplyNormalizer.normalize(reply);
        if (normalized.isEmpty()) {
            return ParsedReply.invalid("empty");
        }
        return labels.resolve(normalized)
                .map(label -> new ParsedReply(label, "exact"))
                .orElseGet(() -> ParsedReply.invalid("no-exact-match"));
    }
}
