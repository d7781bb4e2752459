"""The verdicts of a large corpus are computed in forked workers: the report is the same as a serial run."""
from __future__ import annotations

import sys

import pytest

import checker.parallel as S
from claims.extract import extract_documents
from claims.ingest import read_documents
from claims.parse import Parser
from checker.pipeline import analyse

from _runs import CORPUS2

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="forked workers need fork")


def test_forked_verdicts_give_the_serial_report(monkeypatch):
    extractions, _ = extract_documents(read_documents(sorted(p for p in CORPUS2.iterdir() if p.suffix in (".txt", ".md", ".html"))), Parser())
    monkeypatch.setenv("CLAIMCHECK_ANALYSIS_JOBS", "1")
    serial = analyse(extractions).model_dump_json()
    pools, tasks = [], []

    class Pool(S.ProcessPoolExecutor):
        def __init__(self, *a, **k):
            pools.append(k.get("max_workers"))
            super().__init__(*a, **k)

        def submit(self, fn, *a, **k):
            tasks.append(fn.__name__)
            return super().submit(fn, *a, **k)

    monkeypatch.setattr(S, "PARALLEL_FROM", 1)  # every corpus counts as large
    monkeypatch.setenv("CLAIMCHECK_ANALYSIS_JOBS", "2")
    monkeypatch.setattr(S, "ProcessPoolExecutor", Pool)
    forked = analyse(extractions).model_dump_json()
    assert pools == [2]  # the verdicts went to two workers
    assert tasks.count("_side") == 3 and tasks.count("_chunk") == 2 * S.CHUNKS  # with three rules
    assert forked == serial
    assert '"number_conflict"' in serial  # a corpus with verdicts to compute, not an empty one


def test_work_no_worker_started_is_done_by_the_parent(monkeypatch):
    """A chunk or rule still waiting when the parent asks for it is computed by the parent: same report."""
    from concurrent.futures import Future

    extractions, _ = extract_documents(read_documents(sorted(p for p in CORPUS2.iterdir() if p.suffix in (".txt", ".md", ".html"))), Parser())
    monkeypatch.setenv("CLAIMCHECK_ANALYSIS_JOBS", "1")
    serial = analyse(extractions).model_dump_json()
    left = []

    class Pool(S.ProcessPoolExecutor):
        def submit(self, fn, *a, **k):  # every other task stays queued, as behind a busy worker
            if len(left) % 2 == 0:
                left.append(fn.__name__)
                return Future()
            left.append("")
            return super().submit(fn, *a, **k)

    monkeypatch.setattr(S, "PARALLEL_FROM", 1)
    monkeypatch.setenv("CLAIMCHECK_ANALYSIS_JOBS", "2")
    monkeypatch.setattr(S, "ProcessPoolExecutor", Pool)
    assert analyse(extractions).model_dump_json() == serial
    assert "_side" in left and "_chunk" in left  # both kinds were taken by the parent
