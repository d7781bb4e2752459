"""Agreement clusters: facts that two or more sources state, found by blocking keys, never all pairs."""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from claims.models import Claim

from claims.roles import place_parts

from .blocking import claim_order, pairs
from .common import Corpus, dedupe, days_of, places_match, same_day, same_participants
from .events import classes_match
from .records import Agreement
from claims.values import quantities_agree


def _value(q) -> str:
    """A canonical value label: 約1時間半 and 1時間半 are both 90分."""
    v = f"{q.value:g}{q.unit}"
    return f"{v}〜{q.high:g}{q.unit}" if q.high is not None else v


def _role_key(c: Claim, countries: dict[str, str]) -> tuple | None:
    if c.kind == "role" and c.subject_id and c.qualifiers.status == "current":
        return ("role", c.subject_id, c.qualifiers.role)
    return None


def agreements(corpus: Corpus, countries: dict[str, str]) -> tuple[list[Agreement], set[str]]:
    """Clusters of claims from ≥2 sources that say the same thing, and the ids of corroborated claims."""
    blocks: dict[tuple, list[Claim]] = defaultdict(list)
    for c in corpus.claims:
        q = c.qualifiers
        k = _role_key(c, countries)
        if k:
            blocks[k].append(c)
        elif c.kind == "relation" and c.object:
            subj = c.subject_id or ""
            blocks[("rel", subj, c.predicate_class, c.object_id or c.object)].append(c)
            if subj:
                blocks[("rel", "", c.predicate_class, c.object_id or c.object)].append(c)
        elif c.kind == "relation" and len(c.subject) >= 2 and not c.predicate_class.startswith("located:"):
            blocks[("rel-s", c.subject_id or c.subject, c.predicate_class)].append(c)  # 火災が発生した
        elif c.kind == "event":
            for p in q.partners:
                blocks[("event", p)].append(c)
            if q.time and len(q.time) == 10:
                for day in days_of(q):  # 21日（日本時間22日）: an event of either day
                    blocks[("event-day", day)].append(c)
        elif c.kind == "quantity" and q.quantity:
            # agreeing figures state the same number: block on unit and value
            blocks[("qty", c.predicate_class, f"{q.quantity.value:g}")].append(c)
    edges: dict[tuple[str, str], tuple[str, str, str]] = {}
    for key, cs in blocks.items():
        for a, b in pairs(cs, claim_order):
            if a.source == b.source:
                continue
            label = _same(a, b, key, corpus)
            if label:
                edges[tuple(sorted((a.id, b.id)))] = label
    # one graph per fact label, so that two facts about one event stay two agreements
    by_label: dict[tuple[str, str, str], nx.Graph] = defaultdict(nx.Graph)
    for (x, y), label in sorted(edges.items()):
        by_label[label].add_edge(x, y)
    by_id = {c.id: c for c in corpus.claims}
    out = []
    corroborated: set[str] = set()
    for label, g in sorted(by_label.items()):
        for comp in sorted(nx.connected_components(g), key=lambda c: sorted(c)):
            cs = sorted((by_id[i] for i in comp), key=lambda c: (c.source, c.start, c.end, c.id))
            sources = sorted({c.source for c in cs})
            if len(sources) < 2:
                continue
            if len({corpus.witness.get(x, x) for x in sources}) >= 2:  # copies of one text corroborate nothing
                corroborated.update(c.id for c in cs)
            per_source: dict[str, list] = defaultdict(list)
            for c in cs:
                if len(per_source[c.source]) < 3:
                    per_source[c.source].append(corpus.evidence(c))
            out.append(Agreement(subject=label[0], predicate=label[1], object=label[2], sources=sources,
                                 evidence=dedupe((e for evs in per_source.values() for e in evs), 30),
                                 claims=[c.id for c in cs]))
    out.sort(key=lambda a: (-len(a.sources), a.subject, a.predicate, a.object))
    return out, corroborated


def _shared_day(qa, qb) -> str | None:
    """The day two claims share: their time, or one side's day on the other clock (21日（日本時間22日）
    and 22日 share the 22nd)."""
    if qa.time and qb.time and qa.time == qb.time:
        return qa.time
    if same_day(qa, qb):
        return min(set(days_of(qa)) & set(days_of(qb)))
    return None


def _same(a: Claim, b: Claim, key: tuple, corpus: Corpus) -> tuple[str, str, str] | None:
    qa, qb = a.qualifiers, b.qualifiers
    kind = key[0]
    if kind == "role":
        ca, cb = qa.country, qb.country
        if ca and cb and ca != cb:
            return None
        return (corpus.label(a.subject_id, a.subject), "役職", f"{ca or cb or ''}{qa.role}")
    if kind == "rel-s":
        if qa.negated != qb.negated or (qa.place and qb.place and not places_match(qa.place, qb.place)):
            return None
        return (corpus.label(a.subject_id, a.subject), a.predicate, "")
    if kind == "rel":
        if len(a.object or "") < 2:
            return None
        if qa.negated != qb.negated:
            return None
        return (corpus.label(a.subject_id, a.subject) if key[1] else "", a.predicate, a.object or "")
    if kind in ("event", "event-day"):
        if not classes_match(a, b) and kind == "event":
            return None
        who = " と ".join(corpus.label(p, p) for p in sorted(set(qa.partners) & set(qb.partners))) or "会談"
        day = _shared_day(qa, qb)
        if kind == "event-day":
            if day and (places_match(qa.place, qb.place) or same_participants(a, b)):
                return (who, "日付", day)
            if day and a.predicate == b.predicate and len(a.predicate) >= 2 \
                    and not (qa.partners or qb.partners):  # 打ち上げ on the same day, nobody named
                return (a.predicate, "日付", day)
            return None
        if not same_participants(a, b):
            return None
        if day and not (qa.planned or qb.planned):
            return (who, "日付", day)
        if qa.place and qb.place and places_match(qa.place, qb.place):
            common = [x for x in place_parts(qa.place) if any(x == y or x in y or y in x for y in place_parts(qb.place))]
            return (who, "場所", common[0] if common else qa.place)
        if qa.quantity and qb.quantity and quantities_agree(qa.quantity, qb.quantity, strict=True):
            return (who, "所要時間", _value(qa.quantity))
        return None
    if kind == "qty":
        if not quantities_agree(qa.quantity, qb.quantity, strict=True):
            return None
        if not (set(qa.partners) & set(qb.partners)) and len(set(qa.keywords) & set(qb.keywords)) < 3:
            return None
        common = [m for m in qa.measure if m in qb.measure]
        who = "・".join(common[-2:]) or "・".join(corpus.label(p, p) for p in qa.partners)
        return (who or a.subject, "数量", _value(qa.quantity))
    return None
