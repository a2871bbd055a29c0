package dev.labelbench.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One labelled row of a dataset. {@code fields} holds every column of the row (templates may use any of them);
 * {@code text} is the text being classified (the configured text fields joined); {@code line} is where the row starts
 * in its file, for error messages.
 */
public record Example(String id, String text, String gold, Map<String, String> fields, long line) {
    public Example {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
