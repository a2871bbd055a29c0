package dev.labelbench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Renders a 5 models x 3 templates x 2,000 examples report and prints the render time and file size (a benchmark,
 * not a test). Run after {@code mvn -o test-compile}:
 * <pre>java -cp target/classes:target/test-classes:$(cat target/test-classpath.txt) dev.labelbench.report.ReportBenchmark [out-dir]</pre>
 * The filter timing in a real browser is printed by {@code ReportBrowserTest#filterResponsiveness}.
 */
public final class ReportBenchmark {
    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/report-benchmark");
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        RunData run = SyntheticRun.generate(5, 3, 2000, 7);
        long t1 = System.nanoTime();
        HtmlReportWriter writer = new HtmlReportWriter();
        writer.write(run, out); // warm-up: class loading and template compilation
        int rounds = 5;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            writer.write(run, out);
            best = Math.min(best, System.nanoTime() - start);
        }
        long cold = System.nanoTime();
        new HtmlReportWriter().write(run, out);
        long coldEnd = System.nanoTime();
        Path file = out.resolve(HtmlReportWriter.FILE_NAME);
        System.out.printf(Locale.ROOT, "predictions: %d (%d cells x 2000 examples), generated in %.0f ms%n",
                run.predictions().size(), run.metrics().size(), (t1 - t0) / 1e6);
        System.out.printf(Locale.ROOT, "report.html render+write: best of %d %.0f ms, fresh writer %.0f ms%n",
                rounds, best / 1e6, (coldEnd - cold) / 1e6);
        System.out.printf(Locale.ROOT, "report.html size: %.2f MB (%d bytes) at %s%n",
                Files.size(file) / 1e6, Files.size(file), file.toAbsolutePath());
    }
}
