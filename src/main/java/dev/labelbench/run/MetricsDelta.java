package dev.labelbench.run;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.CellMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The headline metrics of each cell against a previous run of the same evaluation ({@code run --watch}):
 * macro-F1, accuracy and invalid rate, with the signed change, so the effect of a prompt edit is seen at once.
 */
public final class MetricsDelta {
    private MetricsDelta() {
    }

    public static List<String> lines(List<CellMetrics> previous, List<CellMetrics> current) {
        Map<CellKey, CellMetrics> before = previous.stream()
                .collect(Collectors.toMap(CellMetrics::cell, Function.identity(), (a, b) -> b));
        List<String> lines = new ArrayList<>();
        for (CellMetrics now : current) {
            CellMetrics then = before.get(now.cell());
            lines.add(now.cell() + ": macro_f1 " + value(now.scores().macroF1(), then == null ? null : then.scores().macroF1())
                    + "  accuracy " + value(now.scores().accuracy(), then == null ? null : then.scores().accuracy())
                    + "  invalid " + percent(now.invalidRate(), then == null ? null : then.invalidRate())
                    + (then == null ? "  (new)" : ""));
        }
        return lines;
    }

    private static String value(double now, Double then) {
        String text = String.format(Locale.ROOT, "%.3f", now);
        return then == null ? text : text + String.format(Locale.ROOT, " (%+.3f)", now - then);
    }

    private static String percent(double now, Double then) {
        String text = String.format(Locale.ROOT, "%.1f%%", 100 * now);
        return then == null ? text : text + String.format(Locale.ROOT, " (%+.1f)", 100 * (now - then));
    }
}
