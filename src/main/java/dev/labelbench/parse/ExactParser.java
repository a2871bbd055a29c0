package dev.labelbench.parse;

import dev.labelbench.core.LabelSet;

/**
 * The strict reading: after normalisation (case, whitespace, surrounding punctuation, markdown emphasis) the whole
 * reply, thinking aside, must be one allowed label or alias.
 */
public final class ExactParser implements ReplyParser {
    @Override
    public ParsedReply parse(String reply, LabelSet labels) {
        AnswerText answer = AnswerText.of(reply);
        if (!answer.readable()) {
            return answer.unreadable();
        }
        String normalized = ReplyNormalizer.normalize(answer.text());
        if (normalized.isEmpty()) {
            return ParsedReply.invalid("empty");
        }
        return labels.resolve(normalized)
                .map(label -> new ParsedReply(label, "exact"))
                .orElseGet(() -> ParsedReply.invalid("no-exact-match"));
    }
}
