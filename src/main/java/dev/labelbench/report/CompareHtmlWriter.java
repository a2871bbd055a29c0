package dev.labelbench.report;

import com.samskivert.mustache.Template;
import dev.labelbench.core.CellKey;
import dev.labelbench.core.Prediction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.labelbench.report.Templates.view;

/**
 * {@code compare.html}: metric deltas per shared cell with their significance, and the examples B fixed and broke.
 * A static page (no script at all; its CSP forbids any), every value escaped by Mustache.
 */
public final class CompareHtmlWriter {
    public static final String FILE_NAME = "compare.html";
    /** Enough to read through; the console and the count say how many more there are. */
    static final int EXAMPLES_PER_LIST = 200;

    private final Template template = Templates.compile("compare.html.mustache");
    private final String css = Templates.resource("report.css");

    public Path write(RunComparison comparison, String nameA, String nameB, Path file) {
        try {
            Files.writeString(file, render(comparison, nameA, nameB), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    public String render(RunComparison comparison, String nameA, String nameB) {
        List<Map<String, Object>> deltas = new ArrayList<>();
        List<Map<String, Object>> cells = new ArrayList<>();
        int index = 0;
        for (RunComparison.CellDelta d : comparison.deltas()) {
            index++;
            String verdict = ComparisonSummary.verdict(d);
            deltas.add(view(
                    "anchor", "cell-" + index,
                    "model", d.cell().model(),
                    "template", d.cell().template(),
                    "a", Figures.score(d.metricA()),
                    "b", Figures.score(d.metricB()),
                    "delta", Figures.signedScore(d.delta()),
                    "deltaClass", d.delta() > 0 ? "up" : d.delta() < 0 ? "down" : "flat",
                    "paired", d.paired(),
                    "fixed", d.fixed(),
                    "broken", d.broken(),
                    "changedWrong", d.changedWrong(),
                    "p", Figures.pValue(d.p()),
                    "adjustedP", Figures.pValue(d.adjustedP()),
                    "verdict", verdict,
                    "worse", d.significantlyWorse(),
                    "better", d.significantlyBetter()));
            cells.add(view(
                    "anchor", "cell-" + index,
                    "model", d.cell().model(),
                    "template", d.cell().template(),
                    "fixedList", changes(comparison, d.cell(), true),
                    "brokenList", changes(comparison, d.cell(), false)));
        }
        List<RunComparison.CellDelta> worse = comparison.significantlyWorse();
        Map<String, Object> page = view(
                "nameA", nameA,
                "nameB", nameB,
                "metric", comparison.metric(),
                "deltas", deltas,
                "cells", cells,
                "onlyInA", comparison.onlyInA().stream().map(CellKey::toString).toList(),
                "onlyInB", comparison.onlyInB().stream().map(CellKey::toString).toList(),
                "hasOnly", !comparison.onlyInA().isEmpty() || !comparison.onlyInB().isEmpty(),
                "cellCount", comparison.deltas().size(),
                "worse", !worse.isEmpty(),
                "verdict", comparison.deltas().isEmpty() ? "The runs share no model × template cell."
                        : worse.isEmpty() ? "B is not significantly worse than A in any shared cell."
                        : "B is significantly worse than A in " + worse.size() + " of " + comparison.deltas().size()
                        + " shared cells.",
                "css", css);
        return template.execute(page);
    }

    private static Map<String, Object> changes(RunComparison comparison, CellKey cell, boolean fixed) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int total = 0;
        for (RunComparison.Change c : comparison.changes()) {
            if (!c.cell().equals(cell) || (fixed ? !c.fixed() : !c.broken())) {
                continue;
            }
            total++;
            if (rows.size() < EXAMPLES_PER_LIST) {
                rows.add(view(
                        "id", c.id(),
                        "text", c.text(),
                        "gold", c.gold(),
                        "before", c.before().predicted(),
                        "beforeReply", reply(c.before()),
                        "after", c.after().predicted(),
                        "afterReply", reply(c.after())));
            }
        }
        return view("rows", rows, "count", total, "any", total > 0, "more", total > rows.size() ? total - rows.size() : 0,
                "hasMore", total > rows.size());
    }

    private static String reply(Prediction p) {
        return p.reply() == null || p.reply().text() == null ? "" : p.reply().text();
    }
}
