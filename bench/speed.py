"""Benchmark: a cold and a warm `claimcheck report` against GiNZA's default pipeline, in one run.

    .venv/bin/python bench/speed.py [PATH...] [--jobs N]

On the same documents (default: the seeds and three blind corpora, 23 documents), side by side:

1. GiNZA's default ``ja_ginza`` pipeline (every component, one process) loading and parsing the
   documents' lines: what a parse of this text costs without claimcheck;
2. ``claimcheck report`` from a cold cache (an empty ``CLAIMCHECK_CACHE``): read, parse on every
   core (``--jobs``), extract, compare, score, write the HTML and the JSON;
3. the same report again, warm: parses come from the cache.

Targets: the cold report at least 3 times faster than the default parse, the warm one 50 times.

``--repeat N`` (default 2) runs each of the three N times, in turn, and keeps each one's best time:
the machine is shared with other work, and a run that another process slowed says nothing about
the code.  The cold report starts from an empty cache every time.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT = [ROOT.parent / "shared" / "seeds"] + [ROOT / "tests" / "data" / "blind" / n
                                                 for n in ("slim_landing", "h3_flight2", "taiwan_election")]


def ginza_default(lines: list[str]) -> float:
    """Load the default pipeline and parse the lines, in a fresh process (no model already loaded)."""
    code = ("import sys, time, spacy\nt = time.perf_counter()\nnlp = spacy.load('ja_ginza')\n"
            "lines = sys.stdin.read().split('\\n')\nfor _ in nlp.pipe(lines, batch_size=64): pass\n"
            "print(time.perf_counter() - t)")
    r = subprocess.run([sys.executable, "-c", code], input="\n".join(lines), capture_output=True, text=True,
                       check=True)
    return float(r.stdout.strip().splitlines()[-1])


def report(paths: list[str], cache: Path, out: Path, jobs: int) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "checker", "report", *paths, "-o", str(out / "r.html"),
                    "--json", str(out / "r.json"), "-q", "--jobs", str(jobs)], cwd=ROOT, check=True,
                   env=dict(os.environ, CLAIMCHECK_CACHE=str(cache)))
    return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    from claims.ingest import read_documents

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=2, help="runs of each, the best kept")
    a = ap.parse_args(argv)
    paths = [str(p) for p in a.paths if p.exists()]
    docs = read_documents(paths)
    lines = [ln for d in docs for ln in d.visible.splitlines() if ln.strip()]
    chars = sum(len(ln) for ln in lines)
    print(f"{len(docs)} documents, {len(lines)} lines, {chars:,} characters; {a.jobs} jobs on {os.cpu_count()} cores; "
          f"best of {max(1, a.repeat)}")
    g = cold = warm = float("inf")
    for _ in range(max(1, a.repeat)):
        g = min(g, ginza_default(lines))
        with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
            cold = min(cold, report(paths, Path(cache), Path(out), a.jobs))
            warm = min(warm, report(paths, Path(cache), Path(out), a.jobs))
            size = sum(p.stat().st_size for p in Path(out).iterdir())
    print(f"{'ja_ginza default pipeline, load + parse':<42} {g:7.2f} s")
    print(f"{'claimcheck report, cold cache':<42} {cold:7.2f} s   {g / cold:5.1f}x faster (target 3x)")
    print(f"{'claimcheck report, warm cache':<42} {warm:7.2f} s   {g / warm:5.1f}x faster (target 50x)")
    print(f"report {size / 1e6:.2f} MB (HTML + JSON)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
