package dev.labelbench.run;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.YamlKeyLines;

import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads an eval YAML; a mistake is reported with the file, line and key, and what the key may be. */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {
    }

    public static EvalConfig load(Path path) {
        if (!Files.isRegularFile(path)) {
            throw LabelbenchException.input("config file not found: " + path);
        }
        try {
            EvalConfig config = YAML.readValue(path.toFile(), EvalConfig.class);
            if (config == null) {
                throw LabelbenchException.input(path + ": the config file is empty");
            }
            return config;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            int line = YamlKeyLines.lineOf(path, e.getPropertyName(), e.getLocation() == null ? 0 : e.getLocation().getLineNr());
            throw LabelbenchException.input(path + ":" + line + ": unknown key '" + e.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : " (allowed here: " + known + ")"));
        } catch (JsonProcessingException e) {
            MarkedYAMLException yaml = yamlSyntaxError(e);
            if (yaml != null) {
                throw LabelbenchException.input(path + ":" + (yaml.getProblemMark().getLine() + 1) + ": not valid YAML: "
                        + yaml.getProblem() + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")"));
            }
            throw LabelbenchException.input(path + ":" + line(e.getLocation()) + ": " + describe(e));
        } catch (IOException e) {
            throw LabelbenchException.input("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static MarkedYAMLException yamlSyntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                return marked;
            }
        }
        return null;
    }

    private static String line(JsonLocation location) {
        return location == null ? "?" : Integer.toString(location.getLineNr());
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "bad value for '" + field.replace(".[", "[") + "': " + firstSentence(message);
        }
        return "not valid YAML: " + firstSentence(message);
    }

    private static String firstSentence(String message) {
        if (message == null) {
            return "";
        }
        int cut = message.indexOf('\n');
        return cut > 0 ? message.substring(0, cut) : message;
    }
}
