package dev.labelbench.core;

import java.util.List;
import java.util.Objects;

/**
 * One allowed label: its canonical name, other spellings that mean the same ({@code pos} for {@code positive}), and an
 * optional description used by prompts and by the embedded baseline.
 */
public record Label(String name, List<String> aliases, String description) {
    public Label {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("label name is empty");
        }
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        description = description == null ? "" : description;
    }

    public static Label of(String name) {
        return new Label(name, List.of(), "");
    }
}
