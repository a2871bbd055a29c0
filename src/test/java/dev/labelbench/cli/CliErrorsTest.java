package dev.labelbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every user mistake gets one clear line naming the file, line or field and what to do, a distinct exit code, and no
 * stack trace. These use `validate` and `run` with models that are never reached (the error comes first).
 */
class CliErrorsTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, content);
        return path;
    }

    private Path eval(String datasetCsv, String template) throws IOException {
        file("data.csv", datasetCsv);
        file("t.yaml", template);
        return file("eval.yaml", "dataset: {path: data.csv}\nlabels: [pos, neg]\nprompts: [t.yaml]\nmodels: [ollama:m]\n");
    }

    private static void assertUserError(Cli.Result result, int code, String expected) {
        assertEquals(code, result.exitCode(), result.err());
        assertTrue(result.err().contains(expected), "expected '" + expected + "' in:\n" + result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace for a user mistake:\n" + result.err());
    }

    @Test
    void missingConfigFile() {
        assertUserError(Cli.run("run", dir.resolve("nope.yaml").toString()), 3, "config file not found: " + dir.resolve("nope.yaml"));
    }

    @Test
    void badYamlNamesTheLine() throws IOException {
        Path config = file("eval.yaml", "dataset:\n  path: data.csv\nlabels: [pos, neg\nprompts: []\n");
        assertUserError(Cli.run("validate", config.toString()), 3, config + ":");
        assertTrue(Cli.run("validate", config.toString()).err().contains("not valid YAML"));
    }

    @Test
    void unknownKeyInTheConfigNamesItsLineAndTheAllowedKeys() throws IOException {
        Path config = file("eval.yaml", "dataset: {path: data.csv}\nlables: [pos]\n");
        Cli.Result result = Cli.run("validate", config.toString());
        assertUserError(result, 3, config + ":2: unknown key 'lables'");
        assertTrue(result.err().contains("labels"), result.err());
    }

    @Test
    void csvRowWithTheWrongNumberOfFields() throws IOException {
        Path config = eval("text,label\ngood,pos\nbad,neg,extra\n", "user: \"{{text}}\"\n");
        assertUserError(Cli.run("validate", config.toString()), 3,
                dir.resolve("data.csv") + ":3: row has 3 fields but the header has 2");
    }

    @Test
    void unknownColumn() throws IOException {
        Path config = eval("sentence,label\ngood,pos\n", "user: \"{{text}}\"\n");
        assertUserError(Cli.run("validate", config.toString()), 3, "no column 'text' (columns are: sentence, label)");
    }

    @Test
    void emptyLabel() throws IOException {
        Path config = eval("text,label\ngood,pos\nbad,\n", "user: \"{{text}}\"\n");
        assertUserError(Cli.run("validate", config.toString()), 3, dir.resolve("data.csv") + ":3: empty label");
    }

    @Test
    void goldLabelOutsideTheLabelSet() throws IOException {
        Path config = eval("text,label\ngood,pos\nmeh,neutral\n", "user: \"{{text}}\"\n");
        assertUserError(Cli.run("validate", config.toString()), 3,
                dir.resolve("data.csv") + ":3: gold label 'neutral' (1 row) is not in the label set (pos, neg)");
    }

    @Test
    void templateVariableTheDatasetLacks() throws IOException {
        Path config = eval("text,label\ngood,pos\n", "system: \"Labels: {{labels}}\"\nuser: |\n  Title: {{title}}\n  {{text}}\n");
        assertUserError(Cli.run("validate", config.toString()), 3, dir.resolve("t.yaml") + ":3: unknown variable {{title}}");
    }

    @Test
    void validateReportsEveryProblemAtOnce() throws IOException {
        Path config = eval("text,label\ngood,pos\n,neg\nmeh,neutral\n", "user: \"{{body}}\"\n");
        Cli.Result result = Cli.run("validate", config.toString());
        assertEquals(3, result.exitCode());
        assertTrue(result.err().contains("empty text"), result.err());
        assertTrue(result.err().contains("gold label 'neutral'"), result.err());
        assertTrue(result.err().contains("unknown variable {{body}}"), result.err());
        assertTrue(result.err().contains("3 problems found"), result.err());
    }

    @Test
    void validConfigPassesValidate() throws IOException {
        Path config = eval("text,label\ngood,pos\nbad,neg\n", "user: \"{{text}} ({{labels}})\"\n");
        Cli.Result result = Cli.run("validate", config.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("OK: "), result.out());
    }

    @Test
    void usageErrorsHaveTheirOwnExitCode() {
        Cli.Result result = Cli.run("run", "--no-such-flag");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--no-such-flag"), result.err());
    }

    @Test
    void badModelSpec() throws IOException {
        Path config = eval("text,label\ngood,pos\n", "user: \"{{text}}\"\n");
        Cli.Result result = Cli.run("validate", config.toString(), "--model", "qwen");
        assertEquals(3, result.exitCode());
        assertTrue(result.err().contains("model 'qwen' is not of the form KIND:NAME[@URL]"), result.err());
    }

    @Test
    void helpListsExitCodesAndExamplesAndVersionPrints() {
        Cli.Result help = Cli.run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("Exit codes:"));
        assertTrue(help.out().contains("3     input error"), help.out());
        assertTrue(help.out().contains("Examples:"));
        Cli.Result runHelp = Cli.run("run", "--help");
        assertTrue(runHelp.out().contains("--fail-under"), runHelp.out());
        assertTrue(Cli.run("--version").out().startsWith("labelbench "));
    }
}
