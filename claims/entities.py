"""Entity resolution across documents: one canonical id per person and place.

People are grouped by a normalised surname (katakana spelling variants folded: ウィトコフ /
ウィットコフ, ヴァンス / バンス); a full name (ジョン・スミス) joins the group of its surname.
Places are grouped by :func:`claims.roles.place_key` (country aliases, 州/県/市 suffixes).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from typing import Sequence

from rapidfuzz import fuzz

from .models import Claim, Entity, Extraction
from .roles import COUNTRIES, place_key

KANJI = re.compile(r"[\u4e00-\u9fff々]{3,6}")
FOLD = [("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴ", "ブ"), ("ッ", ""), ("ー", ""),
        ("・", ""), ("ヰ", "イ"), ("ヱ", "エ")]


def fold(name: str) -> str:
    s = unicodedata.normalize("NFKC", name)
    for a, b in FOLD:
        s = s.replace(a, b)
    return s


def surname(name: str) -> str:
    return name.split("・")[-1]


def _bracketed(extractions: Sequence[Extraction]) -> list[tuple[str, str]]:
    """Pairs of person names where the second follows the first in brackets: 尹錫悦（ユン・ソンニョル）."""
    out = []
    for ex in extractions:
        text = ex.document.text
        ms = sorted((m for m in ex.mentions if m.type == "person"), key=lambda m: m.start)
        for a, b in zip(ms, ms[1:]):
            if text[a.end:b.start] in ("(", "（") and text[b.end:b.end + 1] in (")", "）"):
                out.append((a.text, b.text))
    return out


class Resolver:
    """Maps surface names to canonical entities; built once from all extractions."""

    def __init__(self, extractions: Sequence[Extraction]):
        person_forms: dict[str, Counter] = defaultdict(Counter)  # folded surname -> full forms
        person_sources: dict[str, set] = defaultdict(set)
        keys = _Keys()
        for ex in extractions:
            for m in ex.mentions:
                key = keys.find(fold(surname(m.text)))
                person_forms[key][m.text] += 1
                person_sources[key].add(ex.document.id)
                if m.role_text:
                    person_forms[key][m.role_text] += 0  # alias without weight
        # a name with another spelling in brackets (ユン・ソンニョル（尹錫悦）): one person, one key
        for a, b in _bracketed(extractions):
            ka, kb = keys.find(fold(surname(a))), keys.find(fold(surname(b)))
            if ka != kb and ka in person_forms and kb in person_forms:
                keep, drop = sorted((ka, kb))
                person_forms[keep].update(person_forms.pop(drop))
                person_sources[keep] |= person_sources.pop(drop)
                keys.alias[drop] = keep
        self._alias = keys.alias
        self.person_key: dict[str, str] = {}
        entities: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = []
        for key, forms in person_forms.items():
            names = [f for f in forms if forms[f] > 0]
            label = max(names, key=lambda f: (f.count("・"), len(f), forms[f], f)) if names else key
            for f in forms:
                self.person_key[f] = key
            entities.append((label, "person", tuple(sorted(forms)), tuple(sorted(person_sources[key]))))
        place_forms: dict[str, Counter] = defaultdict(Counter)
        place_sources: dict[str, set] = defaultdict(set)
        for ex in extractions:
            for c in ex.claims:
                p = c.qualifiers.place
                if p:
                    place_forms[place_key(p)][p] += 1
                    place_sources[place_key(p)].add(ex.document.id)
        self.place_of: dict[str, str] = {}
        for key, forms in place_forms.items():
            entities.append((key, "place", tuple(sorted(set(forms) | {key})), tuple(sorted(place_sources[key]))))
        entities.sort(key=lambda e: (e[1], e[0]))
        self.entities: list[Entity] = []
        self.by_person_key: dict[str, str] = {}
        self.by_place_key: dict[str, str] = {}
        for n, (label, typ, aliases, sources) in enumerate(entities, 1):
            eid = f"E{n}"
            self.entities.append(Entity(id=eid, label=label, type=typ, aliases=aliases, sources=sources))
            if typ == "person":
                self.by_person_key[self.person_key.get(label, fold(surname(label)))] = eid
            else:
                self.by_place_key[label] = eid
        self.label = {e.id: e.label for e in self.entities}

    def person(self, name: str | None) -> str | None:
        if not name:
            return None
        key = self.person_key.get(name)
        if key is None:
            folded = fold(surname(name))
            while folded in self._alias:
                folded = self._alias[folded]
            key = folded if folded in self.by_person_key else None
        return self.by_person_key.get(key) if key else None

    def place(self, name: str | None) -> str | None:
        return self.by_place_key.get(place_key(name)) if name else None

    def resolve(self, c: Claim) -> Claim:
        """The claim with subject_id/object_id and entity ids of participants filled in."""
        sid = self.person(c.subject) if c.kind != "event" else None
        oid = self.person(c.object) or self.place(c.object) if c.object else None
        q = c.qualifiers
        upd = {}
        if q.participants:
            upd["partners"] = tuple(sorted({self.person(p) or p for p in q.participants}))
        if q.speaker:
            upd["speaker_id"] = self.person(q.speaker)
        if q.owner:
            upd["owner"] = self.person(q.owner) or q.owner
        if q.place:
            upd["place_id"] = self.place(q.place)
        if q.country:
            upd["country"] = COUNTRIES.get(q.country, q.country)
        return c.model_copy(update={"subject_id": sid, "object_id": oid,
                                    "qualifiers": q.model_copy(update=upd)})


class _Keys:
    """The person keys met so far, found by their character bigrams rather than by a scan.

    A key is the first one met that equals the name, is a close spelling of it (ratio ≥ 88), or is
    a kanji surname of the full name (岸田 / 岸田文雄).  Each of those shares a bigram with the name
    (a close spelling of four or more characters differs in at most a quarter of them; a surname is
    a prefix), so the earliest matching key among those sharing a bigram is the earliest of all."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.by_gram: dict[str, list[int]] = defaultdict(list)
        self.alias: dict[str, str] = {}  # a key merged into another (a bracketed spelling)
        # a name's key never changes once found (keys are only appended, and the earliest match
        # among them is its key): the same name met again is looked up, not matched again
        self.found: dict[str, str] = {}

    @staticmethod
    def _grams(s: str) -> set[str]:
        return {s[i:i + 2] for i in range(len(s) - 1)} or {s}

    def find(self, folded: str) -> str:
        if folded not in self.found:
            self.found[folded] = self._match(folded)
        return self.found[folded]

    def _match(self, folded: str) -> str:
        for n in sorted({n for g in self._grams(folded) for n in self.by_gram.get(g, ())}):
            k = self.keys[n]
            if k == folded or (len(k) >= 4 and len(folded) >= 4 and fuzz.ratio(k, folded) >= 88):
                return k
            # kanji names: the surname alone (岸田) and the full name (岸田文雄)
            short, long_ = sorted((k, folded), key=len)
            if KANJI.fullmatch(long_) and len(short) >= 2 and long_.startswith(short) and len(long_) - len(short) <= 3:
                return k
        for g in self._grams(folded):
            self.by_gram[g].append(len(self.keys))
        self.keys.append(folded)
        return folded
