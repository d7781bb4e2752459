"""Runs of the CLI shared by the test modules: each corpus is reported once per test session."""
from __future__ import annotations

import functools
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SEEDS_GOLD = SHARED / "gold" / "seeds.json"
CORPUS2 = ROOT / "tests" / "data" / "corpus2"
CORPUS2_GOLD = CORPUS2 / "gold.json"
EXAMPLES = ROOT / "examples"
OUT = Path(tempfile.mkdtemp(prefix="claimcheck-tests-"))


def cli(*args: str, cwd: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """``claimcheck ARGS`` as a user runs it (``python -m checker``), output captured as text."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=env, timeout=timeout)


@functools.lru_cache(maxsize=None)
def report(corpus: Path) -> tuple[dict, Path, Path]:
    """(report JSON, HTML path, JSON path) of ``claimcheck report CORPUS``."""
    name = corpus.name
    html, js = OUT / f"{name}.html", OUT / f"{name}.json"
    r = cli("report", str(corpus), "-o", str(html), "--json", str(js), "-q")
    assert r.returncode == 0, r.stderr
    return json.loads(js.read_text(encoding="utf-8")), html, js


@functools.lru_cache(maxsize=None)
def scorer():
    spec = importlib.util.spec_from_file_location("gold_score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score(corpus: Path, gold: Path) -> dict:
    rep, _, _ = report(corpus)
    topic = json.loads(gold.read_text(encoding="utf-8"))[0]
    return scorer().score_topic(rep, topic, corpus)


def finding(rep: dict, source_prefix: str, type_: str, quote_part: str) -> dict | None:
    for f in rep["findings"]:
        if f["source"].startswith(source_prefix) and f["type"] == type_ and any(
                quote_part in e["quote"] for e in f["evidence"]):
            return f
    return None
