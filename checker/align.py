"""The one alignment step shared by every slot family: which values of other documents speak of the
same thing as this one, and how closely.

A slot (a date, a place, a figure, an outcome) is described by its words: the governing predicate,
the content words of its arguments and, for figures, the nouns just before it (what it measures).
Two slots of different documents are candidates when they give the same kind of value (a figure in
the same unit, an outcome on the same axis) and share a word; their similarity is the weighted Dice
overlap of their words, each word weighted by its rarity across the corpus's documents (a word every
document uses, the event's name, says little about which figure is meant) and the measure words
counted twice.  Hard guards keep two occasions apart whatever the words: 前回 / 以来 on one side only,
another day or year, another person's figure.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from claims.lexicon import other_phase, phase
from claims.models import Slot
from claims.roles import place_parts
from claims.values import quantities_agree

from .common import places_match

from .blocking import Blocks, slot_order

# words that set a value in another occasion or period: the previous election, last year's figure
SCOPE = {"前回", "前年", "昨年", "今年", "前期", "来期", "今期", "次回", "初回", "過去", "前年度", "昨季", "今季", "通算",
         "累計", "前日", "翌日", "当初", "最終", "速報", "以来", "当時", "ぶり", "各"}
MEASURE_WEIGHT = 2.0


def kind(s: Slot) -> tuple[str, str]:
    """What must match for two slots to be comparable at all: the slot and the unit or axis."""
    if s.slot == "quantity":
        return s.slot, s.quantity.unit
    if s.slot == "polarity":
        return s.slot, s.head
    return s.slot, ""  # an actor of an act or of a quotation: the words say which


def words(s: Slot) -> dict[str, float]:
    w = {a: 1.0 for a in s.args}
    if s.head and s.slot not in ("polarity", "actor"):
        w[s.head] = 1.0
    for m in s.measure:
        w[m] = MEASURE_WEIGHT
    return w


# the day before or after, or then, says when an act was done, not that it was another occasion
WHEN_WORDS = {"前日", "翌日", "当時", "以来", "ぶり"}
# the period a text is written in: 今年のノーベル文学賞 is the one an unmarked text means, so these words
# set a value apart only from one marked with another period (前年, 昨季), never from an unmarked one
CURRENT = {"今年", "今期", "今季"}


def scope_words(s: Slot) -> set[str]:
    return set(s.args) & (SCOPE - WHEN_WORDS if s.slot in ("polarity", "actor") else SCOPE) - CURRENT


def occasion_apart(a: Slot, b: Slot) -> bool:
    """Said of two occasions: a scope word on one side only, another day or year, another owner."""
    if scope_words(a) != scope_words(b):
        return True  # 前回の投票率 and 今回の投票率 are two figures
    if a.slot != "quantity" and other_phase(phase(a.head, a.args), phase(b.head, b.args)):
        return True  # the day a law passed and the day it took effect
    if a.time and b.time and not same_time(a, b):
        return True  # said of another day or year (the quake of the 9th, not the 8th)
    if a.slot == "quantity" and a.owner and b.owner and a.owner not in b.owner and b.owner not in a.owner:
        return True  # 高市氏の181票 and 石破氏の154票 are two figures
    return False


def same_time(a: Slot, b: Slot) -> bool:
    """The sentences' own dates are of one day or year, on either clock (21日（日本時間22日） and 22日)."""
    ta, tb = [x for x in (a.time, a.alt) if x], [x for x in (b.time, b.alt) if x]
    return any(x[:len(y)] == y[:len(x)] for x in ta for y in tb)


def _days_overlap(x: str, y: str) -> bool:
    (a0, a1), (b0, b1) = date_span(x), date_span(y)
    if "*" in (x[0], y[0]):
        a0, a1, b0, b1 = a0[4:], a1[4:], b0[4:], b1[4:]
    if a0 != a1 and b0 != b1:  # two spans: one inside the other (a part of the days), not shifted
        return (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1)
    return a0 <= b1 and b0 <= a1


def agree(a: Slot, b: Slot) -> bool:
    if a.slot == "date":  # "****-01-17" is a month-day whose year was only inferred; "A/B" a span of days;
        # a date given on two clocks (15日（日本時間16日）) agrees with a date of either day
        return any(_days_overlap(x, y) for x in (a.value, a.alt) if x for y in (b.value, b.alt) if y)
    if a.slot == "place":  # the same most specific place, or b inside a's (大阪市淀川区 for 大阪市)
        pa, pb = place_parts(a.value), place_parts(b.value)
        return places_match(pa[-1], pb[-1]) or any(places_match(pa[-1], x) for x in pb)
    if a.slot == "polarity":
        return a.value == b.value
    if a.slot == "actor":
        return same_person(a.value, b.value)
    return quantities_agree(a.quantity, b.quantity)


def agree_key(s: Slot) -> tuple:
    """Everything :func:`agree` reads of a slot: two slots of one kind with the same key agree with
    exactly the same values (so a verdict may compare a value once per key, not once per slot)."""
    if s.slot == "date":
        return s.value, s.alt
    if s.slot == "quantity":
        q = s.quantity
        return q.value, q.unit, q.approx, q.bound, q.high
    return (s.value,)


def same_person(a: str, b: str) -> bool:
    """岸田 and 岸田文雄 are one person: one name begins the other (a surname alone, then the full name)."""
    if a.startswith("@") or b.startswith("@"):  # resolved to a person of the corpus (@E12)
        return a == b
    return a == b or (min(len(a), len(b)) >= 2 and (a.startswith(b) or b.startswith(a)))


def date_span(value: str) -> tuple[str, str]:
    start, _, end = value.partition("/")
    return start, end or start


@dataclass
class Candidate:
    slot: Slot
    sim: float


class Aligner:
    """Word rarity over the corpus and an index from (kind, word) to slots."""

    def __init__(self, slots: list[Slot]):
        self.slots = slots
        self.word_weights = [words(s) for s in slots]  # each slot's words, computed once
        docs_with: dict[str, set[str]] = defaultdict(set)
        for s, ws in zip(slots, self.word_weights):
            for w in ws:
                docs_with[w].add(s.source)
        n = len({s.source for s in slots}) or 1
        self.idf = {w: math.log((1 + n) / len(d)) + 0.05 for w, d in docs_with.items()}
        # (kind, word) -> slots; a word of many sources is read by sorted neighbourhood (checker.blocking)
        self.index = Blocks(slots, lambda s: [(kind(s), w) for w in words(s)], slot_order)
        self._mass = [self._weight(ws) for ws in self.word_weights]

    def _weight(self, ws: dict[str, float]) -> float:
        return sum(v * self.idf.get(w, 0.0) for w, v in ws.items())

    def sim(self, i: int, j: int) -> float:
        a, b = self.word_weights[i], self.word_weights[j]
        # in sorted order: a sum over a set would change in its last bits with the hash seed
        common = sum(min(a[w], b[w]) * self.idf.get(w, 0.0) for w in sorted(a.keys() & b.keys()))
        total = self._mass[i] + self._mass[j]
        return 2 * common / total if total else 0.0

    def candidates(self, i: int, floor: float = 0.0) -> list[Candidate]:
        """Slots of the same kind sharing a word with slot i (its own document's too), not of another
        occasion, most similar first."""
        f = self.slots[i]
        near = self.index.near(i, [(kind(f), w) for w in self.word_weights[i]])
        out = []
        for j in sorted(near):
            s = self.slots[j]
            if occasion_apart(f, s):
                continue
            x = self.sim(i, j)
            if x > floor:
                out.append(Candidate(s, x))
        out.sort(key=lambda c: (-c.sim, c.slot.source, c.slot.start))
        return out

    def per_source(self, i: int, floor: float = 0.0) -> dict[str, list[Candidate]]:
        by: dict[str, list[Candidate]] = defaultdict(list)
        for c in self.candidates(i, floor):
            by[c.slot.source].append(c)
        return dict(by)


def counts(slots: list[Slot]) -> Counter:
    return Counter(kind(s) for s in slots)
