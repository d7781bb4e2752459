"""Located-at conflicts: "震源は X" in one source, "Y を震源とする" in others, X and Y disjoint.

The claims of one attribute (one ``located:`` predicate class) are one block.  A block of at most
``MAX_SOURCES`` sources (every gold corpus) is compared all-pairs.  In a larger one, a place is
supported when another source gives the very same place or a place of the block's deterministic
sample matches it (:func:`checker.blocking.sample`), and the message names the sample's places
(the count of the other sources stays exact): the cost is linear in the block, not quadratic.
"""
from __future__ import annotations

from collections import defaultdict

from claims.models import Claim

from .blocking import MAX_SOURCES, sample
from .common import Corpus, places_match
from .records import Finding


def located_conflicts(corpus: Corpus) -> list[Finding]:
    blocks: dict[str, list[Claim]] = defaultdict(list)
    for c in corpus.claims:
        if c.predicate_class.startswith("located:") and c.qualifiers.place:
            blocks[c.predicate_class].append(c)
    order = {c.id: n for n, c in enumerate(corpus.claims)} if blocks else {}
    found: list[tuple[int, Finding]] = []
    for block in blocks.values():
        found += [(order[a.id], f) for a, f in _conflicts(corpus, block)]
    return [f for _, f in sorted(found, key=lambda nf: nf[0])]  # in corpus order, as one scan gives them


def _conflicts(corpus: Corpus, block: list[Claim]):
    sources = {c.source for c in block}
    large = len(sources) > MAX_SOURCES
    shown = sample(block, lambda c: c.id) if large else block
    by_place: dict[str, set[str]] = defaultdict(set)  # the same place as written -> its sources
    for c in block:
        by_place[c.qualifiers.place].add(c.source)
    for a in block:
        if large and by_place[a.qualifiers.place] - {a.source}:
            continue  # someone else gives this very place
        if any(o.source != a.source and places_match(o.qualifiers.place, a.qualifiers.place) for o in shown):
            continue  # someone else agrees
        rivals = [o for o in shown if o.source != a.source]
        n = len(sources - {a.source}) if large else len({o.source for o in rivals})
        if n < 1:
            continue
        places = ", ".join(sorted({o.qualifiers.place or "" for o in rivals}))
        yield a, Finding(type="location_conflict", severity="error", source=a.source,
                         message=(f"{a.subject} given as {a.qualifiers.place}; {n} other source(s) give "
                                  f"{places}{' (a sample of them)' if large else ''}"),
                         evidence=[corpus.evidence(a)], contradicted_by=corpus.evidence_of(rivals),
                         claims=[a.id])
