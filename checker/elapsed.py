"""A document against its own calendar, across sentences: an elapsed time it states between two
events (発生から鎮火まで75日間, 打ち上げから2か月足らずで…) that its own dates of those events do not give.

The two ends must be named: 「XからYまで …N日間」, or 「Xから … N か月」 in a sentence that gives its own
date (the end).  Each end is found among the document's own dated statements (date slots whose
predicate or argument words hold the event noun, as 「2月26日に発生した」 holds 発生); an end that the
document dates two ways takes no side.  The stated time is allowed its rounding (約, ほど), its bound
(足らず, 以上), a day either way for counting, and a quarter of the span besides: only a time that is
plainly another span is flagged.
"""
from __future__ import annotations

import datetime as dt
import re

from claims.models import Extraction, Slot
from claims.slots import fold as _fold

from .common import Corpus
from .records import Finding

# 発生から鎮火まで、じつに / 打ち上げからわずか: the start, the end (optional), then the figure
FROM = re.compile(r"(?P<x>[一-龥ァ-ヴーぁ-ん]{2,8})から(?:(?P<between>[^。！？「」]{0,14}?)(?P<y>[一-龥ァ-ヴーぁ-ん]{2,8})まで)?")
DAYS = {"分": 1 / 1440, "日": 1.0, "月": 30.44, "年": 365.25}  # a quantity's unit in days (48時間 is 2880分)
NEAR = 12  # characters between the anchors and the figure
AFTER = 16  # characters after the figure where the event that ends the span is named
WORD = re.compile(r"[一-龥]{2,4}")
SLACK = 0.25  # a stated span is plainly another one beyond this share


def _keys(noun: str) -> set[str]:
    """The event noun and its tails (事件発生 → 発生, ロケットの打ち上げ → 打ち上げ), folded as slot
    predicates are; a tail that starts with a kana particle (の打ち上げ) is not a word."""
    tails = {noun[-k:] for k in range(2, min(len(noun), 6) + 1)}
    return {_fold(w) for w in tails | {noun} if not re.match(r"[ぁ-ん]", w)}


def _day(s: Slot) -> dt.date | None:
    value = s.value.partition("/")[0]
    if "*" in value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _dated(dates: list[Slot], noun: str, skip: tuple[int, int]) -> tuple[dt.date, Slot] | None:
    """The one day the document gives for the event ``noun`` (None when it gives none, or two)."""
    keys = _keys(noun)
    found = [(d, s) for s in dates if (d := _day(s)) and s.exact and not s.planned
             and (s.head in keys or keys & set(s.args)) and not (skip[0] <= s.start < skip[1])]
    days = {d for d, _ in found}
    return (found[0][0], found[0][1]) if len(days) == 1 else None


def _sentence(text: str, at: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, at) for c in "。\n！？") + 1
    ends = [i for i in (text.find(c, at) for c in "。\n！？") if i >= 0]
    return start, min(ends) if ends else len(text)


def elapsed_findings(corpus: Corpus, extractions: list[Extraction]) -> list[Finding]:
    out: list[Finding] = []
    for ex in extractions:
        source = ex.document.id
        if source in corpus.references:
            continue
        text = ex.document.text
        dates = [s for s in ex.slots if s.slot == "date"]
        spans = [s for s in ex.slots if s.slot == "quantity" and s.quantity.unit in DAYS]
        for q in spans:
            a, b = _sentence(text, q.start)
            head = text[a:q.start]
            m = None
            for m in FROM.finditer(head):
                pass
            if m is None or len(head) - m.end() > NEAR:
                continue
            start = _dated(dates, m.group("x"), (a, b) if not m.group("y") else (0, 0))
            to = m.group("y") or "the date of this sentence"
            if m.group("y"):
                end = _dated(dates, m.group("y"), (0, 0))
            else:  # the sentence's own date is the end (判決から3カ月となった10月3日), else the event it
                # goes on to name (打ち上げから2か月足らずで月面に到達: 到達), dated elsewhere in the document
                own = [(d, s) for s in dates if a <= s.start < b and s.exact and (d := _day(s))]
                end = own[-1] if len({d for d, _ in own}) == 1 else None
                if not own:
                    after = text[q.end:min(b, q.end + AFTER)]
                    for noun in WORD.findall(after):
                        if noun != m.group("x") and (end := _dated(dates, noun, (a, b))):
                            to = noun
                            break
            if not start or not end or end[1] is start[1]:
                continue
            days = (end[0] - start[0]).days
            if days <= 0:
                continue
            stated = q.quantity.value * DAYS[q.quantity.unit]
            allow = SLACK * days + 1 + (DAYS[q.quantity.unit] if q.quantity.approx else 0)
            bound = q.quantity.bound
            wrong = (days > stated + allow) if bound == "le" else (days < stated - allow) if bound == "ge" \
                else abs(days - stated) > allow
            if not wrong:
                continue
            out.append(Finding(
                type="internal_contradiction", severity="error", source=source,
                message=(f"「{q.quote}」 from {m.group('x')} to {to}; "
                         f"the document's own dates ({start[0].isoformat()}, {end[0].isoformat()}) "
                         f"are {days} days apart"),
                evidence=[corpus.span(source, q.start, q.end)],
                contradicted_by=[corpus.span(source, s.start, s.end) for _, s in (start, end)],
                claims=[c.id for c in corpus.by_source[source] if c.start < q.end and q.start < c.end]))
    return out
