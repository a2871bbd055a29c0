package dev.labelbench.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.RunInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files of one run folder ({@code reports/<name>-<timestamp>/}). */
public record RunFolder(Path dir) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public Path runInfo() {
        return dir.resolve("run.json");
    }

    public Path results() {
        return dir.resolve("results.jsonl");
    }

    public Path metricsJson() {
        return dir.resolve("metrics.json");
    }

    public Path metricsCsv() {
        return dir.resolve("metrics.csv");
    }

    public Path reportHtml() {
        return dir.resolve("report.html");
    }

    public Path summaryMarkdown() {
        return dir.resolve("summary.md");
    }

    public void writeRunInfo(RunInfo info) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(runInfo().toFile(), info);
        } catch (IOException e) {
            throw LabelbenchException.input("cannot write " + runInfo() + ": " + e.getMessage(), e);
        }
    }

    public RunInfo readRunInfo() {
        if (!Files.isRegularFile(runInfo())) {
            throw LabelbenchException.input(dir + " is not a labelbench run folder (no run.json)");
        }
        try {
            return JSON.readValue(runInfo().toFile(), RunInfo.class);
        } catch (IOException e) {
            throw LabelbenchException.input("cannot read " + runInfo() + ": " + e.getMessage(), e);
        }
    }
}
