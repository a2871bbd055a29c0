package dev.labelbench.core;

/** One model x template combination: a row of the leaderboard. */
public record CellKey(String model, String template) implements Comparable<CellKey> {
    @Override
    public int compareTo(CellKey other) {
        int byModel = model.compareTo(other.model);
        return byModel != 0 ? byModel : template.compareTo(other.template);
    }

    @Override
    public String toString() {
        return model + " x " + template;
    }
}
