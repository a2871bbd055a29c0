package dev.labelbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportWriterTest {
    private static final Pattern DATA_BLOCK =
            Pattern.compile("<script type=\"application/json\" id=\"labelbench-data\">(.*?)</script>", Pattern.DOTALL);

    /** The page without its inline CSS and JavaScript, which change often and are tested in the browser. */
    static String structure(String html) {
        return html
                .replaceAll("(?s)<style>.*?</style>", "<style>/* report.css */</style>")
                .replaceAll("(?s)<script>.*?</script>", "<script>/* report.js */</script>")
                .replaceAll("script-src 'sha256-[A-Za-z0-9+/=]+'", "script-src 'sha256-(hash of report.js)'");
    }

    @Test
    void smallRunMatchesTheGoldenStructure() throws Exception {
        String html = new HtmlReportWriter().render(SmallRun.create());
        GoldenFiles.assertMatches("small-report.html", structure(html));
    }

    @Test
    void renderingIsDeterministic() {
        HtmlReportWriter writer = new HtmlReportWriter();
        assertEquals(writer.render(SmallRun.create()), writer.render(SmallRun.create()));
    }

    @Test
    void leaderboardRanksByMacroF1AndCellsShowMistakesInWords() {
        String html = new HtmlReportWriter().render(SmallRun.create());
        // qwen few-shot answered all six right: it leads, and reads "best".
        int best = html.indexOf("<span class=\"badge best\"");
        int firstRow = html.indexOf("<tr class=\"standing-best\"");
        assertTrue(firstRow > 0 && best > firstRow, "the first leaderboard row is the best cell");
        assertTrue(html.indexOf("qwen2.5:0.5b", firstRow) < html.indexOf("llama3.2:1b", firstRow));
        assertTrue(html.contains("<li>neutral read as positive: 1</li>"), "qwen zero-shot read r3 as positive");
        assertTrue(html.contains("<li>neutral answered with no valid label: 1</li>"));
        assertTrue(html.contains("+1 failed"), "the failed request of llama zero-shot is shown apart");
    }

    @Test
    void confidenceIntervalsAreDrawnAndWritten() {
        RunData small = SmallRun.create();
        java.util.List<dev.labelbench.core.CellMetrics> withCi = small.metrics().stream().map(m -> new dev.labelbench.core.CellMetrics(
                m.model(), m.template(), m.total(), m.errors(), m.invalid(), m.invalidRate(), m.labels(), m.confusion(),
                m.perClass(), m.scores(), m.validOnly(),
                java.util.Map.of("macro_f1", new dev.labelbench.core.Interval(0.25, 0.75, 0.95, 1000)),
                m.undefined(), m.performance())).toList();
        String html = new HtmlReportWriter().render(new RunData(small.info(), small.predictions(), withCi, java.util.List.of()));
        assertTrue(html.contains("<span class=\"ci-text\">0.250–0.750</span>"));
        // All charts share one scale, 0.25 (lowest interval end) to 1.0 (best score), padded by 5% below: 0.2125 to 1.
        assertTrue(html.contains("on a 0.213 to 1.000 scale"), "shared scale in the chart's label");
        assertTrue(html.contains("<line class=\"ci-range\" x1=\"9.3\" x2=\"80.4\""), "0.25 and 0.75 on the 4..116 px axis");
    }

    @Test
    void eachExampleTextIsStoredOnceInTheEmbeddedData() throws Exception {
        RunData run = SyntheticRun.generate(3, 2, 50, 1);
        String html = new HtmlReportWriter().render(run);
        JsonNode data = new ObjectMapper().readTree(embeddedJson(html));
        assertEquals(50, data.get("texts").size());
        assertEquals(6, data.get("cells").size());
        assertEquals(6, data.get("predicted").size());
        assertEquals(50, data.get("predicted").get(0).size());
        String someText = data.get("texts").get(7).asText();
        assertEquals(1, count(html, someText), "an example's text is in the page once, not once per cell");
    }

    @Test
    void hostileTextIsEscapedEverywhere() throws Exception {
        String html = new HtmlReportWriter().render(HostileRun.create());
        // Exactly our two script elements open and close; nothing from the data added a third.
        assertEquals(2, count(html, "<script"), "script tags");
        assertEquals(2, count(html, "</script>"), "script end tags");
        for (String raw : new String[] {"<img", "<svg onload", "<iframe", "</textarea>", "<b onmouseover", "<style>body",
                "onerror=\"window", "<a href=\"javascript:"}) {
            assertFalse(html.contains(raw), "raw payload in the page: " + raw);
        }
        assertTrue(html.contains("<h1>&lt;script&gt;window.__xss&#x3D;&#39;run-name&#39;&lt;/script&gt;</h1>"),
                "the run name is escaped, not dropped");
        // The embedded data escapes <, >, & and U+2028/2029 so it cannot end its block, and reads back unchanged.
        String json = embeddedJson(html);
        assertFalse(json.contains("<") || json.contains(">") || json.contains("&") || json.contains("\u2028"));
        JsonNode data = new ObjectMapper().readTree(json);
        for (int i = 0; i < HostileRun.TEXTS.size(); i++) {
            assertEquals(HostileRun.TEXTS.get(i), data.get("texts").get(i).asText());
        }
        assertTrue(data.get("reply_texts").toString().contains("reply-breakout"));
        // The page only runs its own script: the CSP pins it by hash.
        Matcher csp = Pattern.compile("script-src ('sha256-[^']+')").matcher(html);
        assertTrue(csp.find());
        assertEquals(Templates.cspHash(Templates.resource("report.js")), csp.group(1));
    }

    static String embeddedJson(String html) {
        Matcher m = DATA_BLOCK.matcher(html);
        assertTrue(m.find(), "the page embeds its data");
        return m.group(1);
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
