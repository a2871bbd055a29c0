package dev.labelbench.run;

import dev.labelbench.core.Prediction;

/**
 * The open results log, closed once: a reply that arrives after a stop (Ctrl-C) is dropped rather than written to a
 * closed file; its example is asked again on resume.
 */
final class ResultSink implements AutoCloseable {
    private final ResultsLog log;
    private boolean closed;

    ResultSink(ResultsLog log) {
        this.log = log;
    }

    synchronized boolean write(Prediction prediction) {
        if (closed) {
            return false;
        }
        log.write(prediction);
        return true;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            log.close();
        }
    }
}
