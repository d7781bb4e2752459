"""The calibrated model that turns the evidence on one value into a verdict.

A logistic regression over the features of :mod:`checker.verdict` plus the reason the hand rules of
:func:`checker.slots.judge` give, trained by ``bench/train_judge.py`` on the pairs of the gold corpora
(every value that has a disagreeing aligned value elsewhere; positive when the value is a planted
error).  Its weights live in ``judge_model.json`` beside this file: a dot product and a sigmoid at
run time, no library and nothing downloaded.  The thresholds (for an error, for an info note) are
stored with the weights; the training script reports held-out precision at each.  An error of the
hand rules (two sources against one value, nothing for it) stands beside the model where the other
side's page signals are no weaker (see :func:`checker.slots.slot_findings`).
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


def probability(x: dict[str, float]) -> float:
    m = _model()
    z = m["intercept"] + sum(w * (x.get(k, 0.0) - mu) / sd
                             for k, w, mu, sd in zip(m["features"], m["coef"], m["mean"], m["scale"]))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
