package dev.labelbench.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The allowed labels of an evaluation, in a fixed order (the order of rows and columns in every matrix and report).
 * Lookup is case-insensitive and knows the aliases. {@link #INVALID} is the prediction for a reply that names no label.
 */
public final class LabelSet {
    public static final String INVALID = "invalid";

    private final List<Label> labels;
    private final Map<String, String> canonicalByKey;

    public LabelSet(List<Label> labels) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("a label set needs at least one label");
        }
        this.labels = List.copyOf(labels);
        Map<String, String> byKey = new LinkedHashMap<>();
        for (Label label : this.labels) {
            if (label.name().equalsIgnoreCase(INVALID)) {
                throw new IllegalArgumentException("'" + INVALID + "' is reserved for unreadable replies and cannot be a label");
            }
            putUnique(byKey, label.name(), label.name());
        }
        for (Label label : this.labels) {
            for (String alias : label.aliases()) {
                putUnique(byKey, alias, label.name());
            }
        }
        this.canonicalByKey = Collections.unmodifiableMap(byKey);
    }

    private static void putUnique(Map<String, String> byKey, String spelling, String canonical) {
        String previous = byKey.putIfAbsent(key(spelling), canonical);
        if (previous != null && !previous.equals(canonical)) {
            throw new IllegalArgumentException("'" + spelling + "' names two labels: '" + previous + "' and '" + canonical + "'");
        }
    }

    public static LabelSet ofNames(List<String> names) {
        List<Label> labels = new ArrayList<>();
        for (String name : names) {
            labels.add(Label.of(name));
        }
        return new LabelSet(labels);
    }

    /** Case-insensitive lookup key; underscores, hyphens and spaces are treated alike. */
    public static String key(String spelling) {
        return spelling.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ').replaceAll("\\s+", " ");
    }

    public List<Label> labels() {
        return labels;
    }

    public List<String> names() {
        return labels.stream().map(Label::name).toList();
    }

    public int size() {
        return labels.size();
    }

    public int indexOf(String canonicalName) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).name().equals(canonicalName)) {
                return i;
            }
        }
        return -1;
    }

    /** The canonical label for a spelling (name or alias, any case), if there is one. */
    public Optional<String> resolve(String spelling) {
        if (spelling == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(canonicalByKey.get(key(spelling)));
    }

    /** Every spelling (names and aliases) mapped to its canonical label, keyed as {@link #key(String)} does. */
    public Map<String, String> spellings() {
        return canonicalByKey;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelSet that && labels.equals(that.labels);
    }

    @Override
    public int hashCode() {
        return labels.hashCode();
    }

    @Override
    public String toString() {
        return String.join(", ", names());
    }
}
