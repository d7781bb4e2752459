"""Why was a gold error missed (or a value flagged)?  Prints the slots of one quote with their
aligned candidates, the verdict features and the model's probability.

    python bench/why.py tests/data/blind/CORPUS X1          # a gold error by id
    python bench/why.py tests/data/blind/CORPUS 'some quote' # any quote of any document
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from claims.extract import extract_documents
from claims.ingest import read_documents
from claims.parse import Parser
from checker.align import Aligner, agree
from checker.judge_model import probability
from checker.pipeline import build_corpus
from checker.slots import slot_evidence
from checker.verdict import FLOOR


def main(folder: str, what: str) -> None:
    root = Path(folder)
    gold = json.loads((root / "gold.json").read_text())[0]
    text_dir = root / "text" if (root / "text").is_dir() else root
    quote, doc = what, None
    for e in gold["errors"]:
        if e["id"] == what:
            quote, doc = e["quote"], e["doc"]
            print(json.dumps(e, ensure_ascii=False, indent=1))
    paths = sorted(p for p in text_dir.iterdir() if p.suffix in (".txt", ".md", ".html"))
    docs = read_documents(paths)
    ex, _ = extract_documents(docs, Parser())
    corpus, _ = build_corpus(ex)
    slots = [s for e in ex for s in e.slots]
    aligner = Aligner(slots)
    judged = {(s.source, s.start, s.slot): (x, m) for s, x, m in slot_evidence(corpus, ex)}
    for e in ex:
        t = e.document.text
        if doc and e.document.id != doc:
            continue
        at = t.find(quote)
        if at < 0:
            continue
        span = (at, at + len(quote))
        print(f"== {e.document.id} [{span[0]}:{span[1]}]")
        for c in e.claims:
            if c.start < span[1] and span[0] < c.end:
                print("  claim", c.kind, c.subject, c.predicate, c.object, repr(c.quote[:60]))
        for i, s in enumerate(slots):
            if s.source != e.document.id or not (s.start < span[1] and span[0] < s.end):
                continue
            print(f"  SLOT {s.slot} head={s.head} args={s.args} measure={s.measure} value={s.value} "
                  f"time={s.time} owner={s.owner} exact={s.exact} quote={s.quote!r}")
            for c in aligner.candidates(i, FLOOR)[:8]:
                print(f"     {c.sim:.2f} {'=' if agree(s, c.slot) else '≠'} {c.slot.source} {c.slot.value} "
                      f"head={c.slot.head} args={c.slot.args} {c.slot.quote[:40]!r}")
            j = judged.get((s.source, s.start, s.slot))
            if j:
                x, m = j
                print("     p=%.2f" % probability(x), {k: round(v, 2) for k, v in x.items() if v})


if __name__ == "__main__":
    main(*sys.argv[1:3])
