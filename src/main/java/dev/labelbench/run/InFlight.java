package dev.labelbench.run;

/** Counts the requests of a model not yet recorded, so its dispatcher can wait for the last one. */
final class InFlight {
    private long count;

    synchronized void add() {
        count++;
    }

    synchronized void done() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    synchronized void awaitZero() throws InterruptedException {
        while (count > 0) {
            wait();
        }
    }
}
