package dev.labelbench.parse;

import dev.labelbench.core.LabelbenchException;

import java.util.List;
import java.util.Locale;

/** The parsing strategies by name, as given to {@code --parse} or {@code parse:} in the YAML. */
public final class ReplyParsers {
    public static final String DEFAULT = "auto";
    public static final List<String> NAMES = List.of("auto", "exact", "first-label", "regex", "json", "constrained");

    private ReplyParsers() {
    }

    /** The strategy by name alone; {@code regex} needs a pattern, so it must come through {@link #create}. */
    public static ReplyParser named(String strategy) {
        return create(ParseSpec.of(strategy));
    }

    public static ReplyParser create(ParseSpec spec) {
        String name = spec.strategyOrDefault().strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "auto" -> new AutoParser();
            case "exact" -> new ExactParser();
            case "first-label", "first_label" -> new FirstLabelParser();
            case "regex" -> new RegexParser(spec.pattern());
            case "json" -> new JsonFieldParser(spec.field());
            case "constrained" -> new ConstrainedParser(spec.field());
            default -> throw LabelbenchException.usage("unknown parse strategy '" + spec.strategy() + "' (use one of "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
