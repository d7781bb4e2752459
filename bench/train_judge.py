#!/usr/bin/env python3
"""Train the verdict model of checker/judge_model.py on the gold corpora's pairs.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python bench/train_judge.py            # held-out figures, then writes checker/judge_model.json
    .venv/bin/python bench/train_judge.py --dry-run  # held-out figures only

Rows: every value (slot) of every document that some other document's aligned value contradicts
(see checker/verdict.py); label 1 when the value lies inside a planted error's quote of the gold
file.  Corpora: the seeds (../shared), ours (tests/data/corpus*) and the blind corpora that already
have a first-sight row (a corpus joins the training set only after its first figures are recorded).
The real-page corpora with a first-sight row count too when their text is on this machine (it is
not in the repository; gather it again from each manifest): they teach the model what scope
differences between real outlets look like.  Left out by default: the page signals of the value's
own document (only the gap to the other side counts, so that equal pages are judged on evidence) and
the corpus size (it tells page corpora from written ones, which says nothing about a value).

It prints leave-one-corpus-out figures (each corpus scored by a model that never saw it): flags,
planted errors found, flags on reliable or clean documents, flags on other text of unreliable ones,
at each threshold; then fits on all rows and writes the weights with the chosen thresholds.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from judgment import discover  # noqa: E402

from claims.extract import extract_documents  # noqa: E402
from claims.ingest import read_documents  # noqa: E402
from claims.parse import Parser  # noqa: E402
from checker.judge_model import MODEL  # noqa: E402
from checker.pipeline import build_corpus  # noqa: E402
from checker.slots import slot_evidence  # noqa: E402


def rows_of(parser: Parser, name: str, gold: Path, docs: Path) -> list[dict]:
    topic = json.loads(gold.read_text(encoding="utf-8"))[0]
    kinds = {k: v["kind"] for k, v in topic["documents"].items()}
    paths = [docs / v["file"] for v in topic["documents"].values()]
    extractions, _ = extract_documents(read_documents(paths), parser)
    corpus, _ = build_corpus(extractions)
    errors: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for e in topic["errors"]:
        text = corpus.docs[e["doc"]].text
        i = text.find(e["quote"])
        while i >= 0:
            errors[e["doc"]].append((i, i + len(e["quote"]), e["id"]))
            i = text.find(e["quote"], i + 1)
    out = []
    wit = corpus.witness.get
    for f, x, members in slot_evidence(corpus, extractions):
        hit = [e for e in errors[f.source] if e[0] < f.end and f.start < e[1]]
        out.append({"corpus": name, "pages": "bench/pages" in str(gold), "slot": f.slot, "source": f.source,
                    "witness": wit(f.source, f.source), "start": f.start,
                    "against": sorted({wit(c.slot.source, c.slot.source) for c in members}),
                    "kind": kinds.get(f.source, "?"), "x": x, "label": int(bool(hit)), "error": hit[0][2] if hit else ""})
    return out


TREE = {"depth": 3, "iterations": 200, "rate": 0.05, "leaf": 20}
# evidence that can only raise (+1) or lower (-1) the probability that a value is wrong: more sources
# against it, a clearer page-signal gap; more sources for it, the value given elsewhere
MONOTONE = {"dis_src": 1, "dis_n": 1, "dis_mass": 1, "best_dis_n": 1, "prior_gap": 1, "rep_elsewhere": 1,
            "sup_n": -1, "sup_mass": -1, "sup_max": -1, "best_sup_n": -1, "elsewhere": -1,
            "doubt_self": 1, "doubt_other": -1, "doubt_gap": 1}


def export_trees(m, X) -> dict:
    """The fitted trees as plain node lists ([feature, threshold, left, right, value, is_leaf]), checked
    against scikit-learn's own probabilities on the training rows."""
    import numpy as np

    from checker.judge_model import tree_score
    trees = [[[int(n["feature_idx"]), float(n["num_threshold"]), int(n["left"]), int(n["right"]),
               float(n["value"]), int(n["is_leaf"])] for n in pred[0].nodes] for pred in m._predictors]
    baseline = float(np.ravel(m._baseline_prediction)[0])
    ours = np.array([1 / (1 + np.exp(-(baseline + tree_score(trees, list(r))))) for r in X])
    assert np.allclose(ours, m.predict_proba(X)[:, 1], atol=1e-9), "exported trees disagree with scikit-learn"
    return {"baseline": baseline, "trees": trees}


def coverage(rows: list[dict], held: list[float], t: float) -> str:
    """Per error type of the gold files: planted, with a contradicted slot (a row), found at ``t``."""
    from collections import Counter
    best: dict[tuple[str, str], float] = {}
    for r, q in zip(rows, held):
        if r["label"]:
            k = (r["corpus"], r["error"])
            best[k] = max(best.get(k, 0.0), q)
    planted, with_row, found = Counter(), Counter(), Counter()
    for c in discover():
        if c.missing or c.name not in {r["corpus"] for r in rows}:
            continue
        for e in json.loads(c.gold.read_text(encoding="utf-8"))[0]["errors"]:
            k = (c.name, e["id"])
            planted[e["type"]] += 1
            with_row[e["type"]] += k in best
            found[e["type"]] += best.get(k, 0.0) >= t
    lines = [f"coverage at p >= {t:.2f}:  {'error type':24} planted  with a row  found"]
    for typ in sorted(planted, key=lambda x: -planted[x]):
        lines.append(f"  {typ:42} {planted[typ]:7} {with_row[typ]:11} {found[typ]:6}")
    return "\n".join(lines)


def figures(rows: list[dict], p: list[float], t: float, group: str = "") -> str:
    flagged = [r for r, q in zip(rows, p) if q >= t and (not group or r["pages"] == (group == "pages"))]
    found = {(r["corpus"], r["error"]) for r in flagged if r["label"]}
    fa = sum(r["kind"] != "unreliable" for r in flagged)
    other = sum(r["kind"] == "unreliable" and not r["label"] for r in flagged)
    prec = sum(r["label"] for r in flagged) / len(flagged) if flagged else 0.0
    return (f"  p >= {t:.2f}: {len(flagged):4} flags, {len(found):3} planted errors found, "
            f"{fa:3} on reliable/clean, {other:3} on other text of unreliable, precision {prec:.2f}")


SLOT_PRECISION = 0.85  # a slot's threshold may go below --error only where its flags stay this precise
SLOT_GRID = (0.45, 0.5, 0.55)


def slot_thresholds(rows: list[dict], held: list[float], error: float) -> dict[str, float]:
    """Per slot, the lowest threshold of SLOT_GRID (else ``error``) at which the held-out flags of
    that slot are at least SLOT_PRECISION precise and none more falls on a reliable or clean document
    than at ``error``: a date contradicted by two sources is surer evidence than an outcome."""
    out = {}
    for slot in sorted({r["slot"] for r in rows}):
        pairs = [(q, r) for q, r in zip(held, rows) if r["slot"] == slot]

        def at(t):
            fl = [r for q, r in pairs if q >= t]
            return (sum(r["label"] for r in fl) / len(fl) if fl else 0.0,
                    sum(r["kind"] != "unreliable" for r in fl))
        base_fa = at(error)[1]
        out[slot] = next((t for t in SLOT_GRID if t < error and at(t)[0] >= SLOT_PRECISION
                          and at(t)[1] <= base_fa), error)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--error", type=float, default=0.6, help="probability from which a value is an error")
    ap.add_argument("--note", type=float, default=0.35, help="probability from which it gets an info note")
    ap.add_argument("--model", choices=("trees", "logistic"), default="trees",
                    help="gradient-boosted trees (default) or a logistic regression")
    ap.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength of the logistic model")
    ap.add_argument("--drop", default="prior_self,n_sources", help="features to leave out, comma-separated")
    ap.add_argument("--no-pages", dest="pages", action="store_false",
                    help="leave out the real-page corpora (by default those whose text is on this machine count)")
    ap.add_argument("--dry-run", action="store_true", help="print the held-out figures, write nothing")
    ap.add_argument("--coverage", action="store_true",
                    help="also print, per error type, the planted errors, those with a contradicted slot, "
                         "and those the held-out model finds")
    ap.add_argument("--rows", metavar="FILE", help="read the rows from FILE if it exists, else build and save them "
                    "there (a JSON file; delete it after any change to extraction or features)")
    a = ap.parse_args(argv)
    try:
        import numpy as np
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import LeaveOneGroupOut
        from sklearn.preprocessing import StandardScaler
    except ImportError:
        sys.exit("train_judge: scikit-learn is needed: .venv/bin/pip install -e '.[train]'")
    rows: list[dict] = []
    if a.rows and Path(a.rows).exists():
        rows = json.loads(Path(a.rows).read_text(encoding="utf-8"))
        rows = [r for r in rows if a.pages or not r["pages"]]
    else:
        parser = Parser()
        for c in discover():
            if c.missing or (c.group == "pages" and not a.pages):
                continue
            rows += rows_of(parser, c.name, c.gold, c.docs)
        if a.rows:
            Path(a.rows).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    names = sorted({k for r in rows for k in r["x"]} - set(a.drop.split(",")))
    X = np.array([[r["x"].get(k, 0.0) for k in names] for r in rows])
    y = np.array([r["label"] for r in rows])
    groups = np.array([r["corpus"] for r in rows])
    print(f"{len(rows)} values with a contradicting aligned value, {int(y.sum())} inside planted errors, "
          f"{len(set(groups))} corpora")

    trees = a.model == "trees"

    def model():
        if trees:  # shallow trees, slow learning, one seed: the same rows give the same model
            return HistGradientBoostingClassifier(max_depth=TREE["depth"], max_iter=TREE["iterations"],
                                                  learning_rate=TREE["rate"], min_samples_leaf=TREE["leaf"],
                                                  l2_regularization=1.0, random_state=0,
                                                  monotonic_cst=[MONOTONE.get(k, 0) for k in names])
        return LogisticRegression(C=a.C, max_iter=5000)

    def scaler(Z):  # trees need no scaling: an identity that keeps one code path
        return StandardScaler(with_mean=not trees, with_std=not trees).fit(Z)

    held = np.zeros(len(rows))
    for train, test in LeaveOneGroupOut().split(X, y, groups):
        sc = scaler(X[train])
        held[test] = model().fit(sc.transform(X[train]), y[train]).predict_proba(sc.transform(X[test]))[:, 1]
    print("held out, one corpus at a time:")
    for t in (0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8):
        print(figures(rows, list(held), t))
    by_slot = slot_thresholds(rows, list(held), a.error)
    print("per-slot error thresholds (the lowest where held-out precision is at least "
          f"{SLOT_PRECISION:.2f} and no flag is added on reliable or clean text): "
          + ", ".join(f"{k} {v:.2f}" for k, v in by_slot.items()))
    print("as the checker decides (p >= the slot's threshold):")
    both = [1.0 if q >= by_slot.get(r["slot"], a.error) else 0.0 for q, r in zip(held, rows)]
    print(figures(rows, both, 1.0).replace("p >= 1.00", "checker "))
    if a.pages:
        print(figures(rows, both, 1.0, "pages").replace("p >= 1.00", "  pages"))
    if a.coverage:
        print(coverage(rows, list(held), a.error))
    for slot in ("date", "place", "quantity", "polarity", "actor"):
        print(f"  {slot}:")
        for t in (0.4, 0.5, 0.6, 0.7):
            print("  " + figures([r for r in rows if r["slot"] == slot],
                                 [q for q, r in zip(held, rows) if r["slot"] == slot], t))
    brier = float(np.mean((held - y) ** 2))
    print(f"  Brier score {brier:.4f}")
    sc = scaler(X)
    m = model().fit(sc.transform(X), y)
    meta = {"error": a.error, "error_by_slot": by_slot, "note": a.note, "trained_on": sorted(set(groups)), "rows": len(rows),
            "positives": int(y.sum())}
    if trees:
        out = {"kind": "trees", "features": names, **export_trees(m, X), **meta}
        print("features by the gain of their splits:")
        gain = defaultdict(float)
        for pred in m._predictors:
            for n in pred[0].nodes:
                if not n["is_leaf"]:
                    gain[names[n["feature_idx"]]] += float(n["gain"])
        for k, v in sorted(gain.items(), key=lambda kv: -kv[1]):
            print(f"  {v:9.1f}  {k}")
    else:
        print("weights (standardised features):")
        for k, w in sorted(zip(names, m.coef_[0]), key=lambda kw: -abs(kw[1])):
            print(f"  {w:+.3f}  {k}")
        scale = [float(s) if s > 0 else 1.0 for s in sc.scale_]
        out = {"kind": "logistic", "features": names, "coef": [round(float(w), 6) for w in m.coef_[0]],
               "intercept": round(float(m.intercept_[0]), 6), "mean": [round(float(v), 6) for v in sc.mean_],
               "scale": [round(v, 6) for v in scale], **meta}
    if a.dry_run:
        return 0
    MODEL.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {MODEL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
