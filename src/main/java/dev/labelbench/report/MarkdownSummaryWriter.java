package dev.labelbench.report;

import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.Interval;
import dev.labelbench.core.RunInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code summary.md}: the leaderboard as a GitHub-flavoured Markdown table, for pasting into a pull request. Names are
 * escaped so a pipe, backtick or HTML in a model or template name cannot break the table or inject markup.
 */
public final class MarkdownSummaryWriter {
    public static final String FILE_NAME = "summary.md";

    private MarkdownSummaryWriter() {
    }

    public static Path write(RunData run, Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.writeString(file, render(run), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    public static String render(RunData run) {
        RunInfo info = run.info();
        Leaderboard leaderboard = Leaderboard.of(run);
        StringBuilder md = new StringBuilder();
        md.append("### labelbench: ").append(escape(info.name() == null ? "run" : info.name())).append("\n\n");
        StringBuilder facts = new StringBuilder();
        if (info.dataset() != null) {
            facts.append("Dataset ").append(code(info.dataset().path())).append(", ").append(info.dataset().rows()).append(" rows");
        }
        if (info.labels() != null) {
            facts.append(facts.isEmpty() ? "" : " · ").append(info.labels().size()).append(" labels");
        }
        if (info.createdAt() != null) {
            facts.append(" · ").append(escape(Figures.date(info.createdAt())));
        }
        if (info.labelbenchVersion() != null) {
            facts.append(" · labelbench ").append(escape(info.labelbenchVersion()));
        }
        if (!facts.isEmpty()) {
            md.append(facts).append("\n\n");
        }
        md.append("| # | Model | Template | Macro-F1 | 95% CI | Accuracy | Invalid | Median latency | p95 latency | Tokens/s |\n");
        md.append("|--:|---|---|--:|:-:|--:|--:|--:|--:|--:|\n");
        for (Leaderboard.Row row : leaderboard.rows()) {
            CellMetrics m = row.metrics();
            Interval ci = row.macroF1Interval();
            String mark = switch (row.standing()) {
                case BEST -> " 🏆 best";
                case TIED -> " (tied)";
                default -> "";
            };
            String f1 = Figures.score(row.macroF1());
            md.append("| ").append(row.rank())
                    .append(" | ").append(code(m.model()))
                    .append(" | ").append(code(m.template()))
                    .append(" | ").append(row.standing() == Leaderboard.Standing.BEST ? "**" + f1 + "**" : f1).append(mark)
                    .append(" | ").append(ci == null ? Figures.NONE : Figures.score(ci.low()) + "–" + Figures.score(ci.high()))
                    .append(" | ").append(Figures.percent(m.scores().accuracy()))
                    .append(" | ").append(Figures.percent(m.invalidRate()))
                    .append(m.errors() > 0 ? " +" + m.errors() + " failed" : "")
                    .append(" | ").append(Figures.latency(m.performance() == null ? null : m.performance().medianLatencyMs()))
                    .append(" | ").append(Figures.latency(m.performance() == null ? null : m.performance().p95LatencyMs()))
                    .append(" | ").append(Figures.rate(m.performance() == null ? null : m.performance().tokensPerSecond()))
                    .append(" |\n");
        }
        List<Leaderboard.Row> rows = leaderboard.rows();
        if (!rows.isEmpty()) {
            md.append("\n").append(leaderboard.significanceSource()).append("\n");
        }
        return md.toString();
    }

    /** Inline code can hold anything but a backtick run as long as its fence; pipes still need escaping in tables. */
    static String code(String text) {
        if (text == null) {
            return Figures.NONE;
        }
        String clean = text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
        String fence = clean.contains("`") ? "`` " : "`";
        String close = clean.contains("`") ? " ``" : "`";
        return fence + clean + close;
    }

    /** Plain text: Markdown and HTML specials backslash-escaped, so names show as typed. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.replace("\r", " ").replace("\n", " ").toCharArray()) {
            if ("\\`*_[]<>|~&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
