"""Benchmark: parse speed and report time on a corpus, cold (no parse cache) and warm.

    .venv/bin/python bench/report_speed.py [CORPUS_DIR]

Prints characters parsed per second with GiNZA (NER off), and wall time of the whole report
pipeline (ingest, extract, compare, score, render) with an empty cache and with a warm one.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.pipeline import analyse  # noqa: E402
from claims.extract import extract_documents  # noqa: E402
from claims.ingest import read_documents  # noqa: E402
from claims.parse import Parser  # noqa: E402
from reports.jsonout import report_json  # noqa: E402
from reports.render import render_html  # noqa: E402


def run(corpus: Path, cache: Path) -> tuple[float, float, int, int]:
    t0 = time.perf_counter()
    docs = read_documents([corpus])
    parser = Parser(cache_dir=cache)
    parser.nlp  # load the model outside the timed parse
    t1 = time.perf_counter()
    ex, _ = extract_documents(docs, parser)
    t2 = time.perf_counter()
    report = analyse(ex)
    html, js = render_html(report), report_json(report)
    t3 = time.perf_counter()
    chars = sum(len(d.visible) for d in docs)
    return t2 - t1, t3 - t0, chars, len(html) + len(js)


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds"
    with tempfile.TemporaryDirectory() as cache:
        parse_cold, total_cold, chars, size = run(corpus, Path(cache))
        parse_warm, total_warm, _, _ = run(corpus, Path(cache))
    print(f"corpus {corpus}: {chars} characters")
    print(f"cold: parse+extract {parse_cold:.2f} s ({chars / parse_cold:,.0f} chars/s), whole report {total_cold:.2f} s")
    print(f"warm: parse+extract {parse_warm:.2f} s, whole report {total_warm:.2f} s (parses from the cache)")
    print(f"output {size / 1e6:.2f} MB (HTML + JSON)")


if __name__ == "__main__":
    main()
