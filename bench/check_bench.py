"""Benchmark: checking one document against a 1,000-document claim store costs about one parse.

    .venv/bin/python bench/check_bench.py [--docs 1000] [--hot]

1. Builds a store of N synthetic documents (see synth.py) plus seeds 000, 002, 003 and 004.
2. Times parsing and extracting seed 001 alone (model loaded beforehand, parse cache off).
3. Times ``check(001, --against store)`` with the same uncached parser, and counts the sentences it
   sends to the model: only 001's.
4. With --hot, also a worst case: a store of N copies of the four seeds, where every stored document
   shares people, places and dates with 001, checked with several --max-related caps.
5. With --full N..., the cost of analysing N stored documents plus 001 without selecting related ones.
Figures go to standard output as a table; nothing is written outside a temporary folder.

Measured with --hot --full 100 250 (2 cores, ja_ginza 5.3, best of 3 runs where repeated):

    model load 1.34 s (once per process, not included below); 001 has 60 sentences
    store: 1000 synthetic documents extracted in 1.0 s, written in 0.19 s

    run                                                         seconds  parsed  compared with
    parse + extract 001 alone                                      0.64      60  -
    check 001 --against store of 1004                              0.80      60  4 of 4 related
      same, no score diff (--format github|junit|sarif)            0.75      60
    check 001 --against a store of the 4 seeds only                0.80      60  4 of 4
    check 001 --against 1000 seed copies, --max-related 10         1.19      60  10 of 1000 related
    check 001 --against 1000 seed copies, --max-related 25         2.88      60  25 of 1000 related
    check 001 --against 1000 seed copies, --max-related 50         9.89      60  50 of 1000 related
    analyse() of 100 stored documents + 001, no selection          0.71       0  100 of 100
    analyse() of 250 stored documents + 001, no selection          7.77       0  250 of 250

    check / parse = 1.25; finding codes on 001: CC101, CC102, CC201

A check against 1,004 stored documents costs what it costs against the 4 it is related to: one
parse of 001 plus an analysis of five documents.  Comparing with everything would not scale:
analyse() grows faster than quadratically (number_findings, event_findings, agreements).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import synthetic_extractions  # noqa: E402

from checker.check import check  # noqa: E402
from checker.pipeline import analyse  # noqa: E402
from checker.store import Store  # noqa: E402
from claims.extract import extract_documents  # noqa: E402
from claims.ingest import read_documents  # noqa: E402
from claims.models import Extraction  # noqa: E402
from claims.parse import Parser  # noqa: E402
from claims.segment import split  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CORPUS = ["000_931b40af5cfd0f8d", "002_ef34caf79d6341c1", "003_cefe247cd97587d1", "004_c0298d739a49e9f8"]
NEW = SEEDS / "001_8a2d6b2a3bfeeda8.txt"


def timed(parser: Parser, fn, repeat: int = 3):
    """(best seconds, last result, sentences parsed per run) over ``repeat`` runs."""
    best, result, calls = float("inf"), None, parser.calls
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result, (parser.calls - calls) // repeat


def copies(extractions: list[Extraction], n: int) -> list[Extraction]:
    """``n`` documents cycling through ``extractions`` under new ids (the worst case: all related)."""
    out = []
    for k in range(n):
        ex = extractions[k % len(extractions)]
        old = ex.document.id
        out.append(Extraction.model_validate_json(ex.model_dump_json().replace(old, f"{old}-copy{k:04d}")))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000, help="synthetic documents in the store")
    ap.add_argument("--hot", action="store_true", help="also the worst case: a store of seed copies")
    ap.add_argument("--full", type=int, nargs="*", metavar="N", default=[],
                    help="also time analyse() over N stored documents plus 001, i.e. without related-document "
                         "selection (slow: 500 took minutes)")
    args = ap.parse_args()

    cached = Parser()  # the default parse cache: building the corpus is not what is measured
    seeds, _ = extract_documents(read_documents([SEEDS / f"{i}.txt" for i in CORPUS]), cached)
    t = time.perf_counter()
    synthetic = synthetic_extractions(cached, args.docs)
    t_synth = time.perf_counter() - t

    parser = Parser(use_cache=False)  # every parse_document call goes to the model
    t = time.perf_counter()
    parser.nlp
    t_load = time.perf_counter() - t
    doc = read_documents([NEW])[0]
    n_sent = len(split(doc.text).sentences)

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "corpus.db")
        t = time.perf_counter()
        with Store.open(db, create=True) as store:
            store.put(synthetic + seeds)
        t_put = time.perf_counter() - t

        t_parse, _, n_parse = timed(parser, lambda: extract_documents([doc], parser))
        t_check, result, n_check = timed(parser, lambda: check([str(NEW)], [db], parser))
        t_nodiff, _, n_nodiff = timed(parser, lambda: check([str(NEW)], [db], parser, diff=False))
        small = str(Path(tmp) / "seeds.db")
        with Store.open(small, create=True) as store:
            store.put(seeds)
        t_small, _, n_small = timed(parser, lambda: check([str(NEW)], [small], parser))
        rows.append(("parse + extract 001 alone", t_parse, n_parse, "-"))
        rows.append((f"check 001 --against store of {args.docs + len(seeds)}", t_check, n_check,
                     f"{len(result.compared)} of {result.related} related"))
        rows.append(("  same, no score diff (--format github|junit|sarif)", t_nodiff, n_nodiff, ""))
        rows.append(("check 001 --against a store of the 4 seeds only", t_small, n_small, "4 of 4"))
        found = sorted({f.code for f in result.findings})

        if args.hot:
            hot_db = str(Path(tmp) / "hot.db")
            with Store.open(hot_db, create=True) as store:
                store.put(copies(seeds, args.docs))
            for cap in (10, 25, 50):
                t_hot, r, n_hot = timed(parser, lambda: check([str(NEW)], [hot_db], parser, max_related=cap),
                                        repeat=1)
                rows.append((f"check 001 --against {args.docs} seed copies, --max-related {cap}", t_hot, n_hot,
                             f"{len(r.compared)} of {r.related} related"))

        for n in args.full:
            (new_ex,), _ = extract_documents([doc], Parser())
            corpus = (seeds + synthetic)[:n] + [new_ex]
            t = time.perf_counter()
            analyse(corpus)
            rows.append((f"analyse() of {n} stored documents + 001, no selection", time.perf_counter() - t, 0,
                         f"{n} of {n}"))

    print(f"model load {t_load:.2f} s (once per process, not included below); 001 has {n_sent} sentences")
    print(f"store: {args.docs} synthetic documents extracted in {t_synth:.1f} s, written in {t_put:.2f} s")
    print()
    print(f"{'run':<58} {'seconds':>8} {'parsed':>7}  compared with")
    for name, sec, calls, note in rows:
        print(f"{name:<58} {sec:>8.2f} {calls:>7}  {note}")
    print()
    print(f"check / parse = {t_check / t_parse:.2f}; finding codes on 001: {', '.join(found)}")


if __name__ == "__main__":
    main()
