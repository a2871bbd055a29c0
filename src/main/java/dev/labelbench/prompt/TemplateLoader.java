package dev.labelbench.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.YamlKeyLines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a template file (YAML) and checks its shape; the name defaults to the file name without extension. */
public final class TemplateLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TemplateLoader() {
    }

    public static PromptTemplate load(Path path) {
        if (!Files.isRegularFile(path)) {
            throw LabelbenchException.input("prompt template not found: " + path
                    + " (paths in the config are relative to the config file's folder)");
        }
        PromptTemplate.File file;
        try {
            file = YAML.readValue(path.toFile(), PromptTemplate.File.class);
        } catch (UnrecognizedPropertyException e) {
            throw LabelbenchException.input(path + ":" + YamlKeyLines.lineOf(path, e.getPropertyName(), e.getLocation().getLineNr())
                    + ": unknown key '"
                    + e.getPropertyName() + "' (a template has: name, kind, system, user, prompt, parse, constrained, scoring, description)");
        } catch (JsonProcessingException e) {
            throw LabelbenchException.input(path + ":" + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + ": not a valid template: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw LabelbenchException.input("cannot read " + path + ": " + e.getMessage(), e);
        }
        if (file == null) {
            throw LabelbenchException.input(path + ": empty template file");
        }
        String fileName = path.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        String name = file.name() != null ? file.name() : fileName;
        Prompt.Kind kind = kindOf(path, file);
        if (kind == Prompt.Kind.CHAT && (file.user() == null || file.user().isBlank())) {
            throw LabelbenchException.input(path + ": a chat template needs a `user` part (and optionally `system`); "
                    + "for a raw completion prompt set `kind: completion` and `prompt`");
        }
        if (kind == Prompt.Kind.COMPLETION && (file.prompt() == null || file.prompt().isBlank())) {
            throw LabelbenchException.input(path + ": a completion template needs a `prompt` text");
        }
        return new PromptTemplate(name, path, kind, file.system(), file.user(), file.prompt(), file.parse(),
                file.constrained(), file.scoring());
    }

    private static Prompt.Kind kindOf(Path path, PromptTemplate.File file) {
        if (file.kind() == null) {
            return file.prompt() != null && file.user() == null ? Prompt.Kind.COMPLETION : Prompt.Kind.CHAT;
        }
        return switch (file.kind().toLowerCase(Locale.ROOT)) {
            case "chat" -> Prompt.Kind.CHAT;
            case "completion", "raw" -> Prompt.Kind.COMPLETION;
            default -> throw LabelbenchException.input(path + ": kind '" + file.kind() + "' is not chat or completion");
        };
    }
}
