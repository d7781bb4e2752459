"""Source reliability by truth discovery over the source–claim graph.

Claims and sources reinforce each other (TruthFinder / CRH family): a claim that sources agree on
is as credible as the sources that state it, and a source is as trustworthy as the claims it makes.
A source with few checkable claims is pulled toward its prior from page signals (CATD's
confidence-aware correction), so three lucky claims do not make a blog reliable.
"""
from __future__ import annotations

import math
import re

import networkx as nx

from claims.models import Extraction

from .records import Finding, ScoreComponent

PRIOR_BASE = 0.5
SHRINK = 12.0  # pseudo-claims of prior weight (CATD-style correction for small samples)
UNSUPPORTED_WEIGHT = 0.1  # a claim nobody else states barely counts: absence of support is weak evidence
CONTESTED_WEIGHT = 1.0  # an expected error among a source's disputed values: one contradicted claim
PENALTY = {"error": 0.1, "warning": 0.02, "info": 0.0, "repeated": 0.0}


def prior(signals: dict[str, int]) -> tuple[float, list[ScoreComponent]]:
    parts = [ScoreComponent(label="base", value=PRIOR_BASE, detail="every source starts here")]
    if signals.get("footnotes", 0) >= 3 or signals.get("footnote_marks", 0) >= 3:
        parts.append(ScoreComponent(label="footnotes", value=0.15,
                                    detail=f"{signals.get('footnotes', 0)} references, "
                                           f"{signals.get('footnote_marks', 0)} markers in the text"))
    if signals.get("byline", 0):
        parts.append(ScoreComponent(label="byline", value=0.1, detail="a named author or bureau"))
    if signals.get("published", 0):
        parts.append(ScoreComponent(label="publication date", value=0.05, detail="the page states its date"))
    if signals.get("seo_markers", 0) >= 5:
        parts.append(ScoreComponent(label="SEO/blog markers", value=-0.1,
                                    detail=f"{signals['seo_markers']} emoji bullets or 'read more' links"))
    if signals.get("placeholders", 0):
        parts.append(ScoreComponent(label="placeholders", value=-0.1 * min(2, signals["placeholders"]),
                                    detail=f"{signals['placeholders']} template residue(s)"))
    value = round(min(0.95, max(0.05, sum(p.value for p in parts))), 6)  # 0.35, not 0.3500000000000001
    return value, parts


REFERENCE_TRUST = 0.95


def specificity(support: dict[str, int], n_witnesses: int) -> dict[str, float]:
    """How much a corroborated claim says about its source: a fact every source states (the
    headline) says nothing about who is careful, a detail two sources share says much."""
    if n_witnesses <= 2:
        return {c: 1.0 for c in support}
    return {c: max(SPECIFIC_FLOOR, 1.0 - (k - 2) / (n_witnesses - 2)) for c, k in support.items()}


SPECIFIC_FLOOR = 0.05


def truth_discovery(extractions: list[Extraction], corroborated: set[str], contradicted: dict[str, set[str]],
                    checkable: dict[str, list[str]], iterations: int = 20,
                    fixed: dict[str, float] | None = None,
                    weight_of: dict[str, float] | None = None,
                    contested: dict[str, list[float]] | None = None) -> dict[str, float]:
    """Iterate claim confidence and source trust on a bipartite networkx graph.  ``contested`` gives,
    per source, the verdict model's probability of an error for each of its values that other sources
    dispute but that no error finding covers: their sum, the errors to expect among them, counts as
    that many contradicted claims, so a source that loses many close calls sinks."""
    contested = contested or {}
    g = nx.Graph()
    priors = {ex.document.id: prior(ex.signals)[0] for ex in extractions}
    for sid, ids in checkable.items():
        g.add_node(sid, kind="source")
        for cid in ids:
            g.add_node(cid, kind="claim")
            g.add_edge(sid, cid)
    # claims of different sources that agree are joined through an agreement node
    fixed = fixed or {}
    priors.update(fixed)
    trust = dict(priors)
    for _ in range(iterations):
        conf: dict[str, float] = {}
        for sid, ids in checkable.items():
            for cid in ids:
                if cid in contradicted:
                    conf[cid] = 1.0 - max((trust.get(o, 0.5) for o in contradicted[cid]), default=0.5)
                elif cid in corroborated:
                    conf[cid] = 0.5 + 0.5 * trust[sid] if trust[sid] > 0 else 0.5
                    conf[cid] = max(conf[cid], 0.85)
                else:
                    conf[cid] = 0.5  # unverifiable: no evidence either way
        new = {}
        for sid in trust:
            if sid in fixed:
                new[sid] = fixed[sid]
                continue
            ids = checkable.get(sid, [])
            weights = {c: 1.0 if c in contradicted else (weight_of or {}).get(c, 1.0) if c in corroborated
                       else UNSUPPORTED_WEIGHT for c in ids}
            soft = contested.get(sid, ())
            # exact sums (math.fsum): the same figures whatever order the evidence came in
            new[sid] = (priors[sid] * SHRINK + math.fsum(conf[c] * weights[c] for c in ids)) / (
                SHRINK + math.fsum(weights.values()) + math.fsum(soft) * CONTESTED_WEIGHT)
        if max(abs(new[s] - trust[s]) for s in trust) < 1e-6:
            trust = new
            break
        trust = new
    return trust


def evidence_weight(checkable: dict[str, list[str]], corroborated: set[str], contradicted: dict[str, set[str]],
                    source: str, contested: dict[str, list[float]] | None = None) -> float:
    """How many claims' worth of evidence a source's trust rests on: its prior's pseudo-claims plus
    every checked claim (corroborated or contradicted), its contested values and a tenth of every
    unchecked claim."""
    return SHRINK + sum(1.0 if (c in corroborated or c in contradicted) else UNSUPPORTED_WEIGHT
                        for c in checkable.get(source, [])) + math.fsum((contested or {}).get(source, ())) * CONTESTED_WEIGHT


def interval(trust: float, weight: float, penalty: float = 0.0) -> tuple[float, float]:
    """A 95% interval for a trust that is the mean of ``weight`` claims' worth of evidence (the Beta
    posterior's normal approximation), shifted by the findings' penalty.  It shrinks as checked
    claims accumulate: 8 pseudo-claims alone give about ±0.33, 40 checked claims about ±0.14."""
    half = 1.96 * math.sqrt(max(trust * (1 - trust), 0.0025) / (weight + 1))
    lo, hi = trust - half - penalty, trust + half - penalty
    return round(max(0.0, lo), 4), round(min(1.0, hi), 4)


def uncertain(lo: float, hi: float) -> bool:
    """The interval straddles a label threshold: the label could be another one."""
    return label(lo) != label(hi)


PENALTY_CAP = {"error": 0.45, "warning": 0.15, "info": 0.0, "repeated": 0.0}


def finding_penalty(findings: list[Finding], source: str) -> tuple[float, dict[str, int]]:
    """What a source's findings cost: per finding by severity, each severity capped.  A finding that
    repeats another of the same document but for its own quote (トランプ前大統領 written three times)
    is one mistake, counted once and listed as a repeat."""
    counts: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for f in findings:
        if f.source == source:
            key = (f.type, re.sub(r"「[^」]*」", "", f.message, count=1))
            if key in seen and f.severity != "info":
                counts["repeated"] = counts.get("repeated", 0) + 1
                continue
            seen.add(key)
            counts[f.severity] = counts.get(f.severity, 0) + 1
    total = sum(min(PENALTY[sev] * n, PENALTY_CAP[sev]) for sev, n in counts.items())
    return total, counts


def label(score: float) -> str:
    return "high" if score >= 0.6 else "medium" if score >= 0.4 else "low"
