"""前/元 against the sitting title: who other sources show in office, or out of it, at the time of writing.

A 前/元 title is true of the day its text was written; a plain title of the day its sentence speaks
of.  Two texts of about the same time that disagree on whether a person still held an office are one
fact stated two ways; the side fewer sources of that time take is flagged, and a tie takes no side.
"""
from __future__ import annotations

from collections import defaultdict

from claims.models import Claim
from claims.roles import UNIQUE_OFFICES

from .common import Corpus, near_in_time
from .records import Finding
from .roles import _country, _day, _Near, _written, _year_or_month, person_countries

NEAR_DAYS = 31  # two texts this close in time speak of one state of an office


def former_findings(corpus: Corpus, priors: dict[str, float] | None = None) -> list[Finding]:
    countries = person_countries(corpus)
    roles = [c for c in corpus.claims if c.kind == "role" and c.subject_id and c.qualifiers.role]
    return _former_conflicts(corpus, roles, countries) + _sitting_conflicts(corpus, roles, countries)


def _former_conflicts(corpus: Corpus, roles: list[Claim], countries: dict[str, str]) -> list[Finding]:
    """前大統領 / 元長官 for someone other sources show in that office at that date."""
    out = []
    near = _Near([x for x in roles if x.qualifiers.status == "current"], lambda c: c.subject_id, corpus.references)
    formers_of: dict[tuple, list[Claim]] = defaultdict(list)
    for x in roles:
        if x.qualifiers.status == "former":
            formers_of[(x.subject_id, x.qualifiers.role)].append(x)
    for y in roles:
        if y.qualifiers.status != "former" or y.source in corpus.references:
            continue
        cy = _country(y, countries)
        # 前/元 is true of the time of writing: "黒田前総裁のもと2013年に始まった" written in 2024
        when = _written(corpus, y)
        own = y.qualifiers.time
        if own and _year_or_month(own) and (not when or when[:len(own)] < own):
            when = own  # 2025年に入り、トランプ前大統領…: written no earlier than the year it speaks of
        # a day: the claims of the months around it; a year or month: all of this person's (sampled if many)
        pool = near.around(y.subject_id, when) if _day(when) else near.around(y.subject_id, None, "all")
        sitting = [x for x in pool if x.subject_id == y.subject_id and x.source != y.source
                   and x.qualifiers.status == "current" and x.qualifiers.role == y.qualifiers.role
                   and _country(x, countries) in (cy, None) and _day(x.qualifiers.time) and (
                       near_in_time(when, x.qualifiers.time, days=31) if _day(when)
                       else bool(when) and _year_or_month(when) and x.qualifiers.time.startswith(when))]
        srcs = sorted({x.source for x in sitting})
        if not srcs or not _day(when) and len(srcs) < 2:
            continue  # a year alone is a loose date: two sources must show the person sitting in it
        if y.qualifiers.role not in UNIQUE_OFFICES and len(srcs) < 2:
            continue  # 会長, 社長: one person may be 前会長 of one body and 会長 of another

        formers = {x.source for x in formers_of[(y.subject_id, y.qualifiers.role)] if x.source != y.source
                   and (not _day(when) or near_in_time(when, _written(corpus, x), days=31))}
        if len(formers) >= len(srcs):
            continue  # as many other sources call the person former too: no side to take against them
        name = corpus.label(y.subject_id, y.subject)
        out.append(Finding(
            type="role_conflict", severity="error", source=y.source,
            message=(f"{name} is called former {y.qualifiers.role} (「{y.quote}」) in a text of {when}; "
                     f"{len(srcs)} source(s) show {name} as the sitting {cy or ''}{y.qualifiers.role} at that date"),
            evidence=[corpus.evidence(y)], contradicted_by=corpus.evidence_of(sitting),
            claims=[y.id]))
    return out


def _sitting_conflicts(corpus: Corpus, roles: list[Claim], countries: dict[str, str]) -> list[Finding]:
    """A sitting title (現職の米財務長官であるX) for someone at least two other texts of that time call
    former (X元米財務長官, Xは元米財務長官), and no other text of that time shows sitting."""
    out = []
    formers: dict[tuple, list[Claim]] = defaultdict(list)
    sitting: dict[tuple, list[Claim]] = defaultdict(list)
    for x in roles:
        if x.qualifiers.status in ("former", "current"):
            by = formers if x.qualifiers.status == "former" else sitting
            by[(x.subject_id, x.qualifiers.role)].append(x)
    for key in sorted(sitting, key=str):
        for y in sitting[key]:
            if y.source in corpus.references or not formers.get(key):
                continue
            # a plain title is true of the day its sentence speaks of (採決時に退席した…議長)
            when = y.qualifiers.time if _day(y.qualifiers.time) else _written(corpus, y)
            if not _day(when):
                continue  # a loose date takes no side
            cy = _country(y, countries)
            near = [x for x in formers[key] if x.source != y.source and _country(x, countries) in (cy, None)
                    and near_in_time(when, _written(corpus, x), days=NEAR_DAYS)]
            srcs = sorted({x.source for x in near})
            others = {x.source for x in sitting[key] if x.source != y.source and near_in_time(
                when, x.qualifiers.time if _day(x.qualifiers.time) else _written(corpus, x), days=NEAR_DAYS)}
            if len(srcs) < 2 or others:
                continue
            name = corpus.label(y.subject_id, y.subject)
            out.append(Finding(
                type="role_conflict", severity="error", source=y.source,
                message=(f"{name} is called the sitting {cy or ''}{y.qualifiers.role} (「{y.quote}」) in a text of "
                         f"{when}; {len(srcs)} source(s) of that time call {name} former {y.qualifiers.role}"),
                evidence=[corpus.evidence(y)], contradicted_by=corpus.evidence_of(near), claims=[y.id]))
    return out
