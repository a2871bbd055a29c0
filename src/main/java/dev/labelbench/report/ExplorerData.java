package dev.labelbench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labelbench.core.CellKey;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The example explorer's data, shaped to stay small for thousands of examples x many cells: each example's text is
 * stored once, predictions are label indexes per cell, and replies are indexes into a table of distinct reply texts
 * (most replies are a bare label, repeated thousands of times).
 *
 * <p>Label index {@code labels.size()} means invalid, {@code labels.size() + 1} a failed request, -1 no prediction.
 */
public record ExplorerData(
        List<String> labels,
        List<CellKey> cells,
        List<String> ids,
        List<String> texts,
        int[] gold,
        int[][] predicted,
        int[][] replies,
        @JsonProperty("reply_texts") List<String> replyTexts) {

    public static ExplorerData of(List<String> labelNames, Map<CellKey, List<Prediction>> byCell) {
        List<String> labels = new ArrayList<>(labelNames);
        // Labels outside the label set (a run log edited by hand) are shown rather than dropped.
        for (List<Prediction> predictions : byCell.values()) {
            for (Prediction p : predictions) {
                addIfNew(labels, p.gold());
                if (!p.failed() && !LabelSet.INVALID.equals(p.predicted())) {
                    addIfNew(labels, p.predicted());
                }
            }
        }
        int invalid = labels.size();
        int failed = invalid + 1;
        Map<String, Integer> exampleIndex = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Integer> gold = new ArrayList<>();
        for (List<Prediction> predictions : byCell.values()) {
            for (Prediction p : predictions) {
                if (!exampleIndex.containsKey(p.id())) {
                    exampleIndex.put(p.id(), ids.size());
                    ids.add(p.id());
                    texts.add(p.text() == null ? "" : p.text());
                    gold.add(labelIndex(labels, p.gold()));
                }
            }
        }
        List<CellKey> cells = new ArrayList<>();
        int[][] predicted = new int[byCell.size()][];
        int[][] replies = new int[byCell.size()][];
        Map<String, Integer> replyIndex = new HashMap<>();
        List<String> replyTexts = new ArrayList<>();
        int c = 0;
        for (Map.Entry<CellKey, List<Prediction>> entry : byCell.entrySet()) {
            cells.add(entry.getKey());
            int[] cellPredicted = new int[ids.size()];
            int[] cellReplies = new int[ids.size()];
            Arrays.fill(cellPredicted, -1);
            Arrays.fill(cellReplies, -1);
            for (Prediction p : entry.getValue()) {
                int e = exampleIndex.get(p.id());
                if (p.failed()) {
                    cellPredicted[e] = failed;
                    cellReplies[e] = intern(replyIndex, replyTexts, "request failed: " + p.error());
                } else {
                    cellPredicted[e] = LabelSet.INVALID.equals(p.predicted()) ? invalid : labelIndex(labels, p.predicted());
                    cellReplies[e] = p.reply() == null || p.reply().text() == null ? -1
                            : intern(replyIndex, replyTexts, p.reply().text());
                }
            }
            predicted[c] = cellPredicted;
            replies[c] = cellReplies;
            c++;
        }
        return new ExplorerData(labels, cells, ids, texts, gold.stream().mapToInt(Integer::intValue).toArray(),
                predicted, replies, replyTexts);
    }

    private static void addIfNew(List<String> labels, String label) {
        if (label != null && !labels.contains(label)) {
            labels.add(label);
        }
    }

    private static int labelIndex(List<String> labels, String label) {
        return labels.indexOf(label);
    }

    private static int intern(Map<String, Integer> index, List<String> texts, String text) {
        return index.computeIfAbsent(text, t -> {
            texts.add(t);
            return texts.size() - 1;
        });
    }
}
