package dev.labelbench.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labelbench.core.LabelSet;

import java.util.Optional;

/**
 * A field of the JSON object in the reply ({@code label} unless configured; a dotted path reaches into nested
 * objects), tolerant of code fences and prose around the object. The field's value must be an allowed label or alias.
 */
public final class JsonFieldParser implements ReplyParser {
    public static final String DEFAULT_FIELD = "label";

    private final String field;

    public JsonFieldParser(String field) {
        this.field = field == null || field.isBlank() ? DEFAULT_FIELD : field;
    }

    @Override
    public ParsedReply parse(String reply, LabelSet labels) {
        AnswerText answer = AnswerText.of(reply);
        if (!answer.readable()) {
            return answer.unreadable();
        }
        Optional<JsonNode> object = JsonAnswer.find(answer.text());
        if (object.isEmpty()) {
            return ParsedReply.invalid("json-not-found");
        }
        Optional<String> value = JsonAnswer.field(object.get(), field);
        if (value.isEmpty()) {
            return ParsedReply.invalid("json-missing-field");
        }
        return labels.resolve(ReplyNormalizer.normalize(value.get()))
                .map(label -> new ParsedReply(label, "json"))
                .orElseGet(() -> ParsedReply.invalid("json-not-a-label"));
    }
}
