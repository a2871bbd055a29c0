package dev.labelbench.report;

import java.nio.file.Path;
import java.util.List;

/** The human-facing files of a run folder: {@code report.html} and {@code summary.md}. */
public final class ReportFiles {
    private ReportFiles() {
    }

    /** Writes both files into {@code dir} and returns their paths. */
    public static List<Path> write(RunData run, Path dir) {
        return List.of(new HtmlReportWriter().write(run, dir), MarkdownSummaryWriter.write(run, dir));
    }
}
