"""A document against its own calendar: a stated number of days that its own date range does not give.

「1月28日〜2月12日（計22日間）」 counts 16 days (15 elapsed); a document that writes both is wrong
about one of them.  The range and the count must sit in one sentence, within a few characters of
each other, so that the count is the range's and not another period's.  Both readings of a range
(inclusive and elapsed) clear it, and an approximate count (約2週間) is allowed its last digit.
"""
from __future__ import annotations

import datetime as dt

from claims.models import Extraction

from .common import Corpus
from .records import Finding

NEAR = 30  # characters between the end of the range and its count


def span_findings(corpus: Corpus, extractions: list[Extraction]) -> list[Finding]:
    out: list[Finding] = []
    for ex in extractions:
        source = ex.document.id
        if source in corpus.references:
            continue
        ranges = [s for s in ex.slots if s.slot == "date" and "/" in s.value]
        counts = [s for s in ex.slots if s.slot == "quantity" and s.quantity.unit == "日" and s.quantity.bound == "eq"]
        for r in ranges:
            yearless = "*" in r.value  # a month-day range: any year, give or take 29 February
            try:
                a, b = (dt.date.fromisoformat(x.replace("****", "2001")) for x in r.value.split("/"))
            except ValueError:
                continue
            elapsed = (b - a).days
            if elapsed <= 0:
                continue
            for q in counts:
                if q.line != r.line or not 0 <= q.start - r.end <= NEAR:
                    continue
                n = q.quantity.value
                slack = (1 if q.quantity.approx else 0) + (1 if yearless else 0)
                if min(abs(n - elapsed), abs(n - elapsed - 1)) <= slack:
                    continue
                out.append(Finding(
                    type="internal_contradiction", severity="error", source=source,
                    message=(f"「{q.quote}」 for the range 「{r.quote}」, which counts {elapsed + 1} days "
                             f"({elapsed} elapsed)"),
                    evidence=[corpus.span(source, q.start, q.end)],
                    contradicted_by=[corpus.span(source, r.start, r.end)],
                    claims=[c.id for c in corpus.by_source[source] if c.start < q.end and q.start < c.end]))
    return out
