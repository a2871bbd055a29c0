package dev.labelbench.run;

import java.util.concurrent.atomic.AtomicLong;

/** Running counts of one cell, for progress displays: how many done, invalid and failed, and since when. */
final class CellCounter {
    final long total;
    final long alreadyDone;
    final AtomicLong done = new AtomicLong();
    final AtomicLong invalid = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final long startNanos = System.nanoTime();

    CellCounter(long total, long alreadyDone) {
        this.total = total;
        this.alreadyDone = alreadyDone;
        done.set(alreadyDone);
    }

    /** Examples per second answered in this session (resumed ones excluded). */
    double rate() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds <= 0 ? 0 : (done.get() - alreadyDone) / seconds;
    }

    /** Seconds left at the current rate, or -1 when unknown. */
    long etaSeconds() {
        double rate = rate();
        return rate <= 0 ? -1 : Math.round((total - done.get()) / rate);
    }
}
