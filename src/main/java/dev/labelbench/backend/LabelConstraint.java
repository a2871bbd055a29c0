package dev.labelbench.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labelbench.core.LabelSet;

import java.io.IOException;

/**
 * Ways to tell a server that the reply must be one of the labels: a JSON schema whose {@code label} field is an enum
 * (Ollama {@code format}, OpenAI {@code response_format}) or a GBNF grammar that admits exactly the label names
 * (llama.cpp {@code grammar}). Replies to the JSON form are unwrapped back to the bare label.
 */
public final class LabelConstraint {
    static final String FIELD = "label";

    private LabelConstraint() {
    }

    /** {@code {"type":"object","properties":{"label":{"type":"string","enum":[...]}},"required":["label"],...}} */
    public static ObjectNode jsonSchema(LabelSet labels) {
        ObjectNode schema = HttpJsonClient.json().createObjectNode();
        schema.put("type", "object");
        ObjectNode label = schema.putObject("properties").putObject(FIELD);
        label.put("type", "string");
        ArrayNode values = label.putArray("enum");
        labels.names().forEach(values::add);
        schema.putArray("required").add(FIELD);
        schema.put("additionalProperties", false);
        return schema;
    }

    /** {@code root ::= "positive" | "negative" | "neutral"}, each label a GBNF string literal. */
    public static String gbnfGrammar(LabelSet labels) {
        StringBuilder grammar = new StringBuilder("root ::= ");
        for (int i = 0; i < labels.names().size(); i++) {
            if (i > 0) {
                grammar.append(" | ");
            }
            grammar.append(gbnfLiteral(labels.names().get(i)));
        }
        return grammar.toString();
    }

    /**
     * A GBNF string literal. Quotes and backslashes are escaped; control characters and everything outside ASCII
     * are written as {@code \xHH}, {@code \\uHHHH} or {@code \UHHHHHHHH} code-point escapes, which llama.cpp's grammar
     * parser reads regardless of how the request was encoded.
     */
    static String gbnfLiteral(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format("\\x%02X", cp));
                    } else if (cp < 0x7f) {
                        out.appendCodePoint(cp);
                    } else if (cp <= 0xffff) {
                        out.append(String.format("\\u%04X", cp));
                    } else {
                        out.append(String.format("\\U%08X", cp));
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /**
     * The label inside a reply to the JSON-schema constraint ({@code {"label":"positive"}}, possibly with the trailing
     * whitespace some servers add), or the reply unchanged when it is not such an object (e.g. cut off by the token
     * limit: {@code { "label}), so that the parser records it as invalid with its raw text.
     */
    public static String unwrapJson(String reply) {
        if (reply == null) {
            return null;
        }
        try {
            JsonNode node = HttpJsonClient.json().readTree(reply.strip());
            if (node != null && node.path(FIELD).isTextual()) {
                return node.path(FIELD).asText();
            }
        } catch (IOException notJson) {
            // keep the raw reply
        }
        return reply;
    }
}
