#!/usr/bin/python3
"""Reference values for labelbench's metrics, computed by scikit-learn and statsmodels themselves.

Usage: reference_metrics.py CASES.json  (writes the reference values as JSON to stdout)

CASES.json is {"cases": [{"labels": [...], "gold": [...], "pred": [...], "pred_b": [...]}, ...],
"p_values": [...]}. "pred" may contain "invalid" (a reply that named no label); gold never does.
For every case this computes what labelbench reports for a cell (invalid counted as wrong, and over valid
replies only) and McNemar's exact test between "pred" and "pred_b"; "p_values" get Holm's correction.

It is the oracle of dev.labelbench.metrics.SklearnDifferentialTest, run with Debian's python3-sklearn and
python3-statsmodels (apt-get install python3-sklearn python3-statsmodels).
"""
import json
import math
import sys
import warnings

import numpy as np
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, cohen_kappa_score, confusion_matrix,
                             f1_score, matthews_corrcoef, precision_recall_fscore_support, precision_score,
                             recall_score)
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests

INVALID = "invalid"


def number(value):
    """A float for JSON; NaN (scikit-learn's "undefined") becomes null."""
    value = float(value)
    return None if math.isnan(value) else value


def headline(labels, gold, pred):
    """The scores labelbench puts in a cell's "scores" (labels= the label set, zero_division=0)."""
    def averaged(metric, average):
        return number(metric(gold, pred, labels=labels, average=average, zero_division=0))

    return {
        "n": len(gold),
        "accuracy": number(accuracy_score(gold, pred)),
        "balanced_accuracy": number(balanced_accuracy_score(gold, pred)),
        "macro_precision": averaged(precision_score, "macro"),
        "macro_recall": averaged(recall_score, "macro"),
        "macro_f1": averaged(f1_score, "macro"),
        "micro_f1": averaged(f1_score, "micro"),
        "weighted_f1": averaged(f1_score, "weighted"),
        # No labels=: kappa and MCC are computed over every value seen, "invalid" included.
        "cohen_kappa": number(cohen_kappa_score(gold, pred)),
        "mcc": number(matthews_corrcoef(gold, pred)),
    }


def reference(case):
    labels, gold, pred, pred_b = case["labels"], case["gold"], case["pred"], case["pred_b"]
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, pred, labels=labels, average=None, zero_division=0)
    matrix = confusion_matrix(gold, pred, labels=labels + [INVALID])[: len(labels)]
    valid = [(g, p) for g, p in zip(gold, pred) if p != INVALID]
    right_a = [g == p for g, p in zip(gold, pred)]
    right_b = [g == p for g, p in zip(gold, pred_b)]
    both = sum(a and b for a, b in zip(right_a, right_b))
    only_a = sum(a and not b for a, b in zip(right_a, right_b))
    only_b = sum(b and not a for a, b in zip(right_a, right_b))
    neither = len(gold) - both - only_a - only_b
    test = mcnemar(np.array([[both, only_a], [only_b, neither]]), exact=True)
    return {
        "confusion": matrix.tolist(),
        "precision": [float(v) for v in precision],
        "recall": [float(v) for v in recall],
        "f1": [float(v) for v in f1],
        "support": [int(v) for v in support],
        "scores": headline(labels, gold, pred),
        "valid_only": headline(labels, [g for g, _ in valid], [p for _, p in valid]),
        "mcnemar": {"only_a": only_a, "only_b": only_b, "p": float(test.pvalue)},
    }


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        request = json.load(f)
    with warnings.catch_warnings():
        # Undefined precision/recall/kappa warn; the values (0 or NaN) are what is compared.
        warnings.simplefilter("ignore")
        results = [reference(case) for case in request["cases"]]
        holm = multipletests(request["p_values"], method="holm")[1] if request["p_values"] else []
    json.dump({"cases": results, "holm": [float(v) for v in holm]}, sys.stdout)


if __name__ == "__main__":
    main()
