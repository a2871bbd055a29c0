package dev.labelbench.prompt;

import dev.labelbench.core.Example;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Picks the few-shot examples shown in prompts: {@code perLabel} per gold label from a separate pool (an examples file
 * or a train split), seeded, never one of the examples being evaluated. The same shots are used for every example, so
 * the prompt prefix is shared (and the servers' prompt caches can reuse it).
 */
public final class FewShotSelector {
    private FewShotSelector() {
    }

    public static List<Example> select(List<Example> pool, Set<String> evaluatedTexts, int perLabel, long seed) {
        Map<String, List<Example>> byLabel = new LinkedHashMap<>();
        for (Example example : pool) {
            if (evaluatedTexts.contains(example.text())) {
                continue;
            }
            byLabel.computeIfAbsent(example.gold(), k -> new ArrayList<>()).add(example);
        }
        Random random = new Random(seed);
        List<Example> chosen = new ArrayList<>();
        for (List<Example> candidates : byLabel.values()) {
            List<Example> shuffled = new ArrayList<>(candidates);
            Collections.shuffle(shuffled, random);
            chosen.addAll(shuffled.subList(0, Math.min(perLabel, shuffled.size())));
        }
        // Interleave labels so the prompt does not end with a run of one label (a known recency bias).
        Collections.shuffle(chosen, random);
        return List.copyOf(chosen);
    }
}
