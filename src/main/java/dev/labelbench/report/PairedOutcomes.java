package dev.labelbench.report;

import dev.labelbench.core.Prediction;
import dev.labelbench.metrics.McNemar;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two cells' predictions paired by example id, over the examples both answered (failed requests are left out):
 * how many only A got right, only B got right, and McNemar's exact p-value for that split.
 */
record PairedOutcomes(int examples, int onlyA, int onlyB, double p) {

    static PairedOutcomes of(List<Prediction> a, List<Prediction> b) {
        Map<String, Prediction> byId = new HashMap<>();
        for (Prediction p : a) {
            if (!p.failed()) {
                byId.put(p.id(), p);
            }
        }
        int examples = 0, onlyA = 0, onlyB = 0;
        for (Prediction pb : b) {
            Prediction pa = pb.failed() ? null : byId.get(pb.id());
            if (pa == null) {
                continue;
            }
            examples++;
            if (pa.correct() && !pb.correct()) {
                onlyA++;
            } else if (pb.correct() && !pa.correct()) {
                onlyB++;
            }
        }
        return new PairedOutcomes(examples, onlyA, onlyB, McNemar.exactP(onlyA, onlyB));
    }
}
