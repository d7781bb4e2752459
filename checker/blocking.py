"""Blocking: which records are compared with which, in bounded blocks.

The rules never compare all pairs of a corpus.  Records are grouped by blocking keys (a word of a
slot's key, a person, an event's day); only records sharing a key are compared.  A key shared by
thousands of documents (a head of state, a country, 会談) would make its block all-pairs again, so
a block is bounded:

- a block of at most ``MAX_SOURCES`` sources is compared all-pairs.  The gold corpora have at most
  25 documents, so on real corpora nothing is capped and the judgment is exactly the all-pairs one;
- a larger block is compared by *sorted neighbourhood* (Hernández and Stolfo's merge/purge): its
  members are sorted by what decides agreement (the value, then the source), and each is compared
  with the ``WINDOW`` members on either side of it.  A value that many sources give finds its
  agreeing neighbours, a lone value finds the values nearest to it, so the verdict (supported, a
  family of values, one value against the others) is the all-pairs one wherever the block's values
  are few, and the cost is linear in the block;
- a rule that counts the sources on each side (who held an office at a date) reads a large block
  through a deterministic sample of ``SAMPLE`` members (:func:`sample`): proportions survive it.

The order is total and uses only the records' contents, so the output is deterministic.
"""
from __future__ import annotations

import hashlib
import heapq
from bisect import bisect_left
from collections import defaultdict
from typing import Callable, Generic, Hashable, Iterable, Sequence, TypeVar

from claims.roles import place_parts

T = TypeVar("T")
MAX_SOURCES = 32  # a block of more sources than this is large; the gold corpora have at most 25 documents
WINDOW = 8  # neighbours compared on either side in a large block
SAMPLE = 48  # members kept of a large block by rules that count sources (more than MAX_SOURCES)
COUNT_CAP = 1000  # sources counted on one side of a conflict: beyond this both sides are "many"


class Blocks(Generic[T]):
    """Records indexed by blocking key; :meth:`near` gives the bounded candidates of one record."""

    def __init__(self, items: Sequence[T], keys: Callable[[T], Iterable[Hashable]],
                 order: Callable[[T], tuple] | None, source: Callable[[T], str] = lambda it: it.source,
                 max_sources: int = MAX_SOURCES, window: int = WINDOW,
                 ident: Callable[[T], str] = lambda it: it.id):
        self.items, self.order, self.window, self.ident = items, order, window, ident
        self.blocks: dict[Hashable, list[int]] = defaultdict(list)
        for i, it in enumerate(items):
            for k in dict.fromkeys(keys(it)):
                self.blocks[k].append(i)
        self.large = {k for k, b in self.blocks.items()
                      if len(b) > max_sources and len({source(items[j]) for j in b}) > max_sources}
        self._sorted: dict[Hashable, tuple[list[tuple], list[int]]] = {}

    def window_of(self, key: Hashable, i: int) -> Sequence[int]:
        """Record ``i``'s neighbours in the large block of ``key``, sorted by ``order``; without an
        order, the block's deterministic sample (the ``SAMPLE`` members with the smallest hashes of
        ``ident``)."""
        if self.order is None:
            if key not in self._sorted:
                block = self.blocks[key]
                self._sorted[key] = ([], heapq.nsmallest(SAMPLE, block, key=lambda j: _hash(self.ident(self.items[j]))))
            return self._sorted[key][1]
        if key not in self._sorted:
            ranked = sorted((self.order(self.items[j]), j) for j in self.blocks[key])
            self._sorted[key] = ([r for r, _ in ranked], [j for _, j in ranked])
        ranks, ids = self._sorted[key]
        at = bisect_left(ranks, self.order(self.items[i]))
        return ids[max(0, at - self.window):at + self.window + 1]

    def near(self, i: int, keys: Iterable[Hashable]) -> set[int]:
        """Every record that shares one of ``keys`` with record ``i``, ``i`` left out.  Of the keys
        shared by more than ``max_sources`` sources only the most specific (the smallest block)
        counts, by its sorted neighbourhood: a record that agrees shares it along with the others."""
        keys = list(dict.fromkeys(keys))
        large = [k for k in keys if k in self.large]
        out = {j for k in keys if k not in self.large for j in self.blocks.get(k, ())}
        if large:
            key = min(large, key=lambda k: (len(self.blocks[k]), repr(k)))
            out.update(self.window_of(key, i))
        out.discard(i)
        return out


def sample(block: Sequence[T], ident: Callable[[T], str], source: Callable[[T], str] = lambda it: it.source,
           max_sources: int = MAX_SOURCES, size: int = SAMPLE) -> Sequence[T]:
    """A block of at most ``max_sources`` sources whole; a larger one by a deterministic sample of
    ``size`` members (the smallest hashes of their ids), kept in block order.  Rules that count the
    sources on each side compare proportions, which a sample of a few hundred preserves."""
    if len(block) <= max_sources or len({source(it) for it in block}) <= max_sources:
        return block
    keep = set(heapq.nsmallest(size, range(len(block)), key=lambda n: _hash(ident(block[n]))))
    return [it for n, it in enumerate(block) if n in keep]


def _hash(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()


def pairs(block: Sequence[T], order: Callable[[T], tuple], source: Callable[[T], str] = lambda it: it.source,
          max_sources: int = MAX_SOURCES, window: int = WINDOW) -> Iterable[tuple[T, T]]:
    """The pairs of one block to compare: all of them, or, for a block of more than ``max_sources``
    sources, each member with the ``window`` members after it in ``order`` (sorted neighbourhood)."""
    if len(block) <= max_sources or len({source(it) for it in block}) <= max_sources:
        for n, a in enumerate(block):
            for b in block[n + 1:]:
                yield a, b
        return
    ranked = sorted(block, key=order)
    for n, a in enumerate(ranked):
        for b in ranked[n + 1:n + 1 + window]:
            yield a, b


def claim_order(c) -> tuple:
    """Claims in a large block sorted by what their agreement turns on: when, where, who says it."""
    q = c.qualifiers
    return (q.time or "", q.place or "", c.source, c.start, c.id)


def source_pairs(blocks: Iterable[Sequence[T]], order: Callable[[T], tuple] = claim_order) -> dict[tuple, tuple]:
    """Pairs of claims of two sources that share a block, oriented (lower source first), by id pair."""
    out = {}
    for block in blocks:
        for a, b in pairs(block, order):
            if a.source != b.source:
                a, b = (a, b) if a.source < b.source else (b, a)
                out[(a.id, b.id)] = (a, b)
    return out


def slot_order(s) -> tuple:
    """Slots in a large block sorted by value, so that agreeing values are neighbours."""
    if s.slot == "quantity" and s.quantity is not None:
        return (s.quantity.unit, s.quantity.value, s.source, s.start)
    value = s.value.split("/", 1)[0] if s.slot == "date" else place_parts(s.value)[-1] if s.slot == "place" \
        else s.value
    return (value, 0.0, s.source, s.start)
