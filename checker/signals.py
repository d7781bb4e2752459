"""Page-level findings: template residue and statistics with no named source."""
from __future__ import annotations

from claims.values import find_placeholders, quantities_agree

from .common import Corpus
from .records import Finding

STAT_UNITS = {"%"}


def placeholder_findings(corpus: Corpus) -> list[Finding]:
    out = []
    for sid, doc in sorted(corpus.docs.items()):
        for start, end, text in find_placeholders(doc.text):
            out.append(Finding(type="placeholder", severity="warning", source=sid,
                               message=f"template residue 「{text}」 where a real value belongs",
                               evidence=[corpus.span(sid, start, end)]))
    return out


def unsourced_statistics(corpus: Corpus) -> list[Finding]:
    out = []
    qs = [c for c in corpus.claims if c.kind == "quantity" and c.qualifiers.quantity]
    for c in qs:
        q = c.qualifiers.quantity
        if q.unit not in STAT_UNITS or c.qualifiers.attributed:
            continue
        if any(o.source != c.source and quantities_agree(o.qualifiers.quantity, q) for o in qs
               if o.predicate_class == c.predicate_class):
            continue
        out.append(Finding(type="unsourced_statistic", severity="warning", source=c.source,
                           message=f"figure {q.text} with no named source and no other source giving it",
                           evidence=[corpus.evidence(c)], claims=[c.id]))
    return out


def unsupported_figures(corpus: Corpus, corroborated: set[str], already: set[str]) -> list[Finding]:
    """A count, duration or amount that no other source gives (same unit, agreeing value)."""
    out = []
    qs = [c for c in corpus.claims if c.kind == "quantity" and c.qualifiers.quantity]
    for c in qs:
        q = c.qualifiers.quantity
        if c.id in corroborated or c.id in already or q.unit in STAT_UNITS or c.source in corpus.references:
            continue
        if any(o.source != c.source and o.predicate_class == c.predicate_class
               and quantities_agree(o.qualifiers.quantity, q) for o in qs):
            continue
        what = "・".join(c.qualifiers.measure[-2:]) or c.subject
        out.append(Finding(type="unsupported_claim", severity="warning", source=c.source,
                           message=f"figure {q.text} ({what}) appears in no other source",
                           evidence=[corpus.evidence(c)], claims=[c.id]))
    return out
