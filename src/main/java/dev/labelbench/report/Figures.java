package dev.labelbench.report;

import java.util.Locale;

/** How numbers read in reports: scores to three decimals, rates as percentages, latencies in ms or s. */
final class Figures {
    static final String NONE = "–";

    private Figures() {
    }

    static String score(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String signedScore(double value) {
        return String.format(Locale.ROOT, "%+.3f", value);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    static String latency(Double ms) {
        if (ms == null) {
            return NONE;
        }
        return ms < 1000 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    static String rate(Double tokensPerSecond) {
        return tokensPerSecond == null ? NONE : String.format(Locale.ROOT, "%.1f", tokensPerSecond);
    }

    static String pValue(double p) {
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /** An ISO-8601 instant as "2026-01-01 12:00:00 UTC"; anything else as given. */
    static String date(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
                    .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.parse(iso));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    /** A plain number for a data-value attribute the page sorts by; missing values sort last. */
    static String sortKey(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.6f", value);
    }
}
