package dev.labelbench.scoring;

import dev.labelbench.core.Label;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prompt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ways a model may write each label right after the prompt. A label's probability is the sum over its forms, so a
 * chat model that answers {@code Positive} is not read as unsure about {@code positive}.
 */
final class SurfaceForms {
    private SurfaceForms() {
    }

    record Form(String label, String text) {
    }

    static List<Form> of(LabelSet labels, Prompt prompt, ScoringOptions options) {
        boolean spaces = options.spaceVariants() != null
                ? options.spaceVariants()
                : prompt.kind() == Prompt.Kind.COMPLETION && !endsWithWhitespace(prompt.text());
        List<Form> forms = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Label label : labels.labels()) {
            List<String> spellings = new ArrayList<>();
            spellings.add(label.name());
            if (options.caseVariants()) {
                spellings.add(capitalised(label.name()));
            }
            for (String spelling : spellings) {
                add(forms, seen, label.name(), spelling);
                if (spaces) {
                    add(forms, seen, label.name(), " " + spelling);
                }
            }
        }
        return forms;
    }

    private static void add(List<Form> forms, Set<String> seen, String label, String text) {
        if (seen.add(text)) {
            forms.add(new Form(label, text));
        }
    }

    private static String capitalised(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    private static boolean endsWithWhitespace(String text) {
        return text != null && !text.isEmpty() && Character.isWhitespace(text.charAt(text.length() - 1));
    }
}
