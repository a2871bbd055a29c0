package dev.labelbench.run;

import dev.labelbench.core.CellKey;

import java.util.function.Consumer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress for logs (CI, a redirected stderr): one plain line per running cell every interval, and one when a cell
 * ends. No escape codes.
 */
public final class PlainProgress implements RunProgress {
    private final Consumer<String> err;
    private final Map<CellKey, CellCounter> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;

    public PlainProgress(Consumer<String> err, long intervalSeconds) {
        this.err = err;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "labelbench-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::printAll, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void cellStarted(CellKey cell, long total, long alreadyDone) {
        running.put(cell, new CellCounter(total, alreadyDone));
        err.accept(cell + ": " + total + " examples" + (alreadyDone > 0 ? " (" + alreadyDone + " done before)" : ""));
    }

    @Override
    public void answered(CellKey cell, boolean invalid, boolean failed) {
        CellCounter counter = running.get(cell);
        if (counter != null) {
            counter.done.incrementAndGet();
            if (invalid) {
                counter.invalid.incrementAndGet();
            }
            if (failed) {
                counter.failed.incrementAndGet();
            }
        }
    }

    @Override
    public void cellFinished(CellKey cell) {
        CellCounter counter = running.remove(cell);
        if (counter != null) {
            err.accept(line(cell, counter) + " finished");
        }
    }

    private void printAll() {
        running.forEach((cell, counter) -> err.accept(line(cell, counter)));
    }

    static String line(CellKey cell, CellCounter c) {
        long done = c.done.get();
        long eta = c.etaSeconds();
        return String.format(Locale.ROOT, "%s: %d/%d (%.0f%%) %.1f ex/s ETA %s invalid %d%s", cell, done, c.total,
                c.total == 0 ? 100.0 : 100.0 * done / c.total, c.rate(), eta < 0 ? "?" : formatDuration(eta),
                c.invalid.get(), c.failed.get() > 0 ? " errors " + c.failed.get() : "");
    }

    static String formatDuration(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
