"""Figures indexed by what could agree with them, so that "does another source give this figure?"
reads a few neighbours instead of every figure of the corpus.

Two figures can agree (:func:`claims.values.quantities_agree`) only in the same unit, and then only
when their intervals (:func:`claims.values.agreement_interval`) touch, or, for two bounds of one
kind (N以上 and M以上), when their values are within :data:`claims.values.BOUND_RATIO`.  The index
keeps each group (a key the caller chooses, and the unit) sorted by interval, and
:meth:`FigureIndex.candidates` returns every member that passes that necessary test: a superset of
those that agree, so the caller's own test decides exactly as a scan of the whole group would.
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import Callable, Generic, Hashable, Sequence, TypeVar

from claims.models import Quantity
from claims.values import BOUND_RATIO, agreement_interval

T = TypeVar("T")
SPREAD = 1.1  # the bound ratio, widened against rounding at the edge


class _Group(Generic[T]):
    def __init__(self, members: list[tuple[Quantity, T]]):
        self.members = [m for _, m in members]
        self.scan = not all(math.isfinite(q.value) and (q.high is None or math.isfinite(q.high)) for q, _ in members)
        if self.scan:  # a figure that is not a number: read the whole group
            return
        spans, highs, lows = [], [], []
        self.by_bound: dict[str, tuple[list[float], list[T]]] = {}
        bounds: dict[str, list[tuple[float, int, T]]] = defaultdict(list)
        for n, (q, m) in enumerate(members):
            lo, hi = agreement_interval(q)
            if q.bound in ("ge", "le"):
                bounds[q.bound].append((q.value, n, m))
            if hi == math.inf:
                lows.append((lo, n, m))  # open above (N以上): agrees with anything from its low end up
            elif q.bound == "le":
                highs.append((hi, n, m))  # open below (N以下, from 0): anything up to its high end
            else:
                spans.append((lo, hi, n, m))
        for bound, rows in bounds.items():
            rows.sort(key=lambda r: (r[0], r[1]))
            self.by_bound[bound] = ([r[0] for r in rows], [r[2] for r in rows])
        # closed intervals by their width's power of two: a width grows with its figure (2% of it),
        # and one list's widest member would make every narrower one a candidate
        by_width: dict[int, list[tuple[float, float, int, T]]] = defaultdict(list)
        for r in spans:
            by_width[math.frexp(r[1] - r[0])[1]].append(r)
        self.spans: list[tuple[list[float], list[T], float]] = []
        for _, rows in sorted(by_width.items()):
            rows.sort(key=lambda r: (r[0], r[2]))
            self.spans.append(([r[0] for r in rows], [r[3] for r in rows], max(r[1] - r[0] for r in rows)))
        lows.sort(key=lambda r: (r[0], r[1]))
        self.open_lo, self.open_lo_items = [r[0] for r in lows], [r[2] for r in lows]
        highs.sort(key=lambda r: (r[0], r[1]))
        self.open_hi, self.open_hi_items = [r[0] for r in highs], [r[2] for r in highs]

    def candidates(self, q: Quantity) -> list[T]:
        if self.scan or not (math.isfinite(q.value) and (q.high is None or math.isfinite(q.high))):
            return self.members
        a0, a1 = agreement_interval(q)
        out: list[T] = []
        # intervals that touch [a0, a1]: a closed one starts at most its list's widest width below a0
        margin = 1e-9 * (abs(a0) + abs(a1 - a0) + 1.0)
        for starts, items, width in self.spans:
            lo = a0 - width - margin - 1e-9 * width
            out += items[bisect_left(starts, lo):bisect_right(starts, a1 + margin)]
        out += self.open_lo_items[:bisect_right(self.open_lo, a1 + margin)]
        out += self.open_hi_items[bisect_left(self.open_hi, a0 - margin):]
        if q.bound in self.by_bound and q.value > 0:
            values, items = self.by_bound[q.bound]
            out += items[bisect_left(values, q.value / BOUND_RATIO / SPREAD):
                         bisect_right(values, q.value * BOUND_RATIO * SPREAD)]
        return out


class FigureIndex(Generic[T]):
    """Items with a figure, grouped by ``key`` and the figure's unit."""

    def __init__(self, items: Sequence[T], key: Callable[[T], Hashable], figure: Callable[[T], Quantity]):
        self.key, self.figure = key, figure
        groups: dict[Hashable, list[tuple[Quantity, T]]] = defaultdict(list)
        for it in items:
            q = figure(it)
            groups[(key(it), q.unit)].append((q, it))
        self.groups = {k: _Group(v) for k, v in groups.items()}

    def candidates(self, item: T) -> list[T]:
        """Every item of the same group whose figure may agree with this one's (this one included)."""
        q = self.figure(item)
        group = self.groups.get((self.key(item), q.unit))
        return group.candidates(q) if group else []
