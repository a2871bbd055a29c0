package dev.labelbench.dataset;

import dev.labelbench.core.Example;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded stratified sample: each label keeps its share of the rows (largest-remainder rounding, every present label
 * at least one row when the sample is big enough), and the sampled rows keep their file order.
 */
public final class StratifiedSampler {
    private StratifiedSampler() {
    }

    public static List<Example> sample(List<Example> examples, int size, long seed) {
        if (size >= examples.size()) {
            return examples;
        }
        Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            byLabel.computeIfAbsent(examples.get(i).gold(), k -> new ArrayList<>()).add(i);
        }
        Map<String, Integer> quota = quotas(byLabel, examples.size(), size);
        Random random = new Random(seed);
        List<Integer> chosen = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> entry : byLabel.entrySet()) {
            List<Integer> indexes = new ArrayList<>(entry.getValue());
            Collections.shuffle(indexes, random);
            chosen.addAll(indexes.subList(0, quota.get(entry.getKey())));
        }
        Collections.sort(chosen);
        List<Example> out = new ArrayList<>(chosen.size());
        for (int index : chosen) {
            out.add(examples.get(index));
        }
        return out;
    }

    private static Map<String, Integer> quotas(Map<String, List<Integer>> byLabel, int total, int size) {
        Map<String, Integer> quota = new LinkedHashMap<>();
        Map<String, Double> remainder = new LinkedHashMap<>();
        int assigned = 0;
        for (Map.Entry<String, List<Integer>> entry : byLabel.entrySet()) {
            double exact = (double) entry.getValue().size() * size / total;
            int floor = Math.max(size >= byLabel.size() ? 1 : 0, (int) Math.floor(exact));
            floor = Math.min(floor, entry.getValue().size());
            quota.put(entry.getKey(), floor);
            remainder.put(entry.getKey(), exact - Math.floor(exact));
            assigned += floor;
        }
        List<String> byRemainder = new ArrayList<>(remainder.keySet());
        byRemainder.sort(Comparator.comparing(remainder::get).reversed());
        for (int i = 0; assigned < size && i < byRemainder.size() * 2; i++) {
            String label = byRemainder.get(i % byRemainder.size());
            if (quota.get(label) < byLabel.get(label).size()) {
                quota.merge(label, 1, Integer::sum);
                assigned++;
            }
        }
        while (assigned > size) {
            String largest = Collections.max(quota.keySet(), Comparator.comparing(quota::get));
            quota.merge(largest, -1, Integer::sum);
            assigned--;
        }
        return quota;
    }
}
