package dev.labelbench.parse;

import dev.labelbench.core.LabelSet;

import java.util.Optional;

/**
 * For replies produced under a JSON schema or grammar that only allows the labels: the reply is trusted to be either
 * a bare label (quotes allowed) or a JSON object with the label in a field ({@code label} unless configured), but it
 * is still checked, since servers silently ignore constraints they do not support. Anything else is invalid.
 */
public final class ConstrainedParser implements ReplyParser {
    private final String field;

    public ConstrainedParser(String field) {
        this.field = field == null || field.isBlank() ? JsonFieldParser.DEFAULT_FIELD : field;
    }

    @Override
    public ParsedReply parse(String reply, LabelSet labels) {
        AnswerText answer = AnswerText.of(reply);
        if (!answer.readable()) {
            return answer.unreadable();
        }
        String text = answer.text();
        if (text.startsWith("{")) {
            Optional<String> value = JsonAnswer.find(text).flatMap(object -> JsonAnswer.field(object, field));
            return value.flatMap(v -> labels.resolve(v.strip()))
                    .map(label -> new ParsedReply(label, "constrained"))
                    .orElseGet(() -> ParsedReply.invalid("constrained-violated"));
        }
        String bare = text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1) : text;
        return labels.resolve(bare.strip())
                .map(label -> new ParsedReply(label, "constrained"))
                .orElseGet(() -> ParsedReply.invalid("constrained-violated"));
    }
}
