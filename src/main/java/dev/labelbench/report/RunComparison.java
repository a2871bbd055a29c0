package dev.labelbench.report;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.CellMetrics;
import dev.labelbench.core.Prediction;
import dev.labelbench.metrics.HolmCorrection;
import dev.labelbench.metrics.McNemar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Run B against run A, cell by cell (same model and template in both): the chosen metric in each, and on the examples
 * both runs answered (paired by id, same gold label) which predictions B fixed and which it broke. McNemar's exact
 * test on those discordant pairs, Holm-adjusted over the shared cells, says whether a change is significant.
 *
 * <p>B is <em>significantly worse</em> in a cell when the metric dropped, B broke more examples than it fixed, and the
 * adjusted p-value is below {@link Leaderboard#ALPHA}: the condition {@code compare --fail-if-worse} gates on.
 */
public final class RunComparison {

    /** One shared cell: the metric in A and B, and how the paired examples moved. */
    public record CellDelta(CellKey cell, double metricA, double metricB, int paired, int fixed, int broken,
                            int changedWrong, double p, double adjustedP) {
        public double delta() {
            return metricB - metricA;
        }

        public boolean significant() {
            return adjustedP < Leaderboard.ALPHA;
        }

        public boolean significantlyWorse() {
            return significant() && delta() < 0 && broken > fixed;
        }

        public boolean significantlyBetter() {
            return significant() && delta() > 0 && fixed > broken;
        }
    }

    /** An example whose prediction changed between A and B. */
    public record Change(CellKey cell, String id, String text, String gold, Prediction before, Prediction after) {
        public boolean fixed() {
            return after.correct() && !before.correct();
        }

        public boolean broken() {
            return before.correct() && !after.correct();
        }
    }

    private final RunData a;
    private final RunData b;
    private final String metric;
    private final List<CellDelta> deltas;
    private final List<Change> changes;
    private final List<CellKey> onlyInA;
    private final List<CellKey> onlyInB;

    private RunComparison(RunData a, RunData b, String metric, List<CellDelta> deltas, List<Change> changes,
                          List<CellKey> onlyInA, List<CellKey> onlyInB) {
        this.a = a;
        this.b = b;
        this.metric = metric;
        this.deltas = deltas;
        this.changes = changes;
        this.onlyInA = onlyInA;
        this.onlyInB = onlyInB;
    }

    public static RunComparison of(RunData a, RunData b, String metric) {
        Map<CellKey, CellMetrics> metricsA = a.metricsByCell();
        Map<CellKey, CellMetrics> metricsB = b.metricsByCell();
        Map<CellKey, List<Prediction>> predictionsA = a.predictionsByCell();
        Map<CellKey, List<Prediction>> predictionsB = b.predictionsByCell();
        Set<CellKey> shared = new TreeSet<>(metricsA.keySet());
        shared.retainAll(metricsB.keySet());
        List<CellKey> onlyInA = new ArrayList<>(new TreeSet<>(metricsA.keySet()));
        onlyInA.removeAll(shared);
        List<CellKey> onlyInB = new ArrayList<>(new TreeSet<>(metricsB.keySet()));
        onlyInB.removeAll(shared);

        List<CellDelta> raw = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (CellKey cell : shared) {
            Map<String, Prediction> before = new HashMap<>();
            for (Prediction p : predictionsA.getOrDefault(cell, List.of())) {
                if (!p.failed()) {
                    before.put(p.id(), p);
                }
            }
            int paired = 0, fixed = 0, broken = 0, changedWrong = 0;
            for (Prediction after : predictionsB.getOrDefault(cell, List.of())) {
                Prediction prior = after.failed() ? null : before.get(after.id());
                if (prior == null || !prior.gold().equals(after.gold())) {
                    continue; // not answered by both, or the dataset relabelled it: not a paired example
                }
                paired++;
                if (prior.correct() == after.correct() && prior.predicted().equals(after.predicted())) {
                    continue;
                }
                Change change = new Change(cell, after.id(), after.text(), after.gold(), prior, after);
                changes.add(change);
                if (change.fixed()) {
                    fixed++;
                } else if (change.broken()) {
                    broken++;
                } else {
                    changedWrong++;
                }
            }
            raw.add(new CellDelta(cell, metricsA.get(cell).scores().get(metric), metricsB.get(cell).scores().get(metric),
                    paired, fixed, broken, changedWrong, McNemar.exactP(broken, fixed), 1.0));
        }
        double[] p = raw.stream().mapToDouble(CellDelta::p).toArray();
        double[] adjusted = HolmCorrection.adjust(p);
        List<CellDelta> deltas = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            CellDelta d = raw.get(i);
            deltas.add(new CellDelta(d.cell(), d.metricA(), d.metricB(), d.paired(), d.fixed(), d.broken(),
                    d.changedWrong(), d.p(), adjusted[i]));
        }
        return new RunComparison(a, b, metric, List.copyOf(deltas), List.copyOf(changes), List.copyOf(onlyInA),
                List.copyOf(onlyInB));
    }

    public RunData a() {
        return a;
    }

    public RunData b() {
        return b;
    }

    public String metric() {
        return metric;
    }

    public List<CellDelta> deltas() {
        return deltas;
    }

    public List<Change> changes() {
        return changes;
    }

    public List<CellKey> onlyInA() {
        return onlyInA;
    }

    public List<CellKey> onlyInB() {
        return onlyInB;
    }

    public List<CellDelta> significantlyWorse() {
        return deltas.stream().filter(CellDelta::significantlyWorse).toList();
    }
}
