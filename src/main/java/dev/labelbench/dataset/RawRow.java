package dev.labelbench.dataset;

import java.util.Map;

/** One row as read from the file, before it is checked: its line number and its fields by column name. */
record RawRow(long line, Map<String, String> fields) {
}
