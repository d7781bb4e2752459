"""Benchmark: analysis time and peak memory as the corpus grows, and the growth exponent.

    .venv/bin/python bench/scale.py                      # 1k, 2k, 4k, 8k, 16k on both series
    .venv/bin/python bench/scale.py --sizes 1000 2000    # fewer sizes
    .venv/bin/python bench/scale.py --profile 2000 hot   # cProfile of one run: where the time goes

Two series of documents made by ``bench/synth.py``:

- ``synthetic``: unrelated documents (other people, places and days in each);
- ``hot``: every document about one of five events (the same people, cities and days), a figure or
  a day changed in one document in ten: the keys a head of state or a city gives are shared by
  thousands of documents, the hard case for blocking.

What is measured is ``analyse()`` (compare, score, explain) on claims extracted beforehand: parses
are cached in real use, so a large corpus costs its analysis.  Each size runs in a fresh process;
its peak memory is that process's maximum resident set (the extracted claims included).  The
growth exponent is the slope of log(time) against log(documents), fitted over all sizes, and from
the smallest to the largest size.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import pickle
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SERIES = {"synthetic": 0, "hot": 5}  # how many events the documents are about (0: each its own)
SIZES = (1000, 2000, 4000, 8000, 16000)


def _code_hash() -> str:
    """Extractions are kept between runs, keyed by the extractor's code."""
    h = hashlib.sha256()
    for p in sorted((ROOT / "claims").glob("*.py")) + [ROOT / "bench" / "synth.py"]:
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def corpus(series: str, n: int):
    """The first ``n`` documents of the series: extracted once for the largest size, each size then
    kept in a file of its own (so that a run loads only what it analyses)."""
    from claims.parse import Parser, default_cache_dir
    from synth import synthetic_extractions

    folder = default_cache_dir() / "bench-scale"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{series}-{_code_hash()}-{n}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    largest = folder / f"{series}-{_code_hash()}-{max(n, *SIZES)}.pkl"
    if largest.exists():
        ex = pickle.loads(largest.read_bytes())
    else:
        ex = synthetic_extractions(Parser(), max(n, *SIZES), hot=SERIES[series])
        largest.write_bytes(pickle.dumps(ex, protocol=5))
    path.write_bytes(pickle.dumps(ex[:n], protocol=5))
    return ex[:n]


def _peak_mb() -> float:
    """This process's peak resident set (VmHWM: ru_maxrss would carry the parent's over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(series: str, n: int) -> dict:
    """Analyse the first ``n`` documents of a series in this process."""
    from checker.pipeline import analyse

    ex = corpus(series, n)
    t = time.perf_counter()
    report = analyse(ex)
    seconds = time.perf_counter() - t
    peak = _peak_mb()
    # the forked workers' largest peak (they share the parent's pages until they write to them)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"series": series, "docs": n, "claims": len(report.claims), "findings": len(report.findings),
            "seconds": round(seconds, 2), "peak_mb": round(peak), "worker_mb": round(workers)}


def machine_seconds() -> float:
    """A fixed pure-Python loop: how fast this machine is right now (the timings scale with it)."""
    t = time.perf_counter()
    s = 0
    for i in range(10_000_000):
        s += i
    return time.perf_counter() - t


def exponent(rows: list[dict]) -> tuple[float, float]:
    """The least-squares slope of log(seconds) on log(docs), and the slope from first to last."""
    xs = [math.log(r["docs"]) for r in rows]
    ys = [math.log(max(r["seconds"], 1e-3)) for r in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    fit = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / (sum((x - mx) ** 2 for x in xs) or 1)
    ends = (ys[-1] - ys[0]) / ((xs[-1] - xs[0]) or 1)
    return fit, ends


def profile(series: str, n: int) -> None:
    import cProfile
    import pstats

    from checker.pipeline import analyse

    ex = corpus(series, n)
    pr = cProfile.Profile()
    pr.enable()
    analyse(ex)
    pr.disable()
    pstats.Stats(pr).sort_stats("cumulative").print_stats(30)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    ap.add_argument("--series", nargs="+", choices=list(SERIES), default=list(SERIES))
    ap.add_argument("--profile", nargs=2, metavar=("DOCS", "SERIES"), help="profile one run and exit")
    ap.add_argument("--one", nargs=2, metavar=("SERIES", "DOCS"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.one:
        print(json.dumps(one(a.one[0], int(a.one[1]))))
        return 0
    if a.profile:
        profile(a.profile[1], int(a.profile[0]))
        return 0
    print("analyse() on pre-extracted claims (parses are cached in real use); one process per size")
    print(f"machine: a 10M-step Python loop takes {machine_seconds():.2f} s (timings scale with it)")
    print(f"{'series':<10} {'docs':>6} {'claims':>8} {'findings':>8} {'seconds':>8} {'peak MB':>8} {'worker MB':>9}")
    for series in a.series:
        for n in a.sizes:
            corpus(series, n)  # extract once, outside the timed runs
        rows = []
        for n in sorted(a.sizes):
            r = subprocess.run([sys.executable, __file__, "--one", series, str(n)], capture_output=True, text=True)
            if r.returncode:
                print(r.stderr, file=sys.stderr)
                return 1
            row = json.loads(r.stdout.strip().splitlines()[-1])
            rows.append(row)
            print(f"{series:<10} {n:>6} {row['claims']:>8} {row['findings']:>8} {row['seconds']:>8.2f} "
                  f"{row['peak_mb']:>8} {row['worker_mb']:>9}", flush=True)
        if len(rows) > 1:
            fit, ends = exponent(rows)
            print(f"{series}: growth exponent {fit:.2f} (fitted), {ends:.2f} "
                  f"({rows[0]['docs']} -> {rows[-1]['docs']} documents)", flush=True)
    print(f"machine: a 10M-step Python loop takes {machine_seconds():.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
