"""The verdicts on contested values, and the heaviest rules, computed on every core.

A large corpus spreads its values over forked workers (round robin, so that each gets its share of
the crowded keys), and gives them the rules that need nothing but the corpus (who held an office,
the agreements, the events) as tasks of their own.  The workers start as soon as the evidence is
prepared, so the parent applies the other rules meanwhile; the results come back by position and are
merged in order, so the output is the same as a serial run.  The workers are forked: they share the
parent's corpus (copy on write) and inherit its hash seed, so a set is walked in the same order.
"""
from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from typing import Any, Callable

from claims.models import Slot

from .align import Candidate

PARALLEL_FROM = 40_000  # values from which the verdicts are computed in forked workers

Verdict = tuple[dict[str, float], list[Candidate]]


def analysis_jobs() -> int:
    env = os.environ.get("CLAIMCHECK_ANALYSIS_JOBS", "")
    return int(env) if env.isdigit() and int(env) > 0 else min(4, os.cpu_count() or 1)


_WORK = None  # (the per-value function, slot identity -> position), set while the workers fork
_SIDE: dict[str, Callable[[], Any]] = {}  # the side tasks by name, set while the workers fork


def _side(name: str) -> Any:
    return _SIDE[name]()


CHUNKS = 4  # verdict chunks per worker: what no worker has started when the parent is free, it takes


def _chunk(part: tuple[int, int, int]) -> list[tuple[int, tuple[dict[str, float], list[tuple[int, float]]]]]:
    return _run(_WORK, part)


def _run(work, part: tuple[int, int, int]) -> list[tuple[int, tuple[dict[str, float], list[tuple[int, float]]]]]:
    start, stop, step = part
    one, index = work  # candidates go back as positions, not as slots
    out = []
    for i in range(start, stop, step):
        r = one(i)
        if r is not None:
            out.append((i, (r[0], [(index[id(c.slot)], c.sim) for c in r[1]])))
    return out


class Each:
    """``one(i)`` for every value that has one, in order of ``i``.  On a large corpus the workers are
    forked here and run while the caller goes on; :meth:`result` waits for them.  A small corpus is
    computed in :meth:`result`, in this process.

    ``side`` are other tasks (each a function of nothing), run by the workers after the verdicts when
    there are workers; :meth:`side` gives a task's result, computed here when there are none."""

    def __init__(self, one: Callable[[int], Verdict | None], slots: list[Slot],
                 side: dict[str, Callable[[], Any]] | None = None):
        self.one, self.slots = one, slots
        self._tasks = dict(side or {})
        self._pool: ProcessPoolExecutor | None = None
        self._parts: list[Future] = []
        self._side: dict[str, Future] = {}
        jobs = analysis_jobs()
        if jobs <= 1 or len(slots) < PARALLEL_FROM or "fork" not in get_all_start_methods():
            return
        global _WORK, _SIDE
        self._work = (one, {id(s): k for k, s in enumerate(slots)})
        _WORK, _SIDE = self._work, self._tasks
        n = jobs * CHUNKS
        self._chunks = [(k, len(slots), n) for k in range(n)]
        try:  # with fork, the first submit forks every worker: they inherit _WORK and _SIDE
            self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork"))
            self._side = {name: self._pool.submit(_side, name) for name in self._tasks}
            self._parts = [self._pool.submit(_chunk, c) for c in self._chunks]
        finally:
            _WORK, _SIDE = None, {}

    def side(self, name: str) -> Any:
        """The result of the side task ``name``: its worker's, or computed here (when no worker has
        started it yet, or there are no workers)."""
        if name in self._side:
            future = self._side.pop(name)
            if not future.cancel():
                return future.result()
        return self._tasks[name]()

    def result(self) -> list[tuple[int, Verdict]]:
        if self._pool is None:
            return [(i, r) for i in range(len(self.slots)) if (r := self.one(i)) is not None]
        parts = []  # the last chunks first: a chunk no worker has started yet is computed here
        for future, chunk in reversed(list(zip(self._parts, self._chunks))):
            parts.append(_run(self._work, chunk) if future.cancel() else future.result())
        slots = self.slots
        return sorted((i, (x, [Candidate(slots[j], sim) for j, sim in m])) for part in parts for i, (x, m) in part)

    def close(self) -> None:
        """Stop the workers (after :meth:`result`, or when the caller fails before it)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
