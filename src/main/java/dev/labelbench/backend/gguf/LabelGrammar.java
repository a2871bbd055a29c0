package dev.labelbench.backend.gguf;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A GBNF grammar (llama.cpp's grammar format) that admits exactly one of the labels, e.g.
 * {@code root ::= "positive" | "negative"}. Labels are written as GBNF string literals, so quotes, backslashes and
 * control characters in a label are escaped; other characters (any Unicode) are literal.
 */
public final class LabelGrammar {
    private LabelGrammar() {
    }

    public static String of(List<String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a label grammar needs at least one label");
        }
        return "root ::= " + labels.stream().map(LabelGrammar::literal).collect(Collectors.joining(" | "));
    }

    static String literal(String label) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
