#!/usr/bin/env python3
"""Check that gold files are consistent with the documents they describe.

usage: check_gold.py [GOLD.json DOCS_DIR]...

With no arguments it checks every gold*.json under tests/data (documents in the
same folder as the gold file) and, when present, the shared seed gold
(/work/shared/gold/seeds.json against /work/shared/seeds; override the two
paths with CLAIMCHECK_SEED_GOLD and CLAIMCHECK_SEED_DOCS).

For each topic it checks that every document file exists, every error quote and
every agreement quote is an exact substring of its document (the scorer in
tools/score.py matches by exact substring), that ids are unique, that error
types and document kinds are known, that every document named by an error,
agreement or the expected ranking is listed, and that each agreement has quotes
from at least two documents. Exit status 0 when everything holds, 1 otherwise.
Standard library only.
"""
from __future__ import annotations

import json
import os
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
SEED_GOLD = pathlib.Path(os.environ.get("CLAIMCHECK_SEED_GOLD", "/work/shared/gold/seeds.json"))
SEED_DOCS = pathlib.Path(os.environ.get("CLAIMCHECK_SEED_DOCS", "/work/shared/seeds"))

ERROR_TYPES = {
    "misattribution", "role_anachronism", "invented_location", "wrong_date", "wrong_number",
    "negation", "internal_contradiction", "fabricated_statistic", "placeholder",
}
KINDS = {"reliable", "unreliable", "clean"}


def check_topic(topic: dict, docs_dir: pathlib.Path) -> list[str]:
    name = topic.get("topic", "?")
    problems: list[str] = []

    def bad(msg: str) -> None:
        problems.append(f"[{name}] {msg}")

    documents = topic.get("documents") or {}
    if not documents:
        bad("no documents")
    texts: dict[str, str] = {}
    for key, info in documents.items():
        kind = info.get("kind")
        if kind not in KINDS:
            bad(f"document {key}: unknown kind {kind!r}")
        path = docs_dir / info.get("file", "")
        if not path.is_file():
            bad(f"document {key}: file not found: {path}")
            continue
        if pathlib.Path(info["file"]).stem != key:
            bad(f"document {key}: key is not the file stem of {info['file']}")
        texts[key] = path.read_text(encoding="utf-8", errors="replace")

    def quote_ok(where: str, doc: str, quote: str) -> None:
        if doc not in documents:
            bad(f"{where}: document {doc!r} is not listed in documents")
        elif doc in texts and not quote:
            bad(f"{where}: empty quote")
        elif doc in texts and quote not in texts[doc]:
            bad(f"{where}: quote not found in {documents[doc]['file']}: {quote!r}")

    if not isinstance(topic.get("errors"), list):
        bad('"errors" is missing: give a list, [] when there are none (the scorer needs the key)')
    seen: set[str] = set()
    for err in topic.get("errors", []):
        eid = err.get("id", "?")
        if eid in seen:
            bad(f"error {eid}: duplicate id")
        seen.add(eid)
        if err.get("type") not in ERROR_TYPES:
            bad(f"error {eid}: unknown type {err.get('type')!r}")
        quote_ok(f"error {eid}", err.get("doc", ""), err.get("quote", ""))
        for other in err.get("contradicted_by", []):
            if other not in documents:
                bad(f"error {eid}: contradicted_by names unknown document {other!r}")

    for i, agr in enumerate(topic.get("agreements", []), 1):
        quotes = agr.get("quotes") or {}
        if len(quotes) < 2:
            bad(f"agreement {i} ({agr.get('fact', '')}): quotes from fewer than two documents")
        if set(agr.get("docs", quotes)) != set(quotes):
            bad(f"agreement {i}: docs and quotes name different documents")
        for doc, quote in quotes.items():
            quote_ok(f"agreement {i}", doc, quote)

    for tier in topic.get("expected_ranking", []):
        for doc in tier if isinstance(tier, list) else [tier]:
            if doc not in documents:
                bad(f"expected_ranking names unknown document {doc!r}")
    return problems


def check_file(gold_path: pathlib.Path, docs_dir: pathlib.Path) -> tuple[int, int, int, list[str]]:
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    topics = [data] if isinstance(data, dict) else data
    problems: list[str] = []
    n_err = n_agr = 0
    for topic in topics:
        problems += check_topic(topic, docs_dir)
        n_err += len(topic.get("errors", []))
        n_agr += len(topic.get("agreements", []))
    return len(topics), n_err, n_agr, problems


def default_targets() -> list[tuple[pathlib.Path, pathlib.Path]]:
    targets = [(g, g.parent) for g in sorted(HERE.rglob("gold*.json"))]
    if SEED_GOLD.is_file() and SEED_DOCS.is_dir():
        targets.append((SEED_GOLD, SEED_DOCS))
    return targets


def main(argv: list[str]) -> int:
    if len(argv) % 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    targets = ([(pathlib.Path(argv[i]), pathlib.Path(argv[i + 1])) for i in range(0, len(argv), 2)]
               if argv else default_targets())
    if not targets:
        print("no gold files found", file=sys.stderr)
        return 1
    failed = False
    for gold, docs in targets:
        n_topics, n_err, n_agr, problems = check_file(gold, docs)
        status = "ok" if not problems else f"{len(problems)} problem(s)"
        print(f"{gold}: {n_topics} topic(s), {n_err} errors, {n_agr} agreements: {status}")
        for p in problems:
            print("  " + p)
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
