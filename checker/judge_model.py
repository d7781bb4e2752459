"""The calibrated model that turns the evidence on one value into a verdict.

Gradient-boosted trees (scikit-learn's ``HistGradientBoostingClassifier``, logistic loss) over the
features of :mod:`checker.verdict` plus the reason the hand rules of :func:`checker.slots.judge` give,
trained by ``bench/train_judge.py`` on the pairs of the gold corpora (every value that has a
disagreeing aligned value elsewhere; positive when the value is a planted error).  Trees see what a
linear model cannot: a disagreeing value weighs differently when its predicate is the same, when one
source or three stand against it, when the page signals differ.  The trees live in
``judge_model.json`` beside this file as plain node lists, so run time needs no library and nothing is
downloaded: each tree is walked from its root, the leaf values summed with the baseline, and a
sigmoid gives the probability.  A logistic model (``"kind": "logistic"``: a dot product over
standardised features) is read too, for ``train_judge.py --model logistic``.  The thresholds (for an
error, per slot, and for an info note) are stored with the model; the training script reports held-out precision at
each.  An error of the hand rules (two sources against one value, nothing for it) stands beside the
model where the other side's page signals are no weaker (see :func:`checker.slots.slot_findings`).
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

MODEL = Path(__file__).with_name("judge_model.json")


@lru_cache(maxsize=1)
def _model() -> dict:
    return json.loads(MODEL.read_text(encoding="utf-8"))


def thresholds(slot: str = "") -> tuple[float, float]:
    """From which probability a value of this slot (date, place, quantity, polarity, actor) is an
    error, and from which it gets an info note.  The training script may lower a slot's error
    threshold where its held-out flags stay precise (``error_by_slot``)."""
    m = _model()
    return m.get("error_by_slot", {}).get(slot, m["error"]), m["note"]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def tree_score(trees: list[list[list[float]]], row: list[float]) -> float:
    """The summed leaf values of ``trees`` for one row.  A node is [feature, threshold, left, right,
    value, is_leaf]; a row goes left when its feature is at most the threshold."""
    z = 0.0
    for nodes in trees:
        n = nodes[0]
        while not n[5]:
            n = nodes[int(n[2]) if row[int(n[0])] <= n[1] else int(n[3])]
        z += n[4]
    return z


def probability(x: dict[str, float]) -> float:
    return probabilities([x])[0]


@lru_cache(maxsize=1)
def _tree_arrays():
    """Each tree as numpy arrays (feature, threshold, left, right, value, is_leaf) for walking many
    rows at once."""
    import numpy as np
    out = []
    for nodes in _model()["trees"]:
        a = np.array(nodes, dtype=float)
        out.append((a[:, 0].astype(int), a[:, 1], a[:, 2].astype(int), a[:, 3].astype(int), a[:, 4],
                    a[:, 5].astype(bool)))
    return out


def probabilities(xs: list[dict[str, float]]) -> list[float]:
    """The probability of an error for each row of features, in order.  The trees walk all rows at
    once (numpy), adding the leaf values tree by tree in the order :func:`tree_score` does, so each
    result is the one a row alone would get."""
    m = _model()
    if not xs:
        return []
    if m.get("kind") == "trees":
        import numpy as np
        names = m["features"]
        X = np.array([[x.get(k, 0.0) for k in names] for x in xs], dtype=float)
        rows = np.arange(len(xs))
        z = np.zeros(len(xs))
        for feature, threshold, left, right, value, leaf in _tree_arrays():
            at = np.zeros(len(xs), dtype=int)
            while True:
                inner = ~leaf[at]
                if not inner.any():
                    break
                go_left = X[rows, feature[at]] <= threshold[at]
                at = np.where(inner, np.where(go_left, left[at], right[at]), at)
            z += value[at]
        return [_sigmoid(m["baseline"] + float(v)) for v in z]
    return [_sigmoid(m["intercept"] + sum(w * (x.get(k, 0.0) - mu) / sd
                                          for k, w, mu, sd in zip(m["features"], m["coef"], m["mean"], m["scale"])))
            for x in xs]
