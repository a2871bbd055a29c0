package dev.labelbench.run;

import dev.labelbench.core.CellKey;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Progress bars on an interactive terminal (one per model x template, drawn by me.tongfei:progressbar on stderr):
 * done/total, examples/s, ETA, and the running invalid count as the bar's extra message.
 */
public final class TerminalProgress implements RunProgress {
    private final Map<CellKey, Bar> bars = new ConcurrentHashMap<>();

    private record Bar(ProgressBar bar, CellCounter counter) {
    }

    @Override
    public void cellStarted(CellKey cell, long total, long alreadyDone) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(cell.toString())
                .setInitialMax(total)
                .startsFrom(alreadyDone, java.time.Duration.ZERO)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .showSpeed()
                .setUnit(" ex", 1)
                .setUpdateIntervalMillis(250)
                .build();
        bars.put(cell, new Bar(bar, new CellCounter(total, alreadyDone)));
    }

    @Override
    public void answered(CellKey cell, boolean invalid, boolean failed) {
        Bar bar = bars.get(cell);
        if (bar == null) {
            return;
        }
        bar.counter.done.incrementAndGet();
        if (invalid) {
            bar.counter.invalid.incrementAndGet();
        }
        if (failed) {
            bar.counter.failed.incrementAndGet();
        }
        bar.bar.step();
        if (invalid || failed) {
            bar.bar.setExtraMessage("invalid " + bar.counter.invalid.get()
                    + (bar.counter.failed.get() > 0 ? " errors " + bar.counter.failed.get() : ""));
        }
    }

    @Override
    public void cellFinished(CellKey cell) {
        Bar bar = bars.remove(cell);
        if (bar != null) {
            bar.bar.close();
        }
    }

    @Override
    public void close() {
        bars.values().forEach(b -> b.bar.close());
        bars.clear();
    }
}
