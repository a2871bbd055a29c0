package dev.labelbench.run;

import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.LabelbenchException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code --fail-under METRIC=VALUE}: absolute bars every cell must reach, so a prompt change can be gated in CI. */
public final class QualityGate {
    private final Map<String, Double> minimums;

    private QualityGate(Map<String, Double> minimums) {
        this.minimums = minimums;
    }

    public static QualityGate parse(List<String> specs) {
        Map<String, Double> minimums = new LinkedHashMap<>();
        if (specs != null) {
            for (String spec : specs) {
                String[] parts = spec.split("=", 2);
                if (parts.length != 2) {
                    throw LabelbenchException.usage("--fail-under '" + spec + "' is not METRIC=VALUE, e.g. macro_f1=0.8");
                }
                try {
                    minimums.put(parts[0].strip(), Double.parseDouble(parts[1].strip()));
                } catch (NumberFormatException e) {
                    throw LabelbenchException.usage("--fail-under '" + spec + "': '" + parts[1] + "' is not a number");
                }
            }
        }
        return new QualityGate(minimums);
    }

    /** One line per cell and metric below its bar; empty when every cell passes. */
    public List<String> failures(List<CellMetrics> cells) {
        List<String> failures = new ArrayList<>();
        minimums.forEach((metric, minimum) -> {
            for (CellMetrics cell : cells) {
                double value = cell.scores().get(metric);
                if (value < minimum) {
                    failures.add(String.format(Locale.ROOT, "%s x %s: %s %.4f is below %.4f", cell.model(),
                            cell.template(), metric, value, minimum));
                }
            }
        });
        return failures;
    }
}
