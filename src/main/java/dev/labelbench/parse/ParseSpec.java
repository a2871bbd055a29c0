package dev.labelbench.parse;

/**
 * How to read replies, as configured: a strategy name ({@code auto}, {@code exact}, {@code first-label},
 * {@code regex}, {@code json}, {@code constrained}), the regular expression for {@code regex}, and the JSON field for
 * {@code json} and {@code constrained} ({@code label} when null). A null strategy means {@code auto}.
 */
public record ParseSpec(String strategy, String pattern, String field) {
    public static final ParseSpec AUTO = new ParseSpec(ReplyParsers.DEFAULT, null, null);

    public static ParseSpec of(String strategy) {
        return new ParseSpec(strategy, null, null);
    }

    public String strategyOrDefault() {
        return strategy == null || strategy.isBlank() ? ReplyParsers.DEFAULT : strategy;
    }
}
