package dev.labelbench.core;

/**
 * The one exception type for failures a user can act on. It carries the exit code and a message that names the
 * file, line, field, URL or model concerned and says what to do. {@code Main} catches it once and prints the message
 * without a stack trace (unless {@code --verbose}).
 */
public class LabelbenchException extends RuntimeException {
    private final ExitCode exitCode;

    public LabelbenchException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public LabelbenchException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static LabelbenchException input(String message) {
        return new LabelbenchException(ExitCode.INPUT, message);
    }

    public static LabelbenchException input(String message, Throwable cause) {
        return new LabelbenchException(ExitCode.INPUT, message, cause);
    }

    public static LabelbenchException usage(String message) {
        return new LabelbenchException(ExitCode.USAGE, message);
    }

    public static LabelbenchException server(String message) {
        return new LabelbenchException(ExitCode.SERVER, message);
    }

    public static LabelbenchException server(String message, Throwable cause) {
        return new LabelbenchException(ExitCode.SERVER, message, cause);
    }
}
