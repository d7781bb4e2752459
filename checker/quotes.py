"""Misattributed quotations: the same words given to a different speaker than other sources give them to.

Quotations are matched by their text (rapidfuzz ``partial_ratio``, so a shortened quote still
matches the full one), found through shared 8-character shingles rather than by comparing all pairs
(every shingle of every quote is indexed; every fourth shingle of a quote is looked up).
"""
from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from .blocking import Blocks
from .common import Corpus
from .records import Finding

MIN_CHARS = 10
SHINGLE = 8
SIMILAR = 85


def _norm(text: str | None) -> str:
    return re.sub(r"[「」『』（）()、。,.\s・!！?？]", "", text or "")


def _shingles(t: str, step: int = 1) -> list[str]:
    return [t[i:i + SHINGLE] for i in range(0, max(1, len(t) - SHINGLE + 1), step)]


PRIOR_GAP = 0.1  # one source against one: blame only a page whose signals are this much weaker


def quote_misattributions(corpus: Corpus, done: set[str], priors: dict[str, float] | None = None) -> list[Finding]:
    """``priors`` (page signals) decide one source against one, when they differ clearly."""
    priors = priors or {}
    who = _titled_speakers(corpus)
    said = [c for c in corpus.claims if c.kind == "statement" and (c.qualifiers.speaker_id or (c.source, c.qualifiers.speaker) in who)
            and len(_norm(c.qualifiers.content)) >= MIN_CHARS]
    speaker_of = {c.id: c.qualifiers.speaker_id or who[(c.source, c.qualifiers.speaker)] for c in said}
    norm = {c.id: _norm(c.qualifiers.content) for c in said}
    # every shingle is indexed, every fourth is looked up: offsets need not align; a phrase of many
    # sources is read through a sample (checker.blocking)
    index = Blocks(said, lambda c: _shingles(norm[c.id]), None)
    by_id = {c.id: c for c in said}
    out = []
    for n, y in enumerate(said):
        if y.id in done or y.source in corpus.references or not y.qualifiers.speaker_id:
            continue
        t = norm[y.id]
        candidates = {said[j].id for j in index.near(n, _shingles(t, 4))} | {y.id}
        same = [by_id[o] for o in sorted(candidates) if by_id[o].source != y.source
                and fuzz.partial_ratio(t, norm[o]) >= SIMILAR]
        if not same:
            continue
        speakers: dict[str, set[str]] = defaultdict(set)
        for o in same:
            speakers[speaker_of[o.id]].add(o.source)
        mine = speakers.pop(y.qualifiers.speaker_id, set())
        if not speakers:
            continue
        other, sources = max(speakers.items(), key=lambda kv: (len(kv[1]), kv[0]))
        one_to_one = len(sources) == 1 and not mine and \
            round(priors.get(next(iter(sources)), 0.5) - priors.get(y.source, 0.5), 6) >= PRIOR_GAP
        if len(sources) <= len(mine) + 1 and not (sources & corpus.references) and not one_to_one:
            continue  # the majority must be clear: two sources or more beyond the ones agreeing with Y
        mine_name, their_name = corpus.label(y.qualifiers.speaker_id, y.subject), corpus.label(other)
        if mine_name and their_name and (mine_name in their_name or their_name in mine_name):
            continue  # 林 and 林芳正: one person under two forms of the name
        theirs = [o for o in same if speaker_of[o.id] == other]
        out.append(Finding(
            type="misattribution", severity="error", source=y.source,
            message=(f"「{y.qualifiers.content[:40]}」 is attributed to {corpus.label(y.qualifiers.speaker_id, y.subject)}; "
                     f"{len(sources)} source(s) attribute these words to {corpus.label(other)}"),
            evidence=[corpus.evidence(y)], contradicted_by=corpus.evidence_of(theirs),
            claims=[y.id]))
    return out


def _titled_speakers(corpus: Corpus) -> dict[tuple[str, str], str]:
    """A speaker named by a title alone (国王は「…」と述べた) is the one person the corpus gives that
    title: the one its own document gives it, else the one all documents give it.  A title two
    people hold (大統領 in a text on an election) names no one."""
    holders: dict[str, set[str]] = defaultdict(set)
    in_doc: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in corpus.claims:
        if c.kind == "role" and c.subject_id and c.qualifiers.role:
            for title in {c.qualifiers.role, c.object or c.qualifiers.role}:
                holders[title].add(c.subject_id)
                in_doc[(c.source, title)].add(c.subject_id)
    out: dict[tuple[str, str], str] = {}
    for c in corpus.claims:
        if c.kind != "statement" or c.qualifiers.speaker_id or not c.qualifiers.speaker:
            continue
        key = (c.source, c.qualifiers.speaker)
        ids = in_doc.get(key) or holders.get(c.qualifiers.speaker, set())
        if len(ids) == 1:
            out[key] = next(iter(ids))
    return out
