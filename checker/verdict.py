"""The evidence about one value, as numbers a small model can weigh.

For a slot the aligner gives, per other source, its candidates with their similarity.  From them:
how much of the corpus supports this value (sources whose aligned slots agree, weighted by
similarity), how much stands for one other value (the strongest disagreeing cluster), whether the
document itself also gives that other value (two clocks, two rounds), whether the other side gives
this value under other words (another scope), how far apart the two values are, and the page
signals of both sides.  ``features`` returns them by name; :mod:`checker.judge_model` weighs them.
"""
from __future__ import annotations

import datetime as dt
import math
import re

from claims.models import Slot

from .align import Aligner, Candidate, agree as _agree, agree_key, kind, occasion_apart
from .common import Corpus, place_corroborated

FLOOR = 0.12  # candidates less similar than this are not the same thing
SURE = 0.2  # a source counts as speaking of it from this similarity on

FEATURES = ("sup_mass", "sup_n", "sup_max", "dis_mass", "dis_n", "dis_max", "best_dis_n", "best_sup_n",
            "clusters", "own_other", "own_several", "other_gives_this", "gap", "prior_self", "prior_gap",
            "is_date", "is_place", "is_quantity", "is_polarity", "is_act", "is_actor", "inexact", "approx", "bound", "corroborated",
            "planned", "n_sources", "dis_src", "head_dis", "head_sup", "head_dis_max", "elsewhere",
            "rep_elsewhere", "doubt_self", "doubt_other", "doubt_gap")


def _gap(a: Slot, b: Slot) -> float:
    if a.slot == "quantity":
        lo, hi = sorted((abs(a.quantity.value), abs(b.quantity.value)))
        return min(3.0, math.log10(hi / lo)) if lo > 0 else 3.0
    if a.slot == "date":
        if "*" in (a.value[0], b.value[0]):
            return 1.0
        try:
            da = dt.date.fromisoformat(a.value.partition("/")[0])
            db = dt.date.fromisoformat(b.value.partition("/")[0])
        except ValueError:
            return 1.0
        return min(3.0, math.log10(1 + abs((da - db).days)))
    return 1.0


def value_key(s: Slot) -> tuple | None:
    """A value as written, normalised, whatever it is said of: the same date, place or figure."""
    if s.slot == "date":
        return ("date", s.value)
    if s.slot == "place":
        return ("place", s.value)
    if s.slot == "quantity":
        return ("quantity", s.quantity.unit, round(s.quantity.value, 6))
    return None


def value_witnesses(corpus: Corpus, slots: list[Slot]) -> dict[tuple, set[str]]:
    """For each value, the witnesses (near-copies pooled) that give it anywhere."""
    out: dict[tuple, set[str]] = {}
    for s in slots:
        k = value_key(s)
        if k is not None:
            out.setdefault(k, set()).add(corpus.witness.get(s.source, s.source))
    return out


def _elsewhere(corpus: Corpus, s: Slot, by_value: dict[tuple, set[str]] | None, but: str) -> float:
    k = value_key(s)
    if by_value is None or k is None:
        return 0.0
    return float(min(3, len(by_value.get(k, set()) - {but})))


def _apposed(corpus: Corpus, a: Slot, b: Slot) -> bool:
    """Two places of one phrase, the second the first's address in brackets (内之浦宇宙空間観測所（鹿児島県
    肝付町）): one venue at two granularities, not two values of the document."""
    if a.slot != "place" or b.slot != "place" or a.source != b.source:
        return False
    x, y = sorted((a, b), key=lambda s: s.start)
    text = corpus.docs[a.source].text
    return 0 <= y.start - x.end <= 12 and bool(re.fullmatch(r"[^、。（）()]{0,10}[（(]", text[x.end:y.start]))


def contested(corpus: Corpus, aligner: Aligner, i: int) -> bool:
    """Whether another witness gives slot i a candidate that disagrees with it: exactly the slots for
    which :func:`features` finds a cluster against the value (the others have no verdict to weigh,
    and cost no features).  The cheap tests come first; the similarity is computed last."""
    f = aligner.slots[i]
    me = corpus.witness.get(f.source, f.source)
    for j in aligner.index.near(i, [(kind(f), w) for w in aligner.word_weights[i]]):
        s = aligner.slots[j]
        if corpus.witness.get(s.source, s.source) == me or _agree(f, s) or occasion_apart(f, s):
            continue
        if aligner.sim(i, j) > FLOOR:
            return True
    return False


def features(corpus: Corpus, aligner: Aligner, i: int, priors: dict[str, float],
             by_kind: dict[tuple[str, tuple[str, str]], list[Slot]],
             by_value: dict[tuple, set[str]] | None = None) -> tuple[dict[str, float], list[Candidate]]:
    """The evidence on slot i, and the candidates of the strongest cluster against it (best first)."""
    f = aligner.slots[i]
    # near-copies of one text are one witness: their candidates pool, and a copy of this document is it
    per: dict[str, list[Candidate]] = {}
    for src, cands in aligner.per_source(i, FLOOR).items():
        per.setdefault(corpus.witness.get(src, src), []).extend(cands)
    for cands in per.values():
        cands.sort(key=lambda c: (-c.sim, c.slot.source, c.slot.start))
    own = [c for c in per.pop(corpus.witness.get(f.source, f.source), []) if not _apposed(corpus, f, c.slot)]
    sup: dict[str, float] = {}
    clusters: list[tuple[Slot, dict[str, Candidate]]] = []
    best_sup = best_dis = 0
    # values compared once per key (agree_key): with f, and with the clusters' representatives, whose
    # list only grows, so a key's first matching cluster stays its first
    with_f: dict[tuple, bool] = {}
    home: dict[tuple, int] = {}

    def agrees_f(s: Slot) -> bool:
        k = agree_key(s)
        if k not in with_f:
            with_f[k] = _agree(f, s)
        return with_f[k]

    for src in sorted(per):
        cands = per[src]
        if agrees_f(cands[0].slot):
            best_sup += cands[0].sim >= SURE
        else:
            best_dis += cands[0].sim >= SURE
        for c in cands:
            if agrees_f(c.slot):
                sup[src] = max(sup.get(src, 0.0), c.sim)
                continue
            k = agree_key(c.slot)
            at = home.get(k)
            if at is None:
                at = next((n for n, (rep, _) in enumerate(clusters) if _agree(rep, c.slot)), None)
            if at is None:
                clusters.append((c.slot, {src: c}))
                if _agree(c.slot, c.slot):
                    home[k] = len(clusters) - 1
                continue
            home[k] = at
            members = clusters[at][1]
            if src not in members or members[src].sim < c.sim:
                members[src] = c
    # the cluster against it: one that holds a value of the same governing predicate (開幕 against
    # 開幕) before one of neighbours that merely share the event's words, then the most similar
    def same_head(members: dict[str, Candidate]) -> bool:
        return bool(f.head) and any(c.slot.head == f.head for c in members.values())
    scored = sorted(clusters, key=lambda rm: (not same_head(rm[1]), -sum(c.sim for c in rm[1].values()),
                                              rm[0].source, rm[0].start))
    top = scored[0] if scored else None
    members = sorted(top[1].values(), key=lambda c: -c.sim) if top else []
    x = {k: 0.0 for k in FEATURES}
    x["sup_mass"] = sum(sup.values())
    x["sup_n"] = sum(v >= SURE for v in sup.values())
    x["sup_max"] = max(sup.values(), default=0.0)
    x["dis_mass"] = sum(c.sim for c in members)
    x["dis_n"] = sum(c.sim >= SURE for c in members)
    x["dis_src"] = len(members)  # one candidate per source in a cluster
    x["dis_max"] = members[0].sim if members else 0.0
    x["best_dis_n"], x["best_sup_n"] = best_dis, best_sup
    x["clusters"] = sum(sum(c.sim for c in m.values()) >= SURE for _, m in clusters)
    x["n_sources"] = len(corpus.docs) - 1
    x["prior_self"] = priors.get(f.source, 0.5)
    x[f"is_{f.slot}"] = 1.0
    x["is_act"] = float(f.head.startswith("act:"))
    me = corpus.witness.get(f.source, f.source)
    x["elsewhere"] = _elsewhere(corpus, f, by_value, me)  # other witnesses giving this value anywhere
    x["inexact"] = float(not f.exact)
    x["planned"] = float(f.planned)
    if f.slot == "quantity":
        x["approx"] = float(f.quantity.approx)
        x["bound"] = float(f.quantity.bound != "eq")
    if f.slot == "place":
        x["corroborated"] = float(place_corroborated(corpus, f.source, f.value))
    if top:
        rep = top[0]
        # its document gives the other value too: that value, or a place inside it (鹿児島県 is no
        # second landfall beside 薩摩川内市; agree(rep, own) asks the own place to be as specific)
        x["own_other"] = float(any(_agree(rep, c.slot) and c.sim >= SURE for c in own))
        x["own_several"] = float(any(not _agree(c.slot, f) and c.sim >= 0.5 for c in own))
        x["other_gives_this"] = float(any(
            _agree(f, o) for c in top[1].values() for o in by_kind.get((c.slot.source, kind(f)), ())))
        x["gap"] = _gap(f, rep)
        x["prior_gap"] = max(priors.get(c.slot.source, 0.5) for c in members) - x["prior_self"]
        x["planned"] = max(x["planned"], float(rep.planned))
        # the same governing predicate (開幕 against 開幕, not 閉幕): the same fact, not a neighbour's
        same = [c.sim for c in members if f.head and c.slot.head == f.head]
        x["head_dis"] = float(bool(same))
        x["head_dis_max"] = max(same, default=0.0)
        x["rep_elsewhere"] = _elsewhere(corpus, rep, by_value, me)
    x["head_sup"] = float(bool(f.head) and any(
        c.slot.head == f.head and c.sim >= SURE and _agree(f, c.slot) for cands in per.values() for c in cands))
    return x, members
