"""Helpers shared by the comparison rules: evidence, date distance, place and participant matching."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
import gc
from collections import defaultdict
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterable

from claims.models import Claim, Document, Evidence
from claims.roles import place_parts
from claims.segment import line_of, line_starts


class Corpus:
    """The resolved claims of all documents, indexed for the rules."""

    def __init__(self, docs: Iterable[Document], claims: Iterable[Claim], labels: dict[str, str],
                 references: Iterable[str] = ()):
        self.docs = {d.id: d for d in docs}
        self.references = set(references)  # sources of fixed high trust (--reference files)
        self.witness: dict[str, str] = {d: d for d in self.docs}  # near-copies share one (checker.copies)
        self.person = lambda name: None  # a name to its person id (set by checker.pipeline.build_corpus)
        self.person_sources: dict[str, set[str]] = {}  # person id -> the documents naming them (likewise)
        self.place_index: dict[str, set[str]] | None = None  # place part -> sources, built on first use
        self._place_grams: dict[str, list[str]] | None = None
        self._text_grams: dict[str, list[str]] | None = None
        self._containing: dict[str, set[str]] = {}
        self._groups: dict[str, dict] = {}
        self.claims = list(claims)
        self.labels = labels
        self._starts = {d: line_starts(doc.text) for d, doc in self.docs.items()}
        self.by_source: dict[str, list[Claim]] = defaultdict(list)
        for c in self.claims:
            self.by_source[c.source].append(c)

    def grouped(self, name: str, key) -> dict:
        """The claims grouped by ``key`` (built once per ``name``, kept in corpus order)."""
        if name not in self._groups:
            groups: dict = defaultdict(list)
            for c in self.claims:
                groups[key(c)].append(c)
            self._groups[name] = groups
        return self._groups[name]

    def places(self) -> dict[str, set[str]]:
        """Place part -> the sources that claim a place with that part."""
        if self.place_index is None:
            index: dict[str, set[str]] = defaultdict(set)
            for c in self.claims:
                if c.qualifiers.place:
                    for x in place_parts(c.qualifiers.place):
                        index[x].add(c.source)
            self.place_index = index
        return self.place_index

    def place_keys(self, part: str) -> list[str]:
        """The claimed place parts that share ``part``'s first two characters somewhere."""
        if self._place_grams is None:
            grams: dict[str, list[str]] = defaultdict(list)
            for x in self.places():
                for g in {x[i:i + 2] for i in range(len(x) - 1)}:
                    grams[g].append(x)
            self._place_grams = grams
        return self._place_grams.get(part[:2], [])

    def containing(self, word: str) -> set[str]:
        """The documents whose text contains ``word`` (found through a character-bigram index)."""
        if word in self._containing:
            return self._containing[word]
        if self._text_grams is None:
            grams: dict[str, list[str]] = defaultdict(list)
            for sid, d in self.docs.items():
                for g in {d.text[i:i + 2] for i in range(len(d.text) - 1)}:
                    grams[g].append(sid)
            self._text_grams = grams
        if len(word) > 1:
            lists = [self._text_grams.get(word[i:i + 2], []) for i in range(len(word) - 1)]
            candidates = min(lists, key=len)
        else:
            candidates = list(self.docs)
        found = {sid for sid in candidates if word in self.docs[sid].text}
        self._containing[word] = found
        return found

    def evidence(self, c: Claim) -> Evidence:
        return Evidence(source=c.source, quote=c.quote, start=c.start, end=c.end, line=c.line)

    def evidence_of(self, claims: Iterable[Claim], limit: int = 6) -> list[Evidence]:
        """The evidence of the first ``limit`` distinct claim spans, in document order: as
        ``dedupe(self.evidence(c) for c in claims)``, building only the quotes that are kept."""
        out, seen = [], set()
        for c in sorted(claims, key=lambda c: (c.source, c.start, c.end)):
            k = (c.source, c.start, c.end)
            if k not in seen:
                seen.add(k)
                out.append(c)
                if len(out) == limit:
                    break
        return [self.evidence(c) for c in out]

    def span(self, source: str, start: int, end: int) -> Evidence:
        text = self.docs[source].text
        return Evidence(source=source, quote=text[start:end], start=start, end=end,
                        line=line_of(self._starts[source], start))

    def label(self, eid: str | None, fallback: str = "") -> str:
        return self.labels.get(eid or "", fallback or (eid or ""))


CLOCK_WORDS = ("日本時間", "現地時間", "時間で", "米東部時間", "現地")


def two_clocks(corpus: Corpus, sources: tuple[str, ...], da: dt.date, db: dt.date) -> bool:
    """Two days one apart where either text reads a clock (日本時間, 現地時間): local and Japanese time
    of one moment, not two dates."""
    return abs((da - db).days) == 1 and any(w in corpus.docs[s].text for s in sources for w in CLOCK_WORDS)


@lru_cache(maxsize=1 << 16)
def to_date(iso: str | None) -> dt.date | None:
    if iso and len(iso) == 10:
        try:
            return dt.date.fromisoformat(iso)
        except ValueError:
            return None
    return None


def days_of(q) -> tuple[str, ...]:
    """The days a claim's time may be: its day, and the same moment's day on another clock (15日（日本時間16日）)."""
    return tuple(x for x in (q.time, q.time_alt) if x)


def same_day(qa, qb) -> bool:
    """Two claims' times are the same day on some clock: 21日 (local) and 日本時間22日 are one moment."""
    return bool(qa.time and qb.time) and bool(set(days_of(qa)) & set(days_of(qb)))


def near_in_time(a: str | None, b: str | None, days: int = 62, a_end: str | None = None,
                 b_end: str | None = None) -> bool:
    """Two (partial) dates that can fall within ``days`` of each other; unknown is not near.

    With an end (a tenure from the reference file), the other date must fall inside the span.
    """
    if not a or not b:
        return False
    if a_end or b_end:
        (s1, e1), (s2, e2) = (a, a_end or a), (b, b_end or b)
        n = min(len(s1), len(s2), len(e1), len(e2))
        return s1[:n] <= e2[:n] and s2[:n] <= e1[:n]
    da, db = to_date(a), to_date(b)
    if da and db:
        return abs((da - db).days) <= days
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def places_match(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    pa, pb = place_parts(a), place_parts(b)
    return any(x == y or (len(x) > 1 and len(y) > 1 and (x in y or y in x)) for x in pa for y in pb)


def shared(a: Iterable[str], b: Iterable[str]) -> int:
    return len(set(a) & set(b))


def same_participants(a: Claim, b: Claim, need: int = 2) -> bool:
    pa, pb = set(a.qualifiers.partners), set(b.qualifiers.partners)
    if len(pa) >= need and len(pb) >= need:
        return len(pa & pb) >= need
    return bool(pa) and pa == pb


def dedupe(evs: Iterable[Evidence], limit: int = 6) -> list[Evidence]:
    out, seen = [], set()
    for e in sorted(evs, key=lambda e: (e.source, e.start, e.end)):
        k = (e.source, e.start, e.end)
        if k not in seen:
            seen.add(k)
            out.append(e)
    return out[:limit]


def place_corroborated(corpus: "Corpus", source: str, place: str) -> bool:
    """Another source names this place: its most specific part, as a claim or anywhere in its text."""
    last = place_parts(place)[-1]
    index = corpus.places()
    # a claimed place equal to it, inside it, or containing it (two characters or more)
    if index.get(last, set()) - {source}:
        return True
    if len(last) > 1:
        inner = {last[i:j] for i in range(len(last)) for j in range(i + 2, len(last) + 1)}
        if any(index.get(x, set()) - {source} for x in inner):
            return True
        if any(index[x] - {source} for x in corpus.place_keys(last) if last in x):
            return True
    return bool(corpus.containing(last) - {source})


@contextmanager
def no_cyclic_gc():
    """The cyclic garbage collector off: analysis makes millions of small records and no garbage
    cycles worth collecting, and each collection would walk all of them (a third of the time on a
    large corpus).  Reference counting still frees everything; the collector is on again after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


ORDINAL = re.compile(r"(?:第\s*([0-9０-９]+)\s*(号機|回|戦|局|代|期|次|便|弾|節|日)|([0-9０-９]+)\s*(号機|回目|次|度目|便|弾))")
FIRST = re.compile(r"(初号機|初回|第1弾|初戦)")


def ordinals(text: str) -> dict[str, set[int]]:
    """The ordinals a sentence names, by counter: 3号機, 第4回, 2回目 (初号機 is 1号機)."""
    out: dict[str, set[int]] = {}
    for m in ORDINAL.finditer(text):
        n = int(unicodedata.normalize("NFKC", m.group(1) or m.group(3)))
        unit = (m.group(2) or m.group(4)).replace("回目", "回").replace("度目", "回")
        out.setdefault(unit, set()).add(n)
    for m in FIRST.finditer(text):
        unit = {"初号機": "号機", "初回": "回", "第1弾": "弾", "初戦": "戦"}[m.group(1)]
        out.setdefault(unit, set()).add(1)
    return out


def other_ordinal(a: str, b: str) -> bool:
    """Two sentences about different numbered occasions: 3号機 against 2号機, 第4回 against 第5回."""
    oa, ob = ordinals(a), ordinals(b)
    return any(oa[u].isdisjoint(ob[u]) for u in oa.keys() & ob.keys())
