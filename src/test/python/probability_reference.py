#!/usr/bin/env python3
"""Reference values for labelbench's probability metrics, computed by scikit-learn.

Writes random cases (label distributions and gold labels; 2 to 8 labels; some with tied and bin-edge
probabilities) with what scikit-learn says about them, as JSON, for ProbabilitySklearnDifferentialTest.
Usage: probability_reference.py OUTPUT.json [CASES] [SEED]
Needs Debian's python3-sklearn (run with /usr/bin/python3).
"""
import json
import sys

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score
from sklearn.preprocessing import label_binarize

N_BINS = 10


def make_case(rng):
    k = int(rng.choice([2, 2, 2, 3, 4, 5, 8]))
    n = int(rng.integers(max(k, 5), 301))
    gold = rng.integers(0, k, size=n)
    gold[:k] = np.arange(k)  # every label present, so every one-vs-rest score is defined
    rng.shuffle(gold)
    style = rng.choice(["dirichlet", "informative", "quantised"])
    if style == "quantised" and k == 2:
        # Probabilities on a 0.1 grid: ties for the ranking scores and confidences exactly on bin edges.
        p = np.round(rng.random(n), 1)
        probs = np.column_stack([1.0 - p, p])
    else:
        alpha = np.ones(k) * float(rng.choice([0.3, 1.0, 3.0]))
        probs = rng.dirichlet(alpha, size=n)
        if style == "informative":
            probs[np.arange(n), gold] += rng.random(n) * 2.0
            probs = probs / probs.sum(axis=1, keepdims=True)
        if style == "quantised":
            probs = np.round(probs, 2) + 1e-3
            probs = probs / probs.sum(axis=1, keepdims=True)
    return k, probs, gold


def reference(k, probs, gold):
    out = {"log_loss": log_loss(gold, probs, labels=list(range(k)))}
    if k == 2:
        y = gold == 1
        out["brier"] = brier_score_loss(y, probs[:, 1])
        out["roc_auc"] = roc_auc_score(y, probs[:, 1])
        out["pr_auc"] = average_precision_score(y, probs[:, 1])
    else:
        onehot = label_binarize(gold, classes=list(range(k)))
        # scikit-learn 1.2 has no multiclass Brier score: the original definition, summed over labels.
        out["brier"] = float(np.mean(np.sum((probs - onehot) ** 2, axis=1)))
        out["roc_auc"] = roc_auc_score(gold, probs, multi_class="ovr", average="macro", labels=list(range(k)))
        out["pr_auc"] = average_precision_score(onehot, probs, average="macro")
        out["roc_auc_per_label"] = [roc_auc_score(onehot[:, c], probs[:, c]) for c in range(k)]
        out["pr_auc_per_label"] = [average_precision_score(onehot[:, c], probs[:, c]) for c in range(k)]
    top = probs.argmax(axis=1)
    confidence = probs[np.arange(len(gold)), top]
    correct = (top == gold).astype(int)
    if len(np.unique(correct)) == 2:
        prob_true, prob_pred = calibration_curve(correct, confidence, n_bins=N_BINS, strategy="uniform")
    else:  # calibration_curve wants both outcomes present; the same binning by hand
        prob_true, prob_pred = None, None
    edges = np.linspace(0.0, 1.0, N_BINS + 1)
    ids = np.searchsorted(edges[1:-1], confidence)
    counts = np.bincount(ids, minlength=N_BINS)
    nonzero = counts > 0
    if prob_true is None:
        prob_true = (np.bincount(ids, weights=correct, minlength=N_BINS)[nonzero] / counts[nonzero])
        prob_pred = (np.bincount(ids, weights=confidence, minlength=N_BINS)[nonzero] / counts[nonzero])
    out["reliability"] = {"count": counts[nonzero].tolist(), "accuracy": prob_true.tolist(),
                          "confidence": prob_pred.tolist()}
    out["ece"] = float(np.sum(counts[nonzero] / len(gold) * np.abs(prob_true - prob_pred)))
    return out


def main():
    path = sys.argv[1]
    cases = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    rng = np.random.default_rng(int(sys.argv[3]) if len(sys.argv) > 3 else 20261125)
    result = []
    for _ in range(cases):
        k, probs, gold = make_case(rng)
        result.append({"k": k, "probs": probs.tolist(), "gold": gold.tolist(), "expected": reference(k, probs, gold)})
    import sklearn
    with open(path, "w") as f:
        json.dump({"sklearn": sklearn.__version__, "cases": result}, f)


if __name__ == "__main__":
    main()
