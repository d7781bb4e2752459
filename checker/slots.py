"""One alignment step for dates, places, figures and outcomes: slots with the same key, compared by value.

Two slots of different documents are aligned when they give the same kind of value (a date, a place,
a figure in the same unit, an outcome on the same axis) for the same key, said of the same occasion
(no 前回 / 以来 on one side only, no other day or year): dates and places by the same governing
predicate and a shared argument word, or two key words in common; figures by the words just before
them (規模は), or the predicate and two shared words, or three shared words, and never across two
owners (高市氏の181票, 石破氏の154票); outcomes by their axis and two shared words.

A value is blamed only on evidence (``judge`` says why it takes no side otherwise):

- nobody else gives it for that key, while two or more other sources give one other value (one
  against one is decided only by a clear gap in the two pages' signals, else it is an info note);
- its own document does not also give the other value (local and Japanese time, two rounds) nor
  several figures for these words, the key is not a family (three or more values among the
  others), and the other side does not give this very value for other words;
- dates are stated with their month (a month-day without a year compares by month and day); a
  place is named nowhere else; two figures are within an order of magnitude.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Iterator

from claims.lexicon import other_phase, phase
from claims.models import Extraction, Slot
from claims.roles import place_parts

from .align import Aligner, Candidate, scope_words, agree, date_span as _span, kind, same_time
from .blocking import Blocks, slot_order
from .common import Corpus, place_corroborated, places_match, two_clocks
from .judge_model import probabilities, thresholds
from .parallel import Each
from .records import Finding
from .score import prior
from .verdict import contested, features, value_witnesses

TYPES = {"date": "date_conflict", "place": "location_conflict", "quantity": "number_conflict",
         "polarity": "negation_conflict", "actor": "misattribution"}
PRIOR_GAP = 0.2  # one source against one: blame only a page whose signals are this much weaker
BROAD = ("地方", "地域", "沿岸", "一帯", "全域", "方面", "全土", "各地")


def _words(s: Slot) -> set[str]:
    return set(s.args) | ({s.head} if s.head else set())


def aligned(a: Slot, b: Slot) -> bool:
    if a.slot != b.slot or (a.slot == "quantity" and a.quantity.unit != b.quantity.unit):
        return False
    if scope_words(a) != scope_words(b):
        return False  # 前回の投票率 and 今回の投票率 are two figures
    if a.slot != "quantity" and other_phase(phase(a.head, a.args), phase(b.head, b.args)):
        return False  # the day a law passed and the day it took effect
    if a.time and b.time and not same_time(a, b):
        return False  # said of another day or year: another occasion (the quake of the 9th, not the 8th)
    wa, wb = _words(a), _words(b)
    common = wa & wb
    if a.slot == "polarity":  # outcomes: the same axis and two argument words in common
        return a.head == b.head and len(set(a.args) & set(b.args)) >= 2
    if a.slot == "actor":  # who did it or said it: two words of the act or the quotation in common
        return len(set(a.args) & set(b.args)) >= 2
    if a.slot == "quantity" and a.owner and b.owner and a.owner not in b.owner and b.owner not in a.owner:
        return False  # 高市氏の181票 and 石破氏の154票 are two figures
    if a.slot == "quantity":  # the same words just before it (規模は), or the same predicate and two
        # shared words, or three shared words
        return bool(set(a.measure) & set(b.measure)) or (
            bool(a.head) and a.head == b.head and len(set(a.args) & set(b.args)) >= 2) or (
            len(common) >= 3 and len(common) / len(wa | wb) >= 0.3)
    if a.head and a.head == b.head and set(a.args) & set(b.args):
        return True
    return len(common) >= 2 and len(common) / len(wa | wb) >= 0.25


RULES = ("supported", "nothing aligned", "its document gives the other value too", "not comparable",
         "one against one", "a family of values", "the other side gives this value for other words", "error",
         "its document gives several figures for these words")


def start_evidence(corpus: Corpus, extractions: list[Extraction], side: dict | None = None) -> Each:
    """The verdicts on every contested value, started: on a large corpus they run in forked workers,
    with the ``side`` tasks, while the caller goes on with other rules (see
    :class:`checker.parallel.Each`)."""
    # a broad region (東海地方, 太平洋沿岸) is an extent, not a venue: named at another granularity
    # elsewhere (中部地方) it is not another place
    slots = [_resolved(corpus, s) for ex in extractions for s in ex.slots
             if not (s.slot == "place" and s.value.endswith(BROAD))]
    priors = {ex.document.id: prior(ex.signals)[0] for ex in extractions}
    aligner = Aligner(slots)
    by_value = value_witnesses(corpus, slots)
    by_word = Blocks(slots, lambda s: [(s.slot, w) for w in _words(s)], slot_order)
    by_kind: dict[tuple[str, tuple[str, str]], list[Slot]] = defaultdict(list)
    by_source_slot: dict[tuple[str, str], list[Slot]] = defaultdict(list)
    for i, s in enumerate(slots):
        by_kind[(s.source, kind(s))].append(s)
        by_source_slot[(s.source, s.slot)].append(s)
    def one(i: int) -> tuple[dict[str, float], list[Candidate]] | None:
        f = slots[i]
        if f.source in corpus.references or (f.slot == "date" and not f.exact):
            return None
        if not contested(corpus, aligner, i):  # no value against it: no verdict to weigh
            return None
        x, members = features(corpus, aligner, i, priors, by_kind, by_value)
        if not members:
            return None
        near = by_word.near(i, [(f.slot, w) for w in _words(f)])
        verdict, _ = judge(corpus, f, [slots[j] for j in sorted(near) if aligned(f, slots[j])], by_source_slot, priors)
        x.update({f"R:{r}": float(verdict == r) for r in RULES})
        return x, members

    return Each(one, slots, side)


def collect(corpus: Corpus, pending: Each) -> Iterator[tuple[Slot, dict[str, float], list[Candidate]]]:
    """The evidence of :func:`start_evidence`, once its verdicts are in."""
    judged = [(pending.slots[i], *r) for i, r in pending.result()]
    yield from with_doubt(corpus, judged)


def slot_evidence(corpus: Corpus, extractions: list[Extraction]) -> Iterator[tuple[Slot, dict[str, float], list[Candidate]]]:
    """Every value that some other document contradicts: the slot, its evidence as features (with the
    reason the hand rules give), and the strongest cluster of values against it, best first."""
    yield from collect(corpus, start_evidence(corpus, extractions))


def _outvoted(x: dict[str, float]) -> float:
    """This value stands against more sources than stand with it."""
    return float(x["dis_n"] >= 1 and x["dis_n"] > x["sup_n"])


def with_doubt(corpus: Corpus, judged: list[tuple[Slot, dict[str, float], list[Candidate]]]):
    """Truth discovery, one round: how often each witness stands outvoted on its contested values
    (smoothed; leaving out the value at hand for its own witness), so that one value against one is
    weighed by the record of the two sides on everything else the corpus can check."""
    wit = corpus.witness.get
    outvoted: dict[str, float] = defaultdict(float)
    contested: dict[str, int] = defaultdict(int)
    for f, x, _ in judged:
        w = wit(f.source, f.source)
        outvoted[w] += _outvoted(x)
        contested[w] += 1

    def doubt(w: str, less: float = 0.0, fewer: int = 0) -> float:
        return (outvoted[w] - less + 1.0) / (contested[w] - fewer + 4.0)

    for f, x, members in judged:
        w = wit(f.source, f.source)
        mine = doubt(w, _outvoted(x), 1)
        theirs = [doubt(wit(c.slot.source, c.slot.source)) for c in members]
        x["doubt_self"] = round(mine, 6)
        x["doubt_other"] = round(sum(theirs) / len(theirs), 6)
        x["doubt_gap"] = round(mine - x["doubt_other"], 6)
        yield f, x, members


def _resolved(corpus: Corpus, s: Slot) -> Slot:
    """A slot with the people it names resolved across the corpus (藤島氏 and 藤島ジュリー景子 are one
    word of its key; an actor's value is the person's id)."""
    args = tuple(sorted({_person(corpus.person, a) for a in s.args}))
    update: dict = {"args": args} if args != s.args else {}
    if s.slot == "actor":
        update["value"] = _person(corpus.person, s.value)
    return s.model_copy(update=update) if update else s


def _person(person, name: str) -> str:
    eid = person(name)
    return "@" + eid if eid else name


def slot_findings(corpus: Corpus, extractions: list[Extraction], taken: list[Finding],
                  verdicts: list[tuple[str, float]] | None = None, pending: Each | None = None) -> list[Finding]:
    """Findings on contested values; ``verdicts`` collects (source, probability of an error) for every
    contested value no error covers yet, for the source scores (see :func:`checker.score.truth_discovery`).
    ``pending`` is the evidence started earlier by :func:`start_evidence`."""
    flagged = {(f.source, e.start) for f in taken for e in f.evidence if f.severity == "error"}
    out: list[Finding] = []
    evidence = list(collect(corpus, pending or start_evidence(corpus, extractions)))
    for (f, x, members), p in zip(evidence, probabilities([x for _, x, _ in evidence])):
        if (f.source, f.start) in flagged:
            continue
        error_at, note_at = thresholds(f.slot)
        if verdicts is not None and p < error_at:
            verdicts.append((f.source, p))
        # an error when the model is sure (the hand rules' verdict is one of its features), an info
        # note when it is merely likely
        error = p >= error_at
        if not error and p < note_at:
            continue
        right, n = members[0].slot, len(members)  # one candidate per witness
        if f.slot == "actor":  # who did the act or said the words
            what = f.head[4:] if f.head.startswith("act:") else "「…」"
            key = "who: " + "・".join(dict.fromkeys((what,) + tuple(a for a in f.args if a != what)[:3]))
        else:
            key = "・".join((f.head,) + f.args[:3]) if f.head else "・".join(f.args[:4])
        if len(key) > 80:  # a key word is the document's text: a page's one endless token is shown in part
            key = key[:79] + "…"
        out.append(Finding(
            type=TYPES[f.slot], severity="error" if error else "info", source=f.source,
            message=(f"{key}: 「{f.quote}」 here; {n} independent source(s) give 「{right.quote}」 "
                     f"(model confidence {p:.2f}" + (")" if p >= error_at else ": no side taken)")),
            evidence=[corpus.span(f.source, f.start, f.end)],
            contradicted_by=[corpus.span(c.slot.source, c.slot.start, c.slot.end) for c in members[:4]],
            claims=[c.id for c in corpus.by_source[f.source] if c.start < f.end and f.start < c.end]))
        flagged.add((f.source, f.start))
    return out


def judge(corpus: Corpus, f: Slot, partners: list[Slot], by_source_slot: dict[tuple[str, str], list[Slot]],
          priors: dict[str, float]) -> tuple[str, list[Slot]]:
    """("error", the other side's slots), or the reason no side is taken."""
    me = corpus.witness.get(f.source, f.source)  # near-copies of this document are this document
    others = [p for p in partners if corpus.witness.get(p.source, p.source) != me and (p.slot != "date" or p.exact)
              and not (p.slot == "place" and _coarser(p.value, f.value))]
    own = [p for p in partners if corpus.witness.get(p.source, p.source) == me]
    if not others:
        return "nothing aligned", []
    if any(agree(f, p) for p in others):
        return "supported", []
    clusters: list[list[Slot]] = []
    for p in others:
        for c in clusters:
            if agree(c[0], p):
                c.append(p)
                break
        else:
            clusters.append([p])
            if len(clusters) >= 3:
                return "a family of values", []
    best = max(clusters, key=lambda c: (len({p.source for p in c}), -min(p.start for p in c)))
    right = best[0]
    if any(agree(right, p) for p in own):  # the other value, or a place inside it
        return "its document gives the other value too", best  # two occasions, two clocks
    if f.slot == "quantity" and any(not agree(p, f) for p in own):
        return "its document gives several figures for these words", best  # votes of each candidate
    if not _comparable(corpus, f, right):
        return "not comparable", best
    if f.slot in ("quantity", "date") and any(
            agree(f, o) for o in by_source_slot[(right.source, f.slot)]
            if f.slot == "date" or o.quantity.unit == f.quantity.unit):
        return "the other side gives this value for other words", best  # another scope
    n = len({corpus.witness.get(p.source, p.source) for p in best})  # copies of one text are one witness
    if n < 2 and not (n == 1 and round(priors[right.source] - priors[f.source], 6) >= PRIOR_GAP):
        return "one against one", best
    return "error", best


def _coarser(a: str, b: str) -> bool:
    """Place a is a region that contains place b (大阪 for 大阪府高槻市): it neither supports nor denies it."""
    pa, pb = place_parts(a), place_parts(b)
    return not places_match(pa[-1], pb[-1]) and any(places_match(pa[-1], x) for x in pb[:-1])


def _comparable(corpus: Corpus, f: Slot, right: Slot) -> bool:
    if f.slot == "date":
        if "*" in (f.value[0], right.value[0]):
            return True
        da, db = dt.date.fromisoformat(_span(f.value)[0]), dt.date.fromisoformat(_span(right.value)[0])
        if two_clocks(corpus, (f.source, right.source), da, db):
            return False  # a day apart where clocks are in play: local and Japanese time
        return True
    if f.slot == "place":
        return not place_corroborated(corpus, f.source, f.value)
    if f.slot == "polarity":
        return not (f.planned or right.planned)
    if f.slot == "actor":
        return not f.planned
    lo, hi = sorted((f.quantity.value, right.quantity.value))
    return lo > 0 and hi / lo <= 10
