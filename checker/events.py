"""Events across and inside documents: places, dates, durations and counts, negation."""
from __future__ import annotations

import re
from collections import defaultdict

from claims.lexicon import EVENT_COMPATIBLE
from claims.models import Claim

from claims.roles import place_parts

from .blocking import COUNT_CAP, sample, source_pairs
from .common import (Corpus, other_ordinal, days_of, near_in_time, place_corroborated, places_match, same_day,
                     same_participants, to_date, two_clocks)
from .located import located_conflicts as _located_conflicts
from .records import Finding


def classes_match(a: Claim, b: Claim) -> bool:
    ea, eb = a.qualifiers.event, b.qualifiers.event
    return ea == eb or frozenset({ea, eb}) in EVENT_COMPATIBLE


def same_event(a: Claim, b: Claim) -> bool:
    """The same participants, or, for events without people (地震), the same place."""
    if a.qualifiers.partners or b.qualifiers.partners:
        return same_participants(a, b)
    return places_match(a.qualifiers.place, b.qualifiers.place)


def _venue_index(corpus: Corpus) -> dict[tuple, list[Claim]]:
    """Placed claims by what could make them rivals: (day) for dated events, (class) for 震源/会場."""
    index: dict[tuple, list[Claim]] = defaultdict(list)
    for o in corpus.claims:
        if not o.qualifiers.place or o.qualifiers.planned or o.qualifiers.negated:
            continue
        if o.kind == "event" and o.qualifiers.time and len(o.qualifiers.time) == 10:
            for day in days_of(o.qualifiers):  # 21日（日本時間22日）: a venue of either day
                index[("day", day)].append(o)
        if o.predicate_class.startswith("located:"):
            index[("located", o.predicate_class)].append(o)
    for key in [k for k in index if k[0] == "located"]:  # a block of many sources: its sample, once
        index[("located-shown", key[1])] = list(sample(index[key], lambda o: o.id))
    return index


def _rival_venues(index: dict[tuple, list[Claim]], claims: list[Claim]) -> list[Claim]:
    """Other sources' venues for the same occurrence (same kind of event, the same participants or,
    with nobody named, the same event noun, on the same day) or for the same attribute (震源, 会場),
    that this place is not: the positive sign that makes an unnamed place a warning, not a note."""
    out = []
    for c in claims:
        if c.qualifiers.planned:
            continue
        if c.kind == "event" and c.qualifiers.event and c.qualifiers.time:
            out += [o for day in days_of(c.qualifiers) for o in index.get(("day", day), ()) if classes_match(c, o)
                    and (same_participants(c, o) if c.qualifiers.partners or o.qualifiers.partners
                         else c.predicate == o.predicate)]
        if c.predicate_class.startswith("located:"):
            out += index.get(("located-shown", c.predicate_class), [])
    return [o for o in dict.fromkeys(out)
            if o.source != claims[0].source and not places_match(o.qualifiers.place, claims[0].qualifiers.place)]


def event_findings(corpus: Corpus) -> list[Finding]:
    events = [c for c in corpus.claims if c.kind == "event"]
    venues = _venue_index(corpus)
    out: list[Finding] = []
    # unsupported places: a venue or location that no other source names
    by_place: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in corpus.claims:
        if c.kind in ("event", "place") or c.predicate_class.startswith("located:"):
            if c.qualifiers.place:
                by_place[(c.source, place_parts(c.qualifiers.place)[-1])].append(c)
    for (source, key), claims in sorted(by_place.items()):
        if place_corroborated(corpus, source, claims[0].qualifiers.place or key):
            continue
        claims.sort(key=lambda c: (c.kind == "place", c.start))  # event venues first
        what = "event placed in" if claims[0].kind == "event" else "place"
        per_line: dict[int, Claim] = {}
        for c in claims:  # one quote a line, the event claim where there is one
            per_line.setdefault(c.line, c)
        shown = sorted(per_line.values(), key=lambda c: (c.kind == "place", c.start))[:6]
        rivals = _rival_venues(venues, claims)
        out.append(Finding(type="unsupported_claim", severity="warning" if rivals else "info", source=source,
                           message=f"{what} {claims[0].qualifiers.place}; no other source names this place"
                                   + (f", and {len({r.source for r in rivals})} other source(s) place "
                                      f"{claims[0].qualifiers.event or 'it'} elsewhere" if rivals else ""),
                           contradicted_by=corpus.evidence_of(rivals),
                           rule="events.unsupported_venue" if claims[0].kind == "event" or
                           claims[0].predicate_class.startswith("located:") else "events.unsupported_place",
                           evidence=sorted((corpus.evidence(c) for c in shown), key=lambda e: e.start),
                           claims=[c.id for c in claims]))
    out += _located_conflicts(corpus)
    # the same event (participants, class, day) placed or dated differently across sources;
    # candidate pairs share a participant or a place (blocking), never all pairs
    blocks: dict[tuple, list[Claim]] = defaultdict(list)
    for e in events:
        for p in e.qualifiers.partners:
            blocks[("p", p)].append(e)
        if not e.qualifiers.partners and e.qualifiers.place:
            blocks[("pl", place_parts(e.qualifiers.place)[0])].append(e)
        if len(e.predicate) >= 3:  # a named kind of event (総裁選, 首脳会談) for dates given without names
            blocks[("w", e.predicate)].append(e)
    pairs = source_pairs(blocks.values())
    for _, (a, b) in sorted(pairs.items()):
        if not classes_match(a, b):
            continue
        bare = [c for c in (a, b) if not c.qualifiers.partners and not c.qualifiers.place]
        if bare and a.predicate == b.predicate and not _other_occasion(corpus, a, b):
            for x in bare:  # an event dated with nobody and nowhere named
                f = _bare_date_conflict(corpus, x, b if x is a else a)
                if f:
                    out.append(f)
        if not same_event(a, b) or _other_occasion(corpus, a, b):
            continue
        qa, qb = a.qualifiers, b.qualifiers
        if qa.planned or qb.planned or qa.negated or qb.negated:
            continue
        da, db = to_date(qa.time), to_date(qb.time)
        if da and db and same_day(qa, qb) and qa.place and qb.place and not places_match(qa.place, qb.place) \
                and not _gives_place(corpus, a.source, qb.place) and not _gives_place(corpus, b.source, qa.place):
            out.append(_conflict(corpus, "location_conflict", a, b,
                                 f"{qa.event} of {qa.time} placed in {{mine}}; {{src}} places it in {{theirs}}",
                                 qa.place, qb.place))
        if da and db and not same_day(qa, qb) and qa.event == qb.event and a.predicate == b.predicate \
                and not (_anaphoric(qa.time_text) or _anaphoric(qb.time_text)) \
                and _names_present(corpus, a) and _names_present(corpus, b) \
                and not (qa.time_end or qb.time_end) and len(set(qa.keywords) & set(qb.keywords)) >= 3 \
                and (not (qa.place and qb.place) or places_match(qa.place, qb.place)) \
                and (qa.place or qb.place or qa.partners) \
                and (qa.partners or near_in_time(qa.time, qb.time)) \
                and not two_clocks(corpus, (a.source, b.source), da, db):  # a quake a year apart is another quake
            f = _conflict(corpus, "date_conflict", a, b,
                          f"{qa.event}{' in ' + (qa.place or qb.place) if qa.place or qb.place else ''} dated "
                          f"{{mine}}; {{src}} dates it {{theirs}}", qa.time, qb.time, need_support=True)
            if f:
                out.append(f)
    return out


def _bare_date_conflict(corpus: Corpus, bare: Claim, named: Claim) -> Finding | None:
    """"総裁選は9月28日に行われた", with nobody named, against the date most sources give the
    same kind of event: blamed only when nobody else gives its date and two or more give the other."""
    qa, qb = bare.qualifiers, named.qualifiers
    if _anaphoric(qa.time_text) or _anaphoric(qb.time_text):
        return None
    da, db = to_date(qa.time), to_date(qb.time)
    if not (da and db) or same_day(qa, qb) or qa.time_end or qb.time_end or qa.planned or qb.planned:
        return None
    if two_clocks(corpus, (bare.source, named.source), da, db):
        return None  # 14日 in Japan of what was 13日 where it happened
    if len(set(qa.keywords) & set(qb.keywords)) < 2:
        return None
    same_kind = [c for c in corpus.claims if c.kind == "event" and c.predicate == bare.predicate]
    mine = {c.source for c in same_kind if c.source != bare.source and same_day(c.qualifiers, qa)}
    theirs = {c.source for c in same_kind if c.source != bare.source and same_day(c.qualifiers, qb)}
    if mine or len(theirs) < 2:
        return None
    if any(c.source == bare.source and same_day(c.qualifiers, qb) for c in same_kind):
        return None  # the document gives the other date too: two occasions (local and Japanese time …)
    return Finding(type="date_conflict", severity="error", source=bare.source,
                   message=f"{bare.predicate} dated {qa.time}; {named.source} dates it {qb.time}",
                   evidence=[corpus.evidence(bare)], contradicted_by=[corpus.evidence(named)], claims=[bare.id])


def _gives_place(corpus: Corpus, source: str, place: str) -> bool:
    """The document places something of its own there too: two legs of one trip (インドを訪問していた
    最中 and キーウを訪れ), not one event in two places."""
    return any(c.qualifiers.place and places_match(c.qualifiers.place, place) for c in corpus.by_source[source])


def _other_occasion(corpus: Corpus, a: Claim, b: Claim) -> bool:
    """Sentences about different numbered occasions (3号機 against 2号機, 第4回 against 第5回)."""
    def sentence(c: Claim) -> str:
        return corpus.docs[c.source].text[c.sentence_start:c.sentence_end]
    return other_ordinal(sentence(a), sentence(b))


def _anaphoric(text: str | None) -> bool:
    """同日, 前日, 翌日, or a day with no month (8日): a date read from whatever date came before, too
    uncertain to blame."""
    if not text:
        return False
    return any(w in text for w in ("同日", "前日", "翌日", "当日", "同月")) or not re.search(r"月|年|[/\-.．]", text)


def _names_present(corpus: Corpus, c: Claim) -> bool:
    """Every participant is named in the claim's own sentence (not carried over from an earlier one)."""
    sentence = corpus.docs[c.source].text[c.sentence_start:c.sentence_end]
    return all(name.split("・")[-1] in sentence for name in c.qualifiers.participants)


def _conflict(corpus: Corpus, typ: str, a: Claim, b: Claim, template: str, va, vb,
              need_support: bool = False) -> Finding | None:
    """Blame the side with fewer supporting sources (ties: the later source id).

    With ``need_support``, only a value nobody else gives, against one that another source gives,
    is blamed: two dated occurrences (two press conferences) must not contradict each other."""
    def support(c: Claim, value, attr) -> int:
        """Other sources that give this value for the same event (counted up to COUNT_CAP); a day
        given on either clock (21日（日本時間22日）) supports either."""
        found: set[str] = set()
        values = {value} | ({c.qualifiers.time_alt} if attr == "time" and c.qualifiers.time_alt else set())
        names = (attr, "time_alt") if attr == "time" else (attr,)
        others = (o for name in names for v in sorted(values)
                  for o in corpus.grouped(name, lambda o, n=name: (o.kind, getattr(o.qualifiers, n))).get((c.kind, v), ()))
        for o in others:
            if o.source != c.source and classes_match(o, c) and same_event(o, c):
                found.add(o.source)
                if len(found) >= COUNT_CAP:
                    break
        return len(found)
    attr = "place" if typ == "location_conflict" else "time"
    memo = corpus._groups.setdefault("event support", {})  # a claim is in many pairs: counted once

    def counted(c: Claim, value) -> int:
        key = (c.id, value, attr)
        if key not in memo:
            memo[key] = support(c, value, attr)
        return memo[key]
    sa, sb = counted(a, va), counted(b, vb)
    refs = corpus.references
    if need_support and not (a.source in refs or b.source in refs) and (sa == 0) == (sb == 0):
        return None
    a_first = (b.source in refs, sa < sb or (sa == sb and a.source > b.source)) > (a.source in refs, False)
    wrong, right, vw, vr = (a, b, va, vb) if a_first else (b, a, vb, va)
    return Finding(type=typ, severity="error", source=wrong.source,
                   message=template.format(mine=vw, theirs=vr, src=right.source), evidence=[corpus.evidence(wrong)],
                   contradicted_by=[corpus.evidence(right)], claims=[wrong.id])


def internal_event_findings(corpus: Corpus) -> list[Finding]:
    """A place a document marks as not held (議論のみ, 中止) and elsewhere gives as the venue."""
    out = []
    for source, claims in sorted(corpus.by_source.items()):
        events = [c for c in claims if c.kind == "event" and c.qualifiers.place]
        for a in events:
            if not a.qualifiers.negated:
                continue
            held = [b for b in events if b.id != a.id and not b.qualifiers.negated and not b.qualifiers.planned
                    and not b.qualifiers.hedged and places_match(a.qualifiers.place, b.qualifiers.place)
                    and b.sentence_start != a.sentence_start]
            if held:
                # the plainest statement that it took place: a stated date, a table's key-value row
                b = max(held, key=lambda c: (c.qualifiers.topic is not None, c.qualifiers.table is not None,
                                             c.qualifiers.time is not None, -c.start))
                out.append(Finding(
                    type="internal_contradiction", severity="error", source=source,
                    message=(f"{a.qualifiers.place}: marked as not held here, but the same document gives "
                             f"{b.qualifiers.place} as the venue"),
                    evidence=[corpus.evidence(a), corpus.evidence(b)], claims=[a.id, b.id]))
    return out
