package dev.labelbench.report;

import com.samskivert.mustache.Template;
import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.ClassMetrics;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Interval;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.RunInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static dev.labelbench.report.Templates.view;

/**
 * Renders {@code report.html}: one self-contained page (inline CSS, JavaScript and SVG; nothing fetched) with the run's
 * header, the sortable leaderboard, each cell's confusion matrix, per-class bars and frequent confusions, and the
 * example explorer. Untrusted text (dataset rows, replies, names) reaches the page only through Mustache's HTML
 * escaping or the script-safe JSON block, and the page's Content-Security-Policy lets only its own script run.
 */
public final class HtmlReportWriter {
    public static final String FILE_NAME = "report.html";
    private static final int CONFUSIONS_SHOWN = 5;

    private final Template template = Templates.compile("report.html.mustache");
    private final String css = Templates.resource("report.css");
    private final String js = Templates.resource("report.js");

    public Path write(RunData run, Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.writeString(file, render(run), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    public String render(RunData run) {
        RunInfo info = run.info();
        Leaderboard leaderboard = Leaderboard.of(run);
        List<String> labels = info.labels() == null ? List.of() : info.labelSet().names();
        ExplorerData explorer = ExplorerData.of(labels, run.predictionsByCell());
        Map<String, Object> page = view(
                "title", info.name() == null ? "labelbench run" : info.name(),
                "createdAt", Figures.date(info.createdAt()),
                "createdAtIso", info.createdAt(),
                "version", info.labelbenchVersion(),
                "parse", info.parse(),
                "dataset", dataset(info, explorer),
                "labelCount", labels.size(),
                "cellCount", run.metrics().size(),
                "predictionCount", run.predictions().size(),
                "leaderboard", leaderboardRows(leaderboard),
                "significanceSource", leaderboard.significanceSource(),
                "anyTied", leaderboard.rows().stream().anyMatch(r -> r.standing() == Leaderboard.Standing.TIED),
                "cells", cells(leaderboard),
                "models", models(info),
                "hasModels", info.models() != null && !info.models().isEmpty(),
                "templates", templates(info),
                "hasTemplates", info.templates() != null && !info.templates().isEmpty(),
                "runOptions", options(info.options()),
                "hasRunOptions", !options(info.options()).isEmpty(),
                "css", css,
                "js", js,
                "scriptHash", Templates.cspHash(js),
                "dataJson", ScriptJson.write(explorer));
        return template.execute(page);
    }

    private static Map<String, Object> dataset(RunInfo info, ExplorerData explorer) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int rows;
        if (info.dataset() != null && info.dataset().labelCounts() != null) {
            // In label-set order, so the chart reads like the matrices; labels the set lacks come last.
            Map<String, Integer> recorded = info.dataset().labelCounts();
            for (String label : explorer.labels()) {
                if (recorded.containsKey(label)) {
                    counts.put(label, recorded.get(label));
                }
            }
            new TreeMap<>(recorded).forEach(counts::putIfAbsent);
            rows = info.dataset().rows();
        } else {
            for (int g : explorer.gold()) {
                counts.merge(explorer.labels().get(g), 1, Integer::sum);
            }
            rows = explorer.ids().size();
        }
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<Map<String, Object>> distribution = new ArrayList<>();
        int y = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            distribution.add(view(
                    "label", e.getKey(),
                    "count", e.getValue(),
                    "percent", Figures.percent(total == 0 ? 0 : (double) e.getValue() / total),
                    "y", y,
                    "textY", y + 13,
                    "width", String.format(Locale.ROOT, "%.1f", 200.0 * e.getValue() / Math.max(1, max)),
                    "valueX", String.format(Locale.ROOT, "%.1f", 110 + 200.0 * e.getValue() / Math.max(1, max))));
            y += 20;
        }
        return view(
                "path", info.dataset() == null ? null : info.dataset().path(),
                "rows", rows,
                "distribution", distribution,
                "chartHeight", Math.max(y, 20));
    }

    private static List<Map<String, Object>> leaderboardRows(Leaderboard leaderboard) {
        List<Map<String, Object>> rows = new ArrayList<>();
        double[] scale = ciScale(leaderboard);
        for (Leaderboard.Row row : leaderboard.rows()) {
            CellMetrics m = row.metrics();
            Interval ci = row.macroF1Interval();
            double f1 = row.macroF1();
            rows.add(view(
                    "rank", row.rank(),
                    "anchor", anchor(row),
                    "model", m.model(),
                    "template", m.template(),
                    "macroF1", Figures.score(f1),
                    "macroF1Key", Figures.sortKey(f1),
                    "ci", ci == null ? null : Figures.score(ci.low()) + "–" + Figures.score(ci.high()),
                    "ciChart", ciChart(f1, ci, scale),
                    "accuracy", Figures.percent(m.scores().accuracy()),
                    "accuracyKey", Figures.sortKey(m.scores().accuracy()),
                    "invalidRate", Figures.percent(m.invalidRate()),
                    "invalidKey", Figures.sortKey(m.invalidRate()),
                    "errors", m.errors(),
                    "hasErrors", m.errors() > 0,
                    "medianLatency", Figures.latency(m.performance() == null ? null : m.performance().medianLatencyMs()),
                    "medianKey", Figures.sortKey(m.performance() == null ? null : m.performance().medianLatencyMs()),
                    "p95Latency", Figures.latency(m.performance() == null ? null : m.performance().p95LatencyMs()),
                    "p95Key", Figures.sortKey(m.performance() == null ? null : m.performance().p95LatencyMs()),
                    "tokensPerSecond", Figures.rate(m.performance() == null ? null : m.performance().tokensPerSecond()),
                    "tpsKey", Figures.sortKey(m.performance() == null ? null : m.performance().tokensPerSecond()),
                    "best", row.standing() == Leaderboard.Standing.BEST,
                    "tied", row.standing() == Leaderboard.Standing.TIED,
                    "standing", row.standing().name().toLowerCase(Locale.ROOT),
                    "p", row.pVersusBest() == null ? null : Figures.pValue(row.pVersusBest())));
        }
        return rows;
    }

    /**
     * The macro-F1 range every row's chart shares: from the lowest interval end to the highest, padded, within 0..1.
     * Intervals are often a few hundredths wide; on a fixed 0..1 scale they would all look like dots.
     */
    private static double[] ciScale(Leaderboard leaderboard) {
        double low = 1, high = 0;
        for (Leaderboard.Row row : leaderboard.rows()) {
            Interval ci = row.macroF1Interval();
            low = Math.min(low, ci == null ? row.macroF1() : Math.min(ci.low(), row.macroF1()));
            high = Math.max(high, ci == null ? row.macroF1() : Math.max(ci.high(), row.macroF1()));
        }
        double pad = Math.max(0.01, (high - low) * 0.05);
        return new double[] {Math.max(0, low - pad), Math.min(1, high + pad)};
    }

    /** A dot with whiskers, 120 px wide, on the shared scale. */
    private static Map<String, Object> ciChart(double value, Interval ci, double[] scale) {
        return view(
                "x", px(value, scale),
                "hasCi", ci != null,
                "low", ci == null ? null : px(ci.low(), scale),
                "high", ci == null ? null : px(ci.high(), scale),
                "scaleLow", Figures.score(scale[0]),
                "scaleHigh", Figures.score(scale[1]));
    }

    private static String px(double value, double[] scale) {
        double span = scale[1] - scale[0];
        double fraction = span <= 0 ? 0.5 : (value - scale[0]) / span;
        return String.format(Locale.ROOT, "%.1f", 4 + 112 * Math.max(0, Math.min(1, fraction)));
    }

    private static List<Map<String, Object>> cells(Leaderboard leaderboard) {
        List<Map<String, Object>> cells = new ArrayList<>();
        for (Leaderboard.Row row : leaderboard.rows()) {
            CellMetrics m = row.metrics();
            List<Map<String, Object>> confusions = new ArrayList<>();
            for (Confusions.Confusion c : Confusions.mostFrequent(m, CONFUSIONS_SHOWN)) {
                confusions.add(view("words", c.inWords()));
            }
            cells.add(view(
                    "anchor", anchor(row),
                    "model", m.model(),
                    "template", m.template(),
                    "rank", row.rank(),
                    "macroF1", Figures.score(m.scores().macroF1()),
                    "accuracy", Figures.percent(m.scores().accuracy()),
                    "validOnlyAccuracy", m.validOnly() == null ? null : Figures.percent(m.validOnly().accuracy()),
                    "total", m.total(),
                    "invalid", m.invalid(),
                    "errors", m.errors(),
                    "matrix", matrix(m),
                    "bars", bars(m),
                    "confusions", confusions,
                    "noConfusions", confusions.isEmpty(),
                    "undefined", m.undefined() == null || m.undefined().isEmpty() ? null : String.join(", ", m.undefined())));
        }
        return cells;
    }

    private static Map<String, Object> matrix(CellMetrics m) {
        List<String> headers = new ArrayList<>(m.labels());
        headers.add(LabelSet.INVALID);
        List<Map<String, Object>> rows = new ArrayList<>();
        int[][] counts = m.confusion();
        for (int r = 0; r < counts.length; r++) {
            int support = 0;
            for (int c : counts[r]) {
                support += c;
            }
            List<Map<String, Object>> row = new ArrayList<>();
            for (int c = 0; c < counts[r].length; c++) {
                double share = support == 0 ? 0 : (double) counts[r][c] / support;
                String kind = c == r ? "hit" : c == m.labels().size() ? "void" : "miss";
                row.add(view(
                        "count", counts[r][c],
                        "percent", support == 0 ? Figures.NONE : String.format(Locale.ROOT, "%.0f%%", share * 100),
                        "alpha", String.format(Locale.ROOT, "%.2f", counts[r][c] == 0 ? 0 : 0.08 + 0.92 * share),
                        "kind", kind,
                        "strong", c == r && share >= 0.75, // white text only where the blue is dark enough for 4.5:1 contrast
                        "describe", m.labels().get(r) + " read as " + headers.get(c)));
            }
            rows.add(view("gold", m.labels().get(r), "support", support, "values", row));
        }
        return view("headers", headers, "rows", rows);
    }

    /** Horizontal precision / recall / F1 bars per class, 0..1 over 200 px. */
    private static Map<String, Object> bars(CellMetrics m) {
        List<Map<String, Object>> groups = new ArrayList<>();
        int groupHeight = 62;
        int y = 6;
        for (ClassMetrics c : m.perClass()) {
            List<Map<String, Object>> bars = new ArrayList<>();
            String[][] kinds = {{"precision", "p"}, {"recall", "r"}, {"F1", "f"}};
            double[] values = {c.precision(), c.recall(), c.f1()};
            for (int i = 0; i < 3; i++) {
                int barY = y + 17 + i * 13;
                bars.add(view(
                        "kind", kinds[i][1],
                        "name", kinds[i][0],
                        "value", Figures.score(values[i]),
                        "y", barY,
                        "textY", barY + 9,
                        "labelX", 32,
                        "width", String.format(Locale.ROOT, "%.1f", Math.max(0.5, 200 * values[i])),
                        "valueX", String.format(Locale.ROOT, "%.1f", 40 + 200 * values[i] + 4)));
            }
            groups.add(view("label", c.label(), "support", c.support(), "titleY", y + 10, "bars", bars));
            y += groupHeight;
        }
        return view("groups", groups, "height", y);
    }

    private static List<Map<String, Object>> models(RunInfo info) {
        List<Map<String, Object>> models = new ArrayList<>();
        if (info.models() == null) {
            return models;
        }
        for (RunInfo.Model model : info.models()) {
            List<Map<String, Object>> details = new ArrayList<>();
            if (model.details() != null) {
                new TreeMap<>(model.details()).forEach((k, v) -> details.add(view("key", k, "value", String.valueOf(v))));
            }
            models.add(view(
                    "id", model.id(),
                    "kind", model.kind(),
                    "name", model.name(),
                    "urls", model.urls() == null || model.urls().isEmpty() ? null : String.join(", ", model.urls()),
                    "constrained", model.constrained(),
                    "options", options(model.options()),
                    "details", details,
                    "hasDetails", !details.isEmpty()));
        }
        return models;
    }

    private static List<Map<String, Object>> options(GenerationOptions o) {
        List<Map<String, Object>> options = new ArrayList<>();
        if (o == null) {
            return options;
        }
        add(options, "temperature", o.temperature());
        add(options, "seed", o.seed());
        add(options, "max_tokens", o.maxTokens());
        add(options, "stop", o.stop());
        add(options, "context_size", o.contextSize());
        add(options, "top_k", o.topK());
        add(options, "top_p", o.topP());
        add(options, "think", o.think());
        add(options, "keep_alive", o.keepAlive());
        return options;
    }

    private static void add(List<Map<String, Object>> options, String key, Object value) {
        if (value != null) {
            options.add(view("key", key, "value", value instanceof List<?> list ? quoted(list) : String.valueOf(value)));
        }
    }

    /** Stop sequences shown as JSON strings, so "\n" and spaces are visible. */
    private static String quoted(List<?> values) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(values);
        }
    }

    private static List<Map<String, Object>> templates(RunInfo info) {
        List<Map<String, Object>> templates = new ArrayList<>();
        if (info.templates() == null) {
            return templates;
        }
        for (RunInfo.Template t : info.templates()) {
            templates.add(view("name", t.name(), "path", t.path(), "kind", t.kind(), "system", t.system(), "user", t.user()));
        }
        return templates;
    }

    /** A safe fragment id for a cell (model and template names may hold anything): its leaderboard rank. */
    static String anchor(Leaderboard.Row row) {
        return "cell-" + row.rank();
    }
}
