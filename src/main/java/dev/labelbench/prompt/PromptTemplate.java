package dev.labelbench.prompt;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labelbench.core.Prompt;

import java.nio.file.Path;

/**
 * A prompt template file from {@code prompts/}: a chat template has a {@code system} and a {@code user} part; a
 * completion template has one {@code prompt} text sent raw (no chat template). Per-template settings ({@code parse},
 * {@code constrained}, {@code scoring}) override the run's.
 */
public record PromptTemplate(
        String name,
        Path path,
        Prompt.Kind kind,
        String system,
        String user,
        String prompt,
        String parse,
        Boolean constrained,
        String scoring) {

    /** The YAML shape of a template file. */
    record File(
            String name,
            String kind,
            String system,
            String user,
            String prompt,
            String parse,
            Boolean constrained,
            String scoring,
            @JsonProperty("description") String description) {
    }
}
