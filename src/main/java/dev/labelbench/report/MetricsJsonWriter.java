package dev.labelbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.labelbench.core.LabelbenchException;

import java.io.IOException;
import java.nio.file.Path;

/** Writes {@code metrics.json}. */
public final class MetricsJsonWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsJsonWriter() {
    }

    public static void write(MetricsDocument document, Path file) {
        try {
            JSON.writeValue(file.toFile(), document);
        } catch (IOException e) {
            throw LabelbenchException.input("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
