package dev.labelbench.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}, accepted by every command (read early by {@link Main}, before logging starts). */
final class VerboseMixin {
    @Option(names = {"-v", "--verbose"}, description = "Show detail on stderr, and stack traces for errors.")
    boolean verbose;
}
