"""The long fuzz run: thousands of hostile documents through the command line, in one process.

Each input is a case from ``tests/_hostile.py`` (odd values, broken markup, control characters,
long cells and lines, in every encoding, with damaged bytes), run through ``claimcheck extract``
or, one in three, ``claimcheck report`` beside an ordinary document.  Every run must end with exit
status 0 or 2 within the timeout.  The summary counts the outcomes; internal errors (exit 3) and
hangs are listed with the case that caused them, which is kept in the output folder.

    .venv/bin/python bench/fuzz.py                  # 5,000 inputs, seed 14
    .venv/bin/python bench/fuzz.py -n 20000 --seed 7 --timeout 30

Exit status 1 when any run was an internal error or a hang.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import _hostile as H  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=5000, help="inputs to run (default 5000)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--timeout", type=float, default=60, help="seconds one input may take (default 60)")
    ap.add_argument("--keep", type=Path, help="folder for the failing cases (default: a temporary folder)")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="claimcheck-fuzz-"))
    keep = a.keep or work / "failures"
    keep.mkdir(parents=True, exist_ok=True)
    os.environ["CLAIMCHECK_CACHE"] = str(work / "cache")  # hostile parses do not fill the user's cache
    rng = random.Random(a.seed)
    outcomes: Counter = Counter()
    failures: list[str] = []
    t0 = time.monotonic()
    for n in range(a.n):
        parts, encoding, damage, suffix = H.random_case(rng)
        data = H.encode(H.join(parts, rng), encoding, damage, rng)
        report = n % 3 == 2
        status, err = H.run_case(work, n, data, suffix, a.timeout, report)
        outcomes[status] += 1
        if status not in (0, 2):
            saved = keep / f"case{n}{suffix}"
            saved.write_bytes(data)
            last = err.strip().splitlines()[-2:] if err.strip() else ["(no message)"]
            failures.append(f"  case {n} ({'report' if report else 'extract'}, {encoding}, {damage}): {status}: "
                            f"{' | '.join(last)[:300]}  -> {saved}")
        (work / f"case{n}{suffix}").unlink(missing_ok=True)
        if (n + 1) % 500 == 0:
            print(f"{n + 1} inputs, {time.monotonic() - t0:.0f} s: {dict(sorted(outcomes.items(), key=str))}",
                  file=sys.stderr)
    internal, hangs = outcomes[3], outcomes["hang"]
    print(f"{a.n} hostile inputs (seed {a.seed}) in {time.monotonic() - t0:.0f} s: "
          f"{outcomes[0]} ran (exit 0), {outcomes[2]} refused (exit 2), {internal} internal errors (exit 3), "
          f"{hangs} hangs (over {a.timeout:g} s)" + "".join(
              f", {v} exit {k}" for k, v in outcomes.items() if k not in (0, 2, 3, "hang")))
    for line in failures:
        print(line)
    if not a.keep and not failures:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
