"""Who held which office when: office-holder conflicts, misattributed statements, 前/元 for sitting holders."""
from __future__ import annotations

import calendar
import heapq
import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import islice

from claims.entities import fold
from claims.models import Claim
from claims.roles import UNIQUE_OFFICES

from .blocking import MAX_SOURCES, SAMPLE, _hash
from .common import Corpus, dedupe, near_in_time, to_date
from .records import Finding


def person_countries(corpus: Corpus) -> dict[str, str]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for c in corpus.claims:
        if c.kind == "role" and c.subject_id and c.qualifiers.country:
            votes[c.subject_id][c.qualifiers.country] += 1
    return {p: v.most_common(1)[0][0] for p, v in votes.items()}


def _country(c: Claim, countries: dict[str, str]) -> str | None:
    return c.qualifiers.country or countries.get(c.subject_id or "")


HEADS = {"大統領", "副大統領", "首相", "副首相", "国王", "女王", "主席", "国家主席", "総書記", "知事", "市長",
         "最高指導者", "首脳"}
PRIOR_GAP = 0.1  # one source against one: blame only a page whose signals are this much weaker


def _weaker(priors: dict[str, float], mine: set[str], theirs: set[str]) -> bool:
    """One source against one, and this one's page signals clearly weaker (a blog against a byline)."""
    return len(mine) == 1 and len(theirs) == 1 and round(
        priors.get(next(iter(theirs)), 0.5) - priors.get(next(iter(mine)), 0.5), 6) >= PRIOR_GAP


def role_findings(corpus: Corpus, priors: dict[str, float] | None = None) -> list[Finding]:
    countries = person_countries(corpus)
    priors = priors or {}
    roles = [c for c in corpus.claims if c.kind == "role" and c.subject_id and c.qualifiers.role]
    out: list[Finding] = []
    out += _holder_conflicts(corpus, roles, countries, priors)
    out += _office_conflicts(corpus, roles, out, priors)
    return out


def _when(a: Claim, b: Claim) -> bool:
    """Both dated to the day and near (or a tenure span covering the other): a date known only to its
    year or month overlaps too many tenures to take a side, so against a tenure it counts only when
    the tenure covers the whole of that year or month (2023 is not in a tenure from 2023-12-14)."""
    qa, qb = a.qualifiers, b.qualifiers
    return _when_dated(qa.time, qa.time_end, qb.time, qb.time_end)


@lru_cache(maxsize=1 << 16)
def _when_dated(a: str | None, a_end: str | None, b: str | None, b_end: str | None) -> bool:
    """:func:`_when` on the dates alone (a corpus has few distinct dates, so it is memoised)."""
    if not (a_end or b_end) and not (_day(a) and _day(b)):
        return False
    for (start, end), point, point_end in (((a, a_end), b, b_end), ((b, b_end), a, a_end)):
        if end and not point_end and _year_or_month(point):
            return _covers(start, end, point)
    return near_in_time(a, b, a_end=a_end, b_end=b_end)


def _days(a: Claim, b: Claim) -> int | None:
    """Days between two claims dated to the day (None when either is not)."""
    da, db = to_date(a.qualifiers.time), to_date(b.qualifiers.time)
    return abs((da - db).days) if da and db and not (a.qualifiers.time_end or b.qualifiers.time_end) else None


def _year_or_month(iso: str | None) -> bool:
    return bool(iso) and (len(iso) == 4 or len(iso) == 7 and iso[4] == "-") and iso[:4].isdigit()


def _covers(start: str | None, end: str, partial: str) -> bool:
    """Whether the span start..end holds every day of a year (``2023``) or month (``2023-05``)."""
    first = partial + ("-01-01" if len(partial) == 4 else "-01")
    if len(partial) == 4:
        last = partial + "-12-31"
    else:
        year, month = int(partial[:4]), int(partial[5:7])
        last = f"{partial}-{calendar.monthrange(year, month)[1]:02d}"
    return bool(start) and start <= first and last <= end


def _day(iso: str | None) -> bool:
    return bool(iso) and len(iso) == 10


MONTHS = 3  # two days within 62 days of each other are at most 3 calendar months apart


class _Near:
    """The claims that :func:`_when` could pair with a claim, by blocking key (an office, a person)
    and month: a claim dated to the day meets those of the months around it and those with a span.
    A key of many sources is read through a deterministic sample (see :mod:`checker.blocking`);
    the reference file's claims are always kept.  Candidates come back in the order given."""

    def __init__(self, claims: list[Claim], key, refs: set[str]):
        self.key = key
        order = {c.id: n for n, c in enumerate(claims)}
        self.order = order
        groups: dict[tuple, list[Claim]] = defaultdict(list)
        for c in claims:
            q = c.qualifiers
            groups[(key(c), "all")].append(c)
            if q.time_end:
                groups[(key(c), "span")].append(c)
            elif _day(q.time):
                groups[(key(c), _month(q.time))].append(c)
        self.refs = refs
        # each group by hash: a sample of a union of groups is its members with the smallest hashes
        self.groups = {k: sorted(((_hash(c.id), c) for c in v), key=lambda hc: hc[0]) for k, v in groups.items()}
        self.sources = {k: len({c.source for c in v}) for k, v in groups.items()}
        self._memo: dict[tuple, list[Claim]] = {}

    def __call__(self, y: Claim) -> list[Claim]:
        return self.around(self.key(y), y.qualifiers.time, y.qualifiers.time_end)

    def around(self, k, time: str | None, time_end: str | None = None) -> list[Claim]:
        month = _month(time) if _day(time) else None
        memo = (k, month, bool(time_end))
        if memo not in self._memo:
            self._memo[memo] = self._around(k, month, bool(time_end))
        return self._memo[memo]

    def _around(self, k, month: int | None, spanned: bool) -> list[Claim]:
        if spanned:
            keys = [(k, "all")]
        else:
            keys = [(k, "span")] + ([(k, month + d) for d in range(-MONTHS, MONTHS + 1)] if month is not None else [])
        parts = [self.groups[g] for g in keys if g in self.groups]
        large = any(self.sources[g] > MAX_SOURCES for g in keys if g in self.groups)
        out = [c for part in parts for _, c in part]
        if large or (len(out) > MAX_SOURCES and len({c.source for c in out}) > MAX_SOURCES):
            kept = [c for _, c in islice(heapq.merge(*parts, key=lambda hc: hc[0]), SAMPLE)]
            ids = {c.id for c in kept}
            out = kept + [c for c in out if c.source in self.refs and c.id not in ids]
        return sorted(out, key=lambda c: self.order[c.id])


def _month(iso: str) -> int:
    return int(iso[:4]) * 12 + int(iso[5:7])


def _written(corpus: Corpus, c: Claim) -> str | None:
    """When a 前/元 title was written: its document's publication date, else the latest day the
    document reports as past, else the sentence's own date."""
    doc = corpus.docs.get(c.source)
    if doc and doc.published and len(doc.published) == 10:
        return doc.published
    # undated: a text is written no earlier than the latest day it reports as past
    days = [o.qualifiers.time for o in corpus.by_source[c.source]
            if _day(o.qualifiers.time) and not o.qualifiers.planned and not o.qualifiers.hedged]
    return max(days) if days else c.qualifiers.time


def _holder_conflicts(corpus: Corpus, roles: list[Claim], countries: dict[str, str],
                      priors: dict[str, float]) -> list[Finding]:
    """A unique office given to person Y in one source while other sources give it to X at that date."""
    out = []
    refs = corpus.references
    current = [c for c in roles if c.qualifiers.status == "current" and c.qualifiers.role in UNIQUE_OFFICES]
    flagged: set[tuple[str, str]] = set()
    near = _Near(current, lambda c: c.qualifiers.role, refs)
    for y in current:
        if y.source in refs:
            continue
        cy = _country(y, countries)
        then = [o for o in near(y) if o.source != y.source and o.qualifiers.role == y.qualifiers.role
                and _when(o, y)]
        same = [o for o in then if o.subject_id == y.subject_id]
        if any(o.source in refs for o in same):
            continue  # the reference file says Y held it then
        rivals = [x for x in then if x.subject_id != y.subject_id]
        rival_countries = {_country(x, countries) for x in rivals}
        if cy is None:
            if len(rival_countries) != 1:
                continue  # the office is ambiguous without a country
        else:  # an office of a named country: a rival counts only when known to hold that country's
            rivals = [x for x in rivals if _country(x, countries) == cy]
        if any(x.source in refs for x in rivals):
            rivals = [x for x in rivals if x.source in refs]  # the reference decides
        elif same:
            # the office can change hands in between: holders named that very day by two sources outweigh
            # agreement dated more than three days away (石破首相 on 9月21日 against 岸田首相 that day, 石破首相 from 10月1日)
            that_day = {x.source for x in rivals if _days(x, y) == 0}
            if len(that_day) >= 2:  # two sources or more, not one
                same = [o for o in same if (d := _days(o, y)) is None or d <= 3]
            if same:
                continue  # another document agrees with Y, and no reference says otherwise
        if not rivals or (y.source, y.subject_id) in flagged:
            continue
        holders = Counter(x.subject_id for x in rivals)
        holder, _ = holders.most_common(1)[0]
        rival_sources = sorted({x.source for x in rivals if x.subject_id == holder})
        if not (set(rival_sources) & refs):
            y_sources = {y.source} | {o.source for o in same}
            # 大統領 with no country of its own could be anyone's: no tie-break on page signals then
            ambiguous = cy is None and y.qualifiers.role in HEADS
            if len(rival_sources) <= len(y_sources) and (ambiguous or not _weaker(priors, y_sources, set(rival_sources))):
                continue  # one source against one: no side to take, unless the pages differ clearly
        flagged.add((y.source, y.subject_id or ""))
        office = f"{cy or next(iter(rival_countries)) or ''}{y.qualifiers.role}"
        hname, yname = corpus.label(holder), corpus.label(y.subject_id, y.subject)
        if yname in hname or hname in yname:
            continue  # 林 and 林芳正: one person under two forms of the name, not two holders
        if _spellings(yname, hname):
            continue  # アブドラヒアン and アミールアブドッラーヒヤーン: one name in two transliterations
        if _other_script(yname, hname) and not _named_elsewhere(corpus, y):
            continue  # ユン and 尹錫悦: a reading in katakana, named by this page only, may be the holder
        if _fuller_name_of(corpus, yname, holder):
            continue  # ユン, the family name of ユン・ソンニョル, who is the holder
        statements = [s for s in corpus.by_source[y.source] if s.kind == "statement"
                      and s.qualifiers.speaker_id == y.subject_id and s.sentence_start == y.sentence_start]
        holder_claims = [x for x in rivals if x.subject_id == holder]
        theirs = []
        if statements:
            st = statements[0]
            theirs = [s for s in corpus.claims if s.kind == "statement" and s.qualifiers.speaker_id == holder
                      and s.source != y.source and set(s.qualifiers.keywords) & set(st.qualifiers.keywords)]
        if theirs:  # the holder made a matching statement: the words are given to the wrong person
            out.append(Finding(
                type="misattribution", severity="error", source=y.source,
                message=(f"statement attributed to {yname} ({y.qualifiers.role}); {len(rival_sources)} source(s) "
                         f"give the office of {office} at that date to {hname}, who made a matching statement"),
                evidence=dedupe([corpus.evidence(y), corpus.evidence(st)]),
                contradicted_by=corpus.evidence_of(holder_claims, 4)
                + corpus.evidence_of(theirs, 4),
                claims=[y.id, st.id]))
        else:
            out.append(Finding(
                type="role_conflict", severity="error", source=y.source,
                message=(f"{yname} is called {office}; {len(rival_sources)} source(s) give that office "
                         f"at that date to {hname}"),
                evidence=[corpus.evidence(y)],
                contradicted_by=corpus.evidence_of(holder_claims), claims=[y.id]))
    return out


KANA_NAME = re.compile(r"[\u30a0-\u30ff]+")  # katakana, ・ and ー
KANJI_CHAR = re.compile(r"[\u4e00-\u9fff]")


def _katakana(name: str) -> bool:
    return bool(KANA_NAME.fullmatch(name))


def _spellings(a: str, b: str) -> bool:
    """Two katakana names that share a run of at least four sounds making up half the shorter one
    (folded: ッ, ー and ・ dropped): one foreign name transliterated twice, not two people."""
    if not (_katakana(a) and _katakana(b)):
        return False
    fa, fb = fold(a), fold(b)
    m = SequenceMatcher(None, fa, fb, autojunk=False).find_longest_match(0, len(fa), 0, len(fb))
    return m.size >= 4 and m.size * 2 >= min(len(fa), len(fb))


def _other_script(a: str, b: str) -> bool:
    """One name in katakana only, the other with kanji: a name and its reading, as often as two people."""
    return (_katakana(a) and bool(KANJI_CHAR.search(b))) or (_katakana(b) and bool(KANJI_CHAR.search(a)))


def _fuller_name_of(corpus: Corpus, name: str, holder: str) -> bool:
    """Whether a document writes ``name`` as the start of a longer name of the holder (ユン for
    ユン・ソンニョル, given elsewhere as ユン・ソンニョル（尹錫悦）): a family name first, not another person."""
    if not _katakana(name):
        return False
    memo = corpus._groups.setdefault("fuller_names", {})
    if name not in memo:  # the longer names each short one begins, read once per corpus
        pattern = re.compile(rf"{re.escape(name)}・[\u30a0-\u30ff]+")
        memo[name] = {m.group() for sid in sorted(corpus.containing(name + "・"))
                      for m in pattern.finditer(corpus.docs[sid].text)}
    return any(corpus.person(n) == holder for n in sorted(memo[name]))


def _named_elsewhere(corpus: Corpus, y: Claim) -> bool:
    """Whether another document names Y's person too (then the name is not one page's spelling)."""
    return bool(corpus.person_sources.get(y.subject_id or "", set()) - {y.source})


def _office_conflicts(corpus: Corpus, roles: list[Claim], found: list[Finding],
                      priors: dict[str, float]) -> list[Finding]:
    """Person X called 外相 in one source while more sources call X 官房長官 at that date."""
    out = []
    done = {cid for f in found for cid in f.claims}
    current = [c for c in roles if c.qualifiers.status == "current" and c.qualifiers.role in UNIQUE_OFFICES]
    near = _Near(current, lambda c: c.subject_id, corpus.references)
    for y in current:
        if y.source in corpus.references or y.id in done:
            continue
        role = y.qualifiers.role or ""
        then = [o for o in near(y) if o.subject_id == y.subject_id and _when(o, y)]
        mine = {o.source for o in then if o.qualifiers.role == role}
        other = [o for o in then if o.source != y.source
                 and o.qualifiers.role and role not in o.qualifiers.role and o.qualifiers.role not in role]
        sources = {o.source for o in other}
        if not other or len(sources - mine) <= len(mine) and not (sources & corpus.references) \
                and not _weaker(priors, mine, sources - mine):
            continue
        name = corpus.label(y.subject_id, y.subject)
        statements = [s for s in corpus.by_source[y.source] if s.kind == "statement"
                      and s.qualifiers.speaker_id == y.subject_id and s.sentence_start == y.sentence_start]
        out.append(Finding(
            type="role_conflict", severity="error", source=y.source,
            message=(f"{name} is called {role}; {len(sources)} source(s) give {name} the office of "
                     f"{other[0].qualifiers.role} at that date"),
            evidence=dedupe([corpus.evidence(y)] + [corpus.evidence(s) for s in statements[:1]]),
            contradicted_by=corpus.evidence_of(other), claims=[y.id]))
    return out
