"""The judgment benchmark: `claimcheck report` on every gold corpus, scored by ../shared/tools/score.py.

    .venv/bin/python bench/judgment.py                 # every corpus with a gold file
    .venv/bin/python bench/judgment.py tests/data/blind/slim_landing bench/pages/boj_negative_rate_exit
    .venv/bin/python bench/judgment.py --funnel        # where each missed error was lost
    .venv/bin/python bench/judgment.py --alarms        # every false alarm: quote, counterpart, rule
    .venv/bin/python bench/judgment.py --first-sight tests/data/blind/NEW   # score once, append the row

Corpora: every `gold.json` under tests/data (documents beside it), every bench/pages/*/gold.json (the
page text in its git-ignored text/ folder; reported as missing when the folder is absent), and the seed
corpus in ../shared when it is there. A folder given on the command line is one corpus.

One row per corpus and a total per group: errors found, right type, flags (error/warning findings),
hits (flags whose evidence overlaps a planted error), precision, false alarms (flags on reliable or
clean documents that hit nothing), ranking pairs (pairs of documents in different tiers ordered right),
agreements matched, and hard pairs (a reliable or clean document scored above an unreliable one). The figures are score.py's, so they agree with the evaluators'.

`--first-sight` appends one row per corpus to bench/first_sight.md and refuses a corpus that already
has a row there: a corpus is scored at first sight once, before any change it inspires.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
FIRST_SIGHT = ROOT / "bench" / "first_sight.md"
FLAGGING = ("error", "warning")
CROSS_SOURCE = {"misattribution", "role_anachronism", "invented_location", "wrong_date", "wrong_number",
                "negation"}


@dataclass
class Corpus:
    name: str
    group: str  # seeds, ours, blind, pages
    gold: Path
    docs: Path
    missing: str = ""  # why it cannot be run (page text not gathered on this machine)
    report: dict = field(default_factory=dict)
    scored: dict = field(default_factory=dict)
    error: str = ""


def _scorer():
    path = SHARED / "tools" / "score.py"
    if not path.is_file():
        sys.exit(f"judgment: {path} is missing; the benchmark scores with the shared scorer")
    spec = importlib.util.spec_from_file_location("gold_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def corpus_at(folder: Path, group: str | None = None) -> Corpus:
    folder = folder.resolve()
    gold = folder / "gold.json"
    pages = (folder / "manifest.json").is_file()
    docs = folder / "text" if pages else folder
    try:
        name = str(folder.relative_to(ROOT))
    except ValueError:
        name = folder.name
    group = group or ("pages" if pages else "blind" if "blind" in folder.parts else "ours")
    c = Corpus(name=name, group=group, gold=gold, docs=docs)
    if not gold.is_file():
        c.missing = "no gold.json"
    elif pages and not any(docs.glob("*.txt")):
        c.missing = f"page text not on this machine: gather it again from {folder.name}/manifest.json"
    return c


def discover() -> list[Corpus]:
    out = []
    seeds = SHARED / "gold" / "seeds.json"
    if seeds.is_file() and (SHARED / "seeds").is_dir():
        out.append(Corpus(name="seeds", group="seeds", gold=seeds, docs=SHARED / "seeds"))
    for gold in sorted((ROOT / "tests" / "data").rglob("gold.json")):
        out.append(corpus_at(gold.parent))
    for gold in sorted((ROOT / "bench" / "pages").glob("*/gold.json")):
        out.append(corpus_at(gold.parent, "pages"))
    seen = recorded()
    for c in out:  # a new corpus is scored first with --first-sight, so that its first figures are kept
        if c.group in ("blind", "pages") and c.name not in seen and not c.missing:
            c.missing = "no first-sight row yet: run bench/judgment.py --first-sight " + c.name
    return out


def recorded() -> set[str]:
    """Corpora that have a first-sight row."""
    text = FIRST_SIGHT.read_text(encoding="utf-8") if FIRST_SIGHT.is_file() else ""
    return {line.split("|")[2].strip() for line in text.splitlines() if line.startswith("| 20")}


def _report_here(docs: str, html: str, js: str) -> tuple[int, str]:
    """``claimcheck report`` in this (worker) process: (exit status, what it printed on stderr)."""
    import contextlib
    import io

    from checker.cli import main as cli_main

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            code = cli_main(["report", docs, "-o", html, "--json", js, "-q", "--jobs", "1"])
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
    return code, err.getvalue()


def run_reports(corpora: list[Corpus], out: Path, jobs: int) -> None:
    """Each corpus's report, in ``jobs`` worker processes forked once with the checker imported (a
    report costs no interpreter start and no imports), the largest corpora first."""
    import checker.cli  # noqa: F401 -- imported before the fork, shared by the workers
    import checker.pipeline  # noqa: F401
    import reports.render  # noqa: F401

    size = {c.name: sum(p.stat().st_size for p in c.docs.iterdir() if p.is_file()) for c in corpora}
    order = sorted(corpora, key=lambda c: -size[c.name])
    paths = {c.name: out / (c.name.replace("/", "_") + ".json") for c in corpora}
    with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=get_context("fork")) as pool:
        futures = {c.name: pool.submit(_report_here, str(c.docs), str(paths[c.name].with_suffix(".html")),
                                       str(paths[c.name])) for c in order}
        for c in corpora:
            code, err = futures[c.name].result()
            if code != 0:
                lines = err.strip().splitlines() or [f"exit {code}"]
                c.error = next((ln for ln in lines if "error" in ln), lines[-1])
                continue
            c.report = json.loads(paths[c.name].read_text(encoding="utf-8"))


def score(corpora: list[Corpus], jobs: int, keep: Path | None) -> None:
    scorer = _scorer()
    out = keep or Path(tempfile.mkdtemp(prefix="claimcheck-judgment-"))
    out.mkdir(parents=True, exist_ok=True)
    runnable = [c for c in corpora if not c.missing]
    run_reports(runnable, out, jobs)
    for c in runnable:
        if c.report:
            c.scored = scorer.score_topic(c.report, _topic(c), c.docs)
            c.scored.update(hard_pairs(c.report, _topic(c)))


def hard_pairs(report: dict, topic: dict) -> dict:
    """Pairs of a reliable or clean document and an unreliable one that the scores order right."""
    kinds = {d: i["kind"] for d, i in topic["documents"].items()}
    scores = {s["id"]: s.get("score") for s in report.get("sources", [])}
    pairs = [(a, b) for a, ka in kinds.items() for b, kb in kinds.items()
             if ka in ("reliable", "clean") and kb == "unreliable"]
    ok = sum(1 for a, b in pairs if scores.get(a) is not None and scores.get(b) is not None and scores[a] > scores[b])
    return {"hard_ok": ok, "hard": len(pairs)}


def _topic(c: Corpus) -> dict:
    data = json.loads(c.gold.read_text(encoding="utf-8"))
    return data[0] if isinstance(data, list) else data


# --- the table -------------------------------------------------------------------------------------

COLUMNS = ("corpus", "found", "typed", "flags", "hits", "precision", "false alarms", "ranking pairs",
           "agreements", "hard pairs")


def row(name: str, s: dict) -> list[str]:
    prec = f"{s['hits'] / s['flags']:.2f}" if s["flags"] else "-"
    return [name, f"{s['found']}/{s['errors']}", str(s["typed"]), str(s["flags"]), str(s["hits"]), prec,
            str(s["false_alarms"]), f"{s['ranking_pairs_ok']}/{s['ranking_pairs']}",
            f"{s['agreements']}/{s['agreements_total']}", f"{s.get('hard_ok', 0)}/{s.get('hard', 0)}"]


def total(scored: list[dict]) -> dict:
    keys = ("errors", "found", "typed", "flags", "hits", "false_alarms", "ranking_pairs_ok", "ranking_pairs",
            "agreements", "agreements_total", "hard_ok", "hard")
    return {k: sum(s[k] for s in scored) for k in keys}


def table(corpora: list[Corpus]) -> str:
    rows: list[list[str]] = []
    for group in ("seeds", "ours", "blind", "pages"):
        members = [c for c in corpora if c.group == group]
        if not members:
            continue
        for c in members:
            if c.scored:
                rows.append(row(c.name, c.scored))
            else:
                rows.append([c.name] + [""] * (len(COLUMNS) - 2) + ["-- " + (c.missing or f"failed: {c.error}")])
        done = [c.scored for c in members if c.scored]
        if done:
            rows.append(row(f"total {group} ({len(done)})", total(done)))
    done = [c.scored for c in corpora if c.scored]
    if done:
        rows.append(row(f"TOTAL ({len(done)})", total(done)))
    full = [r for r in rows if not r[-1].startswith("-- ")] + [list(COLUMNS)]
    widths = [max(len(r[i]) for r in full) for i in range(len(COLUMNS))]
    fmt = lambda r: "  ".join(x.ljust(w) if i == 0 or x.startswith("-- ") else x.rjust(w)
                              for i, (x, w) in enumerate(zip(r, widths)))
    return "\n".join([fmt(list(COLUMNS))] + [fmt(r) for r in rows])


# --- funnel and alarms -----------------------------------------------------------------------------

def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    out, i = [], text.find(quote) if quote else -1
    while i >= 0:
        out.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return out


def _over(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < b[1] and b[0] < a[1] for b in spans)


def _texts(c: Corpus, topic: dict) -> dict[str, str]:
    return {Path(i["file"]).stem: (c.docs / i["file"]).read_text(encoding="utf-8", errors="replace")
            for i in topic["documents"].values()}


def aligned(claim: dict, others: list[dict]) -> bool:
    """The benchmark's own notion of alignment, read off the report: a claim of another source with
    the same predicate class about the same entity (subject or object) or the same kind of event."""
    pc = claim.get("predicate_class") or claim.get("predicate")
    for o in others:
        if (o.get("predicate_class") or o.get("predicate")) != pc:
            continue
        if claim.get("subject_id") and claim["subject_id"] in (o.get("subject_id"), o.get("object_id")):
            return True
        if claim.get("object_id") and claim["object_id"] in (o.get("subject_id"), o.get("object_id")):
            return True
        ev = claim["qualifiers"].get("event")
        if ev and ev == o["qualifiers"].get("event"):
            return True
    return False


def funnel_stage(c: Corpus, err: dict, texts: dict[str, str]) -> str:
    rep, doc = c.report, err["doc"]
    gspans = _spans(texts[doc], err["quote"])
    mine = [x for x in rep["claims"] if x["source"] == doc and _over((x["start"], x["end"]), gspans)]
    near = [f for f in rep["findings"] if f["source"] == doc
            and any(e["source"] == doc and _over((e["start"], e["end"]), gspans) for e in f["evidence"])]
    blamed_other = [f for f in rep["findings"] if f["source"] != doc and f["severity"] in FLAGGING and any(
        e["source"] == doc and _over((e["start"], e["end"]), gspans) for e in f.get("contradicted_by", []))]
    if blamed_other:
        return f"flagged the other side ({blamed_other[0]['source']}, {blamed_other[0]['type']})"
    if near and all(f["severity"] == "info" for f in near):
        return f"judged, but at info severity ({near[0]['type']})"
    if not mine:
        return "no claim covers its span"
    if err["type"] == "internal_contradiction":
        pspans = _spans(texts[doc], err.get("paired_quote") or "")
        if not any(x["source"] == doc and _over((x["start"], x["end"]), pspans) for x in rep["claims"]):
            return "a claim, but none covers the paired quote"
    elif err["type"] in CROSS_SOURCE:
        others = [x for x in rep["claims"] if x["source"] != doc]
        if not any(aligned(x, others) for x in mine):
            return "a claim, but no claim of another source aligned with it"
    return "aligned, but judged compatible" if err["type"] in CROSS_SOURCE else "a claim, but no rule fired"


def funnel(corpora: list[Corpus]) -> str:
    lines, counts = [], {}
    for c in corpora:
        if not c.scored or not c.scored["missed"]:
            continue
        topic = _topic(c)
        texts = _texts(c, topic)
        errors = {e["id"]: e for e in topic["errors"]}
        lines.append(f"[{c.name}]")
        for m in c.scored["missed"]:
            e = errors[m.split(":", 1)[0]]
            stage = funnel_stage(c, e, texts)
            counts[stage.split(" (")[0]] = counts.get(stage.split(" (")[0], 0) + 1
            lines.append(f"  {e['id']} {e['type']} {e['doc']}: 「{e['quote'][:50]}」 -> {stage}")
    summary = [f"  {n:3d}  {s}" for s, n in sorted(counts.items(), key=lambda kv: -kv[1])]
    return "\n".join(lines + ["missed errors by stage:"] + summary)


def alarms(corpora: list[Corpus]) -> str:
    lines = []
    for c in corpora:
        if not c.scored:
            continue
        topic = _topic(c)
        texts = _texts(c, topic)
        kinds = {d: i["kind"] for d, i in topic["documents"].items()}
        planted: dict[str, list] = {}
        for e in topic["errors"]:
            for q in (e["quote"], e.get("paired_quote")):
                planted.setdefault(e["doc"], []).extend(_spans(texts[e["doc"]], q or ""))
        traps: dict[str, list] = {}
        for t in topic.get("true_unique", []):
            traps.setdefault(t["doc"], []).extend(_spans(texts.get(t["doc"], ""), t.get("quote", "")))
        for s in topic.get("scope_differences", []):
            quotes = s.get("quotes") or {}  # {doc: quote} or [{"doc": …, "quote": …}]
            pairs = quotes.items() if isinstance(quotes, dict) else [(q.get("doc"), q.get("quote")) for q in quotes]
            for d, q in pairs:
                traps.setdefault(d, []).extend(_spans(texts.get(d, ""), q or ""))
        judged = _hand_judgments(c)
        out = []
        for f in c.report["findings"]:
            d = f["source"]
            if f["severity"] not in FLAGGING or d not in kinds:
                continue
            evs = [e for e in f["evidence"] if e["source"] == d]
            if any(_over((e["start"], e["end"]), planted.get(d, [])) for e in evs):
                continue
            ev = evs[0] if evs else {"quote": "", "line": 0}
            trap = any(_over((e["start"], e["end"]), traps.get(d, [])) for e in evs)
            other = f.get("contradicted_by") or []
            vs = f" vs {other[0]['source']}:{other[0]['line']} 「{other[0]['quote'][:40]}」" if other else ""
            tag = "FALSE ALARM" if kinds[d] in ("reliable", "clean") else "no hit (unreliable doc)"
            hand = judged.get((d, ev["quote"], f["type"]))
            out.append(f"  {tag}: {f['type']} [{f['severity']}] {d}:{ev['line']} 「{ev['quote'][:50]}」{vs}"
                       f"\n      rule {f.get('rule') or '?'}{' · a trap of the gold (true detail or scope)' if trap else ''}"
                       f"{' · hand-judged: ' + hand if hand else ''}\n      {f['message'][:160]}")
        if out:
            lines.append(f"[{c.name}]")
            lines += out
    return "\n".join(lines)


def _hand_judgments(c: Corpus) -> dict[tuple, str]:
    """For real pages: flags.json beside gold.json, each flag judged by hand at first sight."""
    path = c.gold.parent / "flags.json"
    if not path.is_file():
        return {}
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {(r["source"], r["quote"], r["type"]): f"{r['verdict']} ({r['why']})" for r in rows}


# --- first sight -----------------------------------------------------------------------------------

def _commit() -> str:
    sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    dirty = subprocess.run(["git", "status", "--porcelain", "claims", "checker", "reports"],
                           capture_output=True, text=True, cwd=ROOT)
    return sha.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def first_sight(corpora: list[Corpus]) -> int:
    done = recorded()
    rows, status = [], 0
    for c in corpora:
        if c.name in done:
            print(f"judgment: {c.name} already has a first-sight row; rows are never rewritten", file=sys.stderr)
            status = 1
        elif c.scored:
            s = c.scored
            rows.append("| " + " | ".join([dt.date.today().isoformat(), c.name, c.group, _commit()]
                                          + row(c.name, s)[1:-1]) + " |")  # the file's columns, as first fixed
    if rows:
        with FIRST_SIGHT.open("a", encoding="utf-8") as fh:
            fh.write("\n".join(rows) + "\n")
        print("\n".join(rows))
    return status


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("corpora", nargs="*", type=Path, help="corpus folders (default: every gold corpus)")
    ap.add_argument("--funnel", action="store_true", help="for each missed error, the stage where it was lost")
    ap.add_argument("--alarms", action="store_true", help="every false alarm with its quote, counterpart and rule")
    ap.add_argument("--first-sight", action="store_true", help="append the rows to bench/first_sight.md")
    ap.add_argument("--group", choices=("seeds", "ours", "blind", "pages"), help="only corpora of this group")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="worker processes (reports run at once)")
    ap.add_argument("--keep", type=Path, help="keep the reports (HTML and JSON) in this folder")
    a = ap.parse_args(argv)
    corpora = [corpus_at(p) for p in a.corpora] if a.corpora else discover()
    if a.group:
        corpora = [c for c in corpora if c.group == a.group]
    if a.first_sight and not a.corpora:
        ap.error("--first-sight needs the new corpus folders named on the command line")
    if a.first_sight and recorded() & {c.name for c in corpora}:
        ap.error("already scored at first sight (rows are never rewritten): "
                 + ", ".join(sorted(recorded() & {c.name for c in corpora})))
    score(corpora, a.jobs, a.keep)
    print(table(corpora))
    if a.funnel:
        print("\n--funnel\n" + funnel(corpora))
    if a.alarms:
        print("\n--alarms\n" + alarms(corpora))
    if a.first_sight:
        return first_sight(corpora)
    return 1 if any(c.error for c in corpora) else 0


if __name__ == "__main__":
    sys.exit(main())
