"""Parsing and extraction on worker processes and on a Dask cluster give what one process gives."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.pipeline import analyse
from claims.distribute import extract_parallel, partitions
from claims.extract import extract_documents
from claims.ingest import read_documents
from claims.parse import Parser
from reports.jsonout import report_json

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the clone")


def test_partitions_keep_order_and_cover_everything():
    docs = read_documents([SEEDS])
    for n in (1, 2, 3, 8):
        parts = partitions(docs, n)
        assert [d.id for p in parts for d in p] == [d.id for d in docs]
        assert len(parts) <= max(n, 1)


def test_worker_processes_give_the_one_process_extractions(tmp_path):
    docs = read_documents([SEEDS])
    one, names = extract_documents(docs, Parser())  # parses from the shared cache
    # an empty cache: the workers parse, then extract
    many, pooled = extract_parallel(docs, jobs=2, parser=Parser(cache_dir=tmp_path), serial_below=0)
    assert many == one
    assert pooled == names
    assert report_json(analyse(many)) == report_json(analyse(one))


@pytest.mark.parametrize("corpus", [SEEDS, Path(__file__).parent / "data" / "corpus2"], ids=["seeds", "corpus2"])
def test_dask_local_cluster_gives_the_local_report(tmp_path, corpus, monkeypatch):
    pytest.importorskip("dask.distributed")
    from checker.cli import main
    from claims.parse import default_cache_dir

    local, dask = tmp_path / "local.json", tmp_path / "dask.json"
    assert main(["report", str(corpus), "-o", str(tmp_path / "l.html"), "--json", str(local), "-q", "--jobs", "1"]) == 0
    # a cache of its own (the parses shared): the cluster extracts, nothing comes from the report or
    # extraction cache of the local run
    cache = tmp_path / "cache"
    cache.mkdir()
    (default_cache_dir() / "parses").mkdir(parents=True, exist_ok=True)
    (cache / "parses").symlink_to(default_cache_dir() / "parses", target_is_directory=True)
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(cache))
    assert main(["report", str(corpus), "-o", str(tmp_path / "d.html"), "--json", str(dask), "-q",
                 "--dask", "local", "--jobs", "2"]) == 0
    assert dask.read_bytes() == local.read_bytes()
    assert json.loads(dask.read_text())["sources"]
    assert any((cache / "extractions").rglob("*.pkl"))  # the cluster's extractions, kept
