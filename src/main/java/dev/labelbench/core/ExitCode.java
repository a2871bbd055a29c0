package dev.labelbench.core;

/**
 * Every exit code labelbench returns, in one place. {@code --help} lists them, and scripts (CI gates) rely on them.
 */
public enum ExitCode {
    OK(0, "success"),
    QUALITY_GATE(1, "a quality gate failed (--fail-under, --fail-if-worse)"),
    USAGE(2, "usage error: unknown option, missing argument"),
    INPUT(3, "input error: config, dataset or template is wrong"),
    SERVER(4, "server error: unreachable server, missing model, failed requests"),
    INTERNAL(70, "internal error: a bug in labelbench (please report it with --verbose output)"),
    INTERRUPTED(130, "interrupted (Ctrl-C); partial results were kept");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
