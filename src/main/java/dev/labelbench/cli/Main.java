package dev.labelbench.cli;

import dev.labelbench.core.ExitCode;
import dev.labelbench.core.LabelbenchException;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point. The one place that turns failures into exit codes: a {@link LabelbenchException} (a user mistake or a
 * server problem) prints its message and no stack trace unless {@code --verbose}; anything else is a bug.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs one command line and returns its exit code (tests call this directly). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        Logging.configure(verbose, err);
        CommandLine cli = commandLine(out, err);
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof LabelbenchException user) {
                for (String line : user.getMessage().split("\n")) {
                    err.println("error: " + line);
                }
                if (verbose) {
                    user.printStackTrace(err);
                }
                return user.exitCode().code();
            }
            err.println("internal error: " + exception);
            if (verbose) {
                exception.printStackTrace(err);
            } else {
                err.println("(run again with --verbose for the stack trace, and please report it)");
            }
            return ExitCode.INTERNAL.code();
        });
        return cli.execute(args);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new LabelbenchCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpAutoWidth(true);
        Map<String, String> exitCodes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            exitCodes.put(Integer.toString(code.code()), code.meaning());
        }
        applyExitCodes(cli, exitCodes);
        return cli;
    }

    private static void applyExitCodes(CommandLine cli, Map<String, String> exitCodes) {
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code());
        cli.getCommandSpec().exitCodeOnExecutionException(ExitCode.INTERNAL.code());
        for (CommandLine sub : cli.getSubcommands().values()) {
            applyExitCodes(sub, exitCodes);
        }
    }
}
