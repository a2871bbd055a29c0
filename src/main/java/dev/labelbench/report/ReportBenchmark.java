package dev.labelbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How long {@code report.html} takes to render for a large run (5 models x 3 templates x 2,000 examples by default)
 * and how big it gets. Filter responsiveness in a real browser is measured by {@code ReportBrowserTest}.
 */
public final class ReportBenchmark {
    private ReportBenchmark() {
    }

    public static String run(int models, int templates, int examples, Path out) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        long t0 = System.nanoTime();
        RunData run = SyntheticRun.generate(models, templates, examples, 7);
        long t1 = System.nanoTime();
        HtmlReportWriter writer = new HtmlReportWriter();
        long coldStart = System.nanoTime();
        Path file = writer.write(run, out);
        long cold = System.nanoTime() - coldStart;
        int rounds = 5;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            writer.write(run, out);
            best = Math.min(best, System.nanoTime() - start);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return String.format(Locale.ROOT,
                "report.html for %d models x %d templates x %d examples (%d predictions; run data and metrics made in %.0f ms)%n"
                        + "render + write: first %.0f ms, best of %d warm %.0f ms%n"
                        + "size: %.2f MB (%d bytes): %s",
                models, templates, examples, run.predictions().size(), (t1 - t0) / 1e6, cold / 1e6, rounds, best / 1e6,
                size / 1e6, size, file.toAbsolutePath());
    }
}
