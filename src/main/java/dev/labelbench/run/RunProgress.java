package dev.labelbench.run;

import dev.labelbench.core.CellKey;

/**
 * Told about progress by the engine, from many threads. Implementations draw bars on a terminal or log plain lines;
 * both write to stderr only, never stdout.
 */
public interface RunProgress extends AutoCloseable {
    RunProgress NONE = new RunProgress() {
        @Override
        public void cellStarted(CellKey cell, long total, long alreadyDone) {
        }

        @Override
        public void answered(CellKey cell, boolean invalid, boolean failed) {
        }

        @Override
        public void cellFinished(CellKey cell) {
        }

        @Override
        public void close() {
        }
    };

    /** A cell begins: {@code total} examples, of which {@code alreadyDone} came from the log being resumed. */
    void cellStarted(CellKey cell, long total, long alreadyDone);

    /** One more example of the cell is done. */
    void answered(CellKey cell, boolean invalid, boolean failed);

    void cellFinished(CellKey cell);

    @Override
    void close();
}
