package dev.labelbench.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets a run be stopped from outside (Ctrl-C's shutdown hook, {@code run --watch} starting over): the engine stops
 * sending, abandons requests in flight (they are asked again on resume), keeps every line already written, and writes
 * the partial metrics. {@link #finished} is signalled once the run folder is consistent, so a shutdown hook can wait
 * for it before the JVM exits.
 */
public final class RunControl {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Runnable onCancel = () -> { };

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            onCancel.run();
        }
    }

    public boolean cancelled() {
        return cancelled.get();
    }

    void onCancel(Runnable action) {
        this.onCancel = action;
        if (cancelled()) {
            action.run();
        }
    }

    /** Called once the run's files are written (or the run failed): whoever waits may let the process end. */
    public void markFinished() {
        finished.countDown();
    }

    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }
}
