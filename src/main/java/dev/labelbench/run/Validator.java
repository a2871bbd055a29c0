package dev.labelbench.run;

import dev.labelbench.core.Example;
import dev.labelbench.core.LabelSet;
import dev.labelbench.dataset.DatasetReader;
import dev.labelbench.dataset.DatasetSpec;
import dev.labelbench.prompt.TemplateRenderer;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a plan against its data without calling any model: every row readable, every gold label in the label set,
 * ids unique, every template variable known. Returns every problem found, each naming the file and line.
 */
public final class Validator {
    private Validator() {
    }

    public static List<String> check(RunPlan plan) {
        List<String> problems = new ArrayList<>();
        Set<String> columns = checkDataset(plan.dataset(), plan.labels(), true, problems);
        if (plan.fewShotSource() != null) {
            checkDataset(plan.fewShotSource(), plan.labels(), false, problems);
        }
        if (columns != null) {
            for (TemplateRenderer template : plan.templates()) {
                checkVariables(template, columns, problems);
            }
        }
        return problems;
    }

    /** Reads the whole dataset once; returns the field names seen (null when the file could not be opened). */
    private static Set<String> checkDataset(DatasetSpec spec, LabelSet labels, boolean uniqueIds, List<String> problems) {
        Set<String> columns = new LinkedHashSet<>();
        Map<String, Long> firstLineById = new HashMap<>();
        Map<String, List<Long>> unknownLabels = new LinkedHashMap<>();
        int rows = 0;
        try (DatasetReader reader = DatasetReader.open(spec, problems::add)) {
            columns.addAll(reader.columns());
            for (Example example : reader) {
                rows++;
                columns.addAll(example.fields().keySet());
                if (labels.resolve(example.gold()).isEmpty()) {
                    unknownLabels.computeIfAbsent(example.gold(), k -> new ArrayList<>()).add(example.line());
                }
                Long previous = firstLineById.putIfAbsent(example.id(), example.line());
                if (uniqueIds && previous != null) {
                    problems.add(spec.path() + ":" + example.line() + ": duplicate id '" + example.id()
                            + "' (first at line " + previous + ")");
                }
            }
        } catch (dev.labelbench.core.LabelbenchException e) {
            problems.add(e.getMessage());
            return null;
        }
        unknownLabels.forEach((label, lines) -> problems.add(spec.path() + ":" + lines.get(0) + ": gold label '" + label
                + "' (" + lines.size() + " row" + (lines.size() == 1 ? "" : "s") + ") is not in the label set ("
                + labels + "); add it to `labels` or as an alias of one"));
        if (rows == 0) {
            problems.add(spec.path() + ": no rows");
        }
        return columns;
    }

    private static void checkVariables(TemplateRenderer template, Set<String> columns, List<String> problems) {
        String fileText = readQuietly(template);
        for (String variable : template.variables()) {
            if (TemplateRenderer.BUILT_INS.contains(variable) || columns.contains(variable)) {
                continue;
            }
            int line = template.lineOf(variable, fileText);
            problems.add(template.template().path() + (line > 0 ? ":" + line : "") + ": unknown variable {{" + variable
                    + "}}; the dataset has " + String.join(", ", columns)
                    + ", and every template has text, id, labels, label_list, examples");
        }
    }

    private static String readQuietly(TemplateRenderer template) {
        try {
            return Files.readString(template.template().path());
        } catch (IOException e) {
            return "";
        }
    }
}
