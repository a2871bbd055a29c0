package dev.labelbench.cli;

import java.io.PrintStream;

/**
 * Where diagnostics go: stderr, quiet by default (warnings only, from labelbench and from libraries through SLF4J),
 * everything with {@code --verbose}. Must run before any library creates a logger.
 */
final class Logging {
    private static volatile boolean verbose;
    private static volatile PrintStream err = System.err;

    private Logging() {
    }

    static void configure(boolean beVerbose, PrintStream stream) {
        verbose = beVerbose;
        err = stream;
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", beVerbose ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    }

    static boolean verbose() {
        return verbose;
    }

    /** A progress or status line: shown always (on stderr), short. */
    static void info(String message) {
        err.println(message);
    }

    /** Detail shown only with --verbose. */
    static void debug(String message) {
        if (verbose) {
            err.println(message);
        }
    }
}
