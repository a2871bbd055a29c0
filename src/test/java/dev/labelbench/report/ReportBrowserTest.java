package dev.labelbench.report;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens generated reports from disk in headless Chromium: no console errors, the leaderboard sorts, the explorer
 * filters, and no payload from a hostile dataset runs. Screenshots go to {@code target/report-browser/}.
 */
@Tag("slow")
class ReportBrowserTest {
    private static final Path OUT = Path.of("target/report-browser");
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        Files.createDirectories(OUT);
        browser = Chromium.start(1400, 1800);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static void open(RunData run, String name) throws Exception {
        Path dir = Files.createDirectories(OUT.resolve(name));
        Path file = new HtmlReportWriter().write(run, dir);
        browser.get(file.toAbsolutePath().toUri().toString());
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d ->
                "complete".equals(browser.executeScript("return document.readyState"))
                        && !browser.findElement(By.id("explorer-status")).getText().isEmpty());
    }

    private static List<String> severeConsoleEntries() {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(entry.getMessage());
            }
        }
        return severe;
    }

    private static void screenshot(String name) throws Exception {
        Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, OUT.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String status() {
        return browser.findElement(By.id("explorer-status")).getText();
    }

    @Test
    void hostileDatasetRunsNoScriptAndThePageStillRenders() throws Exception {
        open(HostileRun.create(), "hostile");
        assertNull(browser.executeScript("return window.__xss"), "a payload from the data ran");
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        assertEquals(List.of(), severeConsoleEntries());
        // Still a whole page: the escaped run name heads it and the explorer lists every example.
        assertTrue(browser.findElement(By.tagName("h1")).getText().startsWith("<script>window.__xss"));
        assertEquals(2, browser.findElements(By.cssSelector("#leaderboard-table tbody tr")).size());
        assertTrue(status().startsWith("7 of 7 examples match"), status());
        assertEquals(0, browser.findElements(By.cssSelector("main img, main iframe, #explorer script, #explorer a")).size());
        // The texts are shown as text, exactly as the dataset had them.
        List<WebElement> texts = browser.findElements(By.cssSelector(".example-text"));
        assertEquals(HostileRun.TEXTS.get(0), texts.get(0).getText());
        new Select(browser.findElement(By.id("f-outcome"))).selectByValue("invalid");
        browser.findElement(By.id("f-search")).sendKeys("reply-img");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> status().startsWith("1 of 7"));
        assertNull(browser.executeScript("return window.__xss"));
        screenshot("hostile-report.png");
    }

    @Test
    void leaderboardSortsAndExplorerFilters() throws Exception {
        RunData run = SyntheticRun.generate(3, 2, 120, 3);
        open(run, "synthetic");
        assertEquals(List.of(), severeConsoleEntries());
        screenshot("report.png");

        // Sort by p95 latency: first click sorts descending by the numeric value behind each cell.
        WebElement header = browser.findElement(By.xpath("//table[@id='leaderboard-table']//th[button='p95 latency']"));
        header.findElement(By.tagName("button")).click();
        assertEquals("descending", header.getAttribute("aria-sort"));
        List<Double> p95 = columnValues(8);
        List<Double> sorted = new ArrayList<>(p95);
        sorted.sort((a, b) -> Double.compare(b, a));
        assertEquals(sorted, p95);
        header.findElement(By.tagName("button")).click();
        assertEquals("ascending", header.getAttribute("aria-sort"));
        sorted.sort(Double::compare);
        assertEquals(sorted, columnValues(8));

        // Filter: one model, wrong answers only; every shown prediction is that model's and is wrong.
        new Select(browser.findElement(By.id("f-model"))).selectByValue("ollama:model-2");
        new Select(browser.findElement(By.id("f-outcome"))).selectByValue("wrong");
        long expected = run.predictions().stream()
                .filter(p -> p.model().equals("ollama:model-2") && !p.failed() && !p.correct() && !p.invalid())
                .map(p -> p.id()).distinct().count();
        assertTrue(status().startsWith(expected + " of 120 examples match"), status());
        for (WebElement row : browser.findElements(By.cssSelector("#explorer .preds tbody tr"))) {
            assertEquals("ollama:model-2", row.findElements(By.tagName("td")).get(0).getText());
            assertTrue(row.findElement(By.cssSelector(".chip")).getAttribute("class").contains("wrong"));
        }

        // Disagreements between two cells override the model filter and show exactly those two cells.
        browser.findElement(By.id("f-reset")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> status().startsWith("120 of 120"));
        new Select(browser.findElement(By.id("f-cell-a"))).selectByIndex(1);
        new Select(browser.findElement(By.id("f-cell-b"))).selectByIndex(6);
        for (WebElement example : browser.findElements(By.cssSelector("#explorer .example"))) {
            List<WebElement> chips = example.findElements(By.cssSelector(".preds .chip"));
            assertEquals(2, chips.size());
            assertFalse(chips.get(0).getText().equals(chips.get(1).getText()), "the two cells disagree");
        }

        // Free-text search by example id, and paging.
        browser.findElement(By.id("f-reset")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> status().startsWith("120 of 120"));
        assertEquals("Page 1 of 5", browser.findElement(By.id("page-info")).getText());
        browser.findElement(By.id("page-next")).click();
        assertEquals("Page 2 of 5", browser.findElement(By.id("page-info")).getText());
        browser.findElement(By.id("f-search")).sendKeys("ex-117");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> status().startsWith("1 of 120"));
        assertEquals("ex-117", browser.findElement(By.cssSelector(".example-id")).getText());
        assertEquals(List.of(), severeConsoleEntries());
        screenshot("report-filtered.png");
    }

    @Test
    void comparisonPageOfAHostileRunRunsNoScript() throws Exception {
        RunData a = HostileRun.create();
        List<dev.labelbench.core.Prediction> flipped = new ArrayList<>();
        for (dev.labelbench.core.Prediction p : a.predictions()) {
            flipped.add(RunComparisonTest.withPredicted(p, p.correct() ? "invalid" : p.gold()));
        }
        RunData b = new RunData(a.info(), flipped, CellsOf.compute(flipped, a.info().labelSet()), List.of());
        Path page = Files.createDirectories(OUT.resolve("compare")).resolve(CompareHtmlWriter.FILE_NAME);
        new CompareHtmlWriter().write(RunComparison.of(a, b, "accuracy"), "before <b>", "after", page);
        browser.get(page.toAbsolutePath().toUri().toString());
        assertNull(browser.executeScript("return window.__xss"));
        assertEquals(List.of(), severeConsoleEntries());
        assertEquals("before <b> → after", browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.findElements(By.cssSelector("table.changes tbody tr")).size() > 0);
        screenshot("compare.png");
    }

    /**
     * Not an assertion on time (that would be flaky on a shared box): prints the figures for the closing note. Each
     * timing covers the filter, rebuilding the page of examples and the forced layout that follows.
     */
    @Test
    void filterResponsivenessOnAFullSizeReport() throws Exception {
        long start = System.nanoTime();
        open(SyntheticRun.generate(5, 3, 2000, 7), "benchmark");
        double openMs = (System.nanoTime() - start) / 1e6;
        Object load = browser.executeScript("var n = performance.getEntriesByType('navigation')[0];"
                + " return n ? n.loadEventEnd : null;");
        String[][] actions = {
                {"f-outcome", "wrong"}, {"f-model", "ollama:model-3"}, {"f-gold", "1"}, {"f-outcome", ""},
                {"f-model", ""}, {"f-gold", ""}};
        StringBuilder timings = new StringBuilder();
        for (String[] action : actions) {
            Object ms = browser.executeScript("var s = document.getElementById(arguments[0]); s.value = arguments[1];"
                    + " var t0 = performance.now(); s.dispatchEvent(new Event('change'));"
                    + " void document.body.offsetHeight; return performance.now() - t0;", action[0], action[1]);
            timings.append(String.format(Locale.ROOT, " %s=%s:%.1fms", action[0], action[1], ((Number) ms).doubleValue()));
        }
        Object searchMs = browser.executeScript("var s = document.getElementById('f-search'); s.value = 'soup';"
                + " var t0 = performance.now(); document.getElementById('filters').dispatchEvent(new Event('submit',"
                + " {cancelable: true})); void document.body.offsetHeight; return performance.now() - t0;");
        assertEquals(List.of(), severeConsoleEntries());
        System.out.printf(Locale.ROOT, "report benchmark (5x3x2000) in chromium: open+first render %.0f ms (loadEventEnd %s ms);"
                + " filter changes%s; search 'soup' %.1f ms%n", openMs, load, timings,
                ((Number) searchMs).doubleValue());
        screenshot("benchmark-report.png");
    }

    private static List<Double> columnValues(int column) {
        List<Double> values = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#leaderboard-table tbody tr"))) {
            values.add(Double.parseDouble(row.findElements(By.tagName("td")).get(column).getAttribute("data-value")));
        }
        return values;
    }
}
