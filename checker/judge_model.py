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
error, for an info note) are stored with the model; the training script reports held-out precision at
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


def thresholds() -> tuple[float, float]:
    """From which probability a value is an error, and from which it gets an info note."""
    m = _model()
    return m["error"], m["note"]


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
    m = _model()
    if m.get("kind") == "trees":
        return _sigmoid(m["baseline"] + tree_score(m["trees"], [x.get(k, 0.0) for k in m["features"]]))
    z = m["intercept"] + sum(w * (x.get(k, 0.0) - mu) / sd
                             for k, w, mu, sd in zip(m["features"], m["coef"], m["mean"], m["scale"]))
    return _sigmoid(z)
