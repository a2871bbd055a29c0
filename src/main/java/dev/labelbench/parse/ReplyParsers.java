package dev.labelbench.parse;

import dev.labelbench.core.LabelbenchException;

import java.util.List;

/** The parsing strategies by name, as given to {@code --parse} or {@code parse:} in the YAML. */
public final class ReplyParsers {
    public static final List<String> NAMES = List.of("auto", "exact");

    private ReplyParsers() {
    }

    public static ReplyParser named(String strategy) {
        String name = strategy == null ? "auto" : strategy;
        return switch (name) {
            case "exact", "auto" -> new ExactParser();
            default -> throw LabelbenchException.usage("unknown parse strategy '" + strategy + "' (use one of "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
