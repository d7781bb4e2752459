"""The verdicts on contested values, computed on every core while the other rules run.

A large corpus spreads its values over forked workers (round robin, so that each gets its share of
the crowded keys).  The workers start as soon as the evidence is prepared, so the parent applies the
other rules meanwhile; the results come back by position and are merged in order, so the output is
the same as a serial run.
"""
from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from typing import Callable

from claims.models import Slot

from .align import Candidate

PARALLEL_FROM = 40_000  # values from which the verdicts are computed in forked workers

Verdict = tuple[dict[str, float], list[Candidate]]


def analysis_jobs() -> int:
    env = os.environ.get("CLAIMCHECK_ANALYSIS_JOBS", "")
    return int(env) if env.isdigit() and int(env) > 0 else min(4, os.cpu_count() or 1)


_WORK = None  # (the per-value function, slot identity -> position), set while the workers fork


def _chunk(part: tuple[int, int, int]) -> list[tuple[int, tuple[dict[str, float], list[tuple[int, float]]]]]:
    start, stop, step = part
    one, index = _WORK  # candidates go back as positions, not as slots
    out = []
    for i in range(start, stop, step):
        r = one(i)
        if r is not None:
            out.append((i, (r[0], [(index[id(c.slot)], c.sim) for c in r[1]])))
    return out


class Each:
    """``one(i)`` for every value that has one, in order of ``i``.  On a large corpus the workers are
    forked here and run while the caller goes on; :meth:`result` waits for them.  A small corpus is
    computed in :meth:`result`, in this process."""

    def __init__(self, one: Callable[[int], Verdict | None], slots: list[Slot]):
        self.one, self.slots = one, slots
        self._pool: ProcessPoolExecutor | None = None
        self._parts: list[Future] = []
        jobs = analysis_jobs()
        if jobs <= 1 or len(slots) < PARALLEL_FROM or "fork" not in get_all_start_methods():
            return
        global _WORK
        _WORK = (one, {id(s): k for k, s in enumerate(slots)})
        try:  # with fork, the first submit forks every worker: they inherit _WORK
            self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork"))
            self._parts = [self._pool.submit(_chunk, (k, len(slots), jobs)) for k in range(jobs)]
        finally:
            _WORK = None

    def result(self) -> list[tuple[int, Verdict]]:
        if self._pool is None:
            return [(i, r) for i in range(len(self.slots)) if (r := self.one(i)) is not None]
        try:
            parts = [p.result() for p in self._parts]
        finally:
            self.close()
        slots = self.slots
        return sorted((i, (x, [Candidate(slots[j], sim) for j, sim in m])) for part in parts for i, (x, m) in part)

    def close(self) -> None:
        """Stop the workers (after :meth:`result`, or when the caller fails before it)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
