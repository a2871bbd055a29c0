package dev.labelbench.parse;

import dev.labelbench.core.LabelbenchException;

import java.util.List;

/** The parsing strategies by name, as given to {@code --parse} or {@code parse:} in the YAML. */
public final class ReplyParsers {
    public static final List<String> NAMES = List.of("exact");

    private ReplyParsers() {
    }

    public static ReplyParser named(String strategy) {
        String name = strategy == null ? "exact" : strategy;
        return switch (name) {
            case "exact" -> new ExactParser();
            default -> throw LabelbenchException.usage("unknown parse strategy '" + strategy + "' (use one of "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
