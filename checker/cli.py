"""The command line: each command parses its arguments, calls one library function, prints or writes."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from claims.ingest import InputError

from . import __version__

EPILOG_REPORT = """examples:
  claimcheck report examples/ -o report.html --json report.json
  claimcheck report a.txt b.md c.html -o out.html
  claimcheck report examples/ -o report.html --reference examples/facts.yaml"""
EPILOG_CHECK = """examples:
  claimcheck check new.txt --against corpus.db
  claimcheck check drafts/*.md --against corpus/ --format github --fail-on warning
  claimcheck check drafts/ --against corpus.db --write-baseline claimcheck-baseline.json
  claimcheck check drafts/ --against corpus.db --baseline claimcheck-baseline.json --format sarif > claims.sarif
settings: [tool.claimcheck] in pyproject.toml (fail-on, ignore, store, baseline, max-related)
exit status: 0 clean, 1 findings in NEW documents at or above --fail-on, 2 usage or input error"""
EPILOG_STORE = """examples:
  claimcheck store add corpus/ --store corpus.db
  claimcheck store list --store corpus.db"""
EPILOG_STORE_ADD = """examples:
  claimcheck store add corpus/ --store corpus.db
  claimcheck store add corpus/new-article.md --store corpus.db
an unchanged file (same name, same text) is not parsed again; a changed one replaces its claims"""
EPILOG_STORE_LIST = """examples:
  claimcheck store list --store corpus.db
  claimcheck store list --store corpus.db --format json"""
EPILOG_EXTRACT = """examples:
  claimcheck extract examples/ -o claims.jsonl
  claimcheck extract article.html | head"""


def _progress(total_chars: int, enabled: bool):
    """A tqdm bar on stderr, shown only on a terminal; returns (callback, close)."""
    if not enabled:
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=total_chars, unit="char", unit_scale=True, desc="parsing", file=sys.stderr, disable=None,
               leave=False)
    return bar.update, bar.close


def _load(paths, quiet: bool, references=()):
    from claims.extract import extract_documents
    from claims.ingest import read_documents
    from claims.parse import Parser
    from claims.reference import load_reference

    from .pipeline import _reference_names

    refs = [load_reference(r) for r in references or ()]
    skipped: list = []
    docs = read_documents(paths, skipped)
    if skipped and not quiet:
        shown = ", ".join(str(p) for p in skipped[:5]) + (" …" if len(skipped) > 5 else "")
        print(f"note: {len(skipped)} file(s) that are not .txt, .md or .html were left out: {shown}",
              file=sys.stderr)
    for d in docs:
        if not d.visible.strip() and not quiet:
            print(f"note: {d.path} has no text", file=sys.stderr)
    update, close = _progress(sum(len(d.visible) for d in docs), not quiet)
    try:
        ex, names = extract_documents(docs, Parser(), names=_reference_names(refs), progress=update)
    finally:
        close()
    return refs, ex


def cmd_report(args) -> int:
    from reports.jsonout import report_json
    from reports.render import render_html

    from .pipeline import analyse

    refs, ex = _load(args.paths, args.quiet, args.reference)
    report = analyse(ex, refs)
    _write(args.output, render_html(report))
    if args.json:
        _write(args.json, report_json(report))
    if not args.quiet:
        flags = sum(1 for f in report.findings if f.severity in ("error", "warning"))
        print(f"{len(report.sources)} sources, {len(report.claims)} claims, {flags} flagged findings "
              f"-> {args.output}" + (f", {args.json}" if args.json else ""), file=sys.stderr)
        for s in report.sources:
            print(f"  {s.score:5.2f} {s.label:<6} {s.id}", file=sys.stderr)
    return 0


def cmd_extract(args) -> int:
    from claims.entities import Resolver

    _, ex = _load(args.paths, args.quiet)
    resolver = Resolver(ex)
    lines = []
    for e in ex:
        for c in e.claims:
            lines.append(json.dumps(resolver.resolve(c).model_dump(mode="json", exclude_defaults=False),
                                    ensure_ascii=False, sort_keys=True))
    out = "\n".join(lines) + ("\n" if lines else "")
    if args.output:
        _write(args.output, out)
    else:
        sys.stdout.write(out)
    return 0


def cmd_check(args) -> int:
    from reports.ci import FAILING, render_check

    from .check import check
    from .config import baseline_json, codes_of, load_config, read_baseline

    config = load_config(args.config)
    against = args.against or ([config.store] if config.store else None)
    if not against:
        raise InputError("no corpus to check against: pass --against CORPUS or set store in [tool.claimcheck]")
    fail_on = args.fail_on or config.fail_on
    baseline = None if args.write_baseline else args.baseline or config.baseline
    update, close = _progress(None, not args.quiet)
    try:
        result = check(args.new, against, ignore=codes_of([*config.ignore, *args.ignore]),
                       baseline=read_baseline(baseline) if baseline else None,
                       max_related=args.max_related or config.max_related,
                       diff=args.format in ("text", "json"), progress=update)
    finally:
        close()
    if args.write_baseline:
        _write(args.write_baseline, baseline_json(result.findings))
        print(f"wrote {len(result.findings)} findings to {args.write_baseline}", file=sys.stderr)
        return 0
    sys.stdout.write(render_check(result, args.format, fail_on))
    return 1 if any(f.severity in FAILING[fail_on] for f in result.findings) else 0


def _store_path(args) -> str:
    from .config import load_config

    path = args.store or load_config(args.config).store
    if not path:
        raise InputError("no claim store: pass --store FILE or set store in [tool.claimcheck]")
    return path


def cmd_store_add(args) -> int:
    from claims.ingest import read_documents
    from claims.parse import Parser

    from .store import Store, add_documents

    path = _store_path(args)
    docs = read_documents(args.paths)
    with Store.open(path, create=True) as store:
        update, close = _progress(sum(len(d.text) for d in docs), not args.quiet)
        try:
            r = add_documents(store, docs, Parser(), force=args.force, progress=update)
        finally:
            close()
        total = len(store.hashes())
    if not args.quiet:
        print(f"{path}: {len(r.added)} added, {len(r.updated)} updated, {len(r.unchanged)} unchanged; "
              f"{total} document{'' if total == 1 else 's'} in the store", file=sys.stderr)
    return 0


def cmd_store_list(args) -> int:
    from dataclasses import asdict

    from .store import Store

    with Store.open(_store_path(args)) as store:
        rows = store.documents()
    if args.format == "json":
        sys.stdout.write(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1) + "\n")
        return 0
    width = max([len(r.id) for r in rows] + [8])
    lines = [f"{'document':<{width}}  {'claims':>6}  {'entities':>8}  {'sha256':<12}  path"]
    lines += [f"{r.id:<{width}}  {r.claims:>6}  {r.entities:>8}  {r.sha256[:12]}  {r.path}" for r in rows]
    lines.append(f"{len(rows)} documents, {sum(r.claims for r in rows)} claims")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _write(path: str, text: str) -> None:
    try:
        p = Path(path)
        if p.parent and not p.parent.exists():
            p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from exc


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return n


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="claimcheck", description="Check claims across Japanese documents and score "
                                 "how reliable each source is.", formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="run 'claimcheck COMMAND --help' for examples")
    ap.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    fmt = argparse.RawDescriptionHelpFormatter

    r = sub.add_parser("report", help="write an HTML (and JSON) reliability report", epilog=EPILOG_REPORT,
                       formatter_class=fmt)
    r.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt, .md, .html)")
    r.add_argument("-o", "--output", required=True, help="HTML report to write")
    r.add_argument("--json", help="also write the report JSON here")
    r.add_argument("--reference", action="append", metavar="FACTS.yaml",
                   help="trusted facts (office tenures, known events), treated as a source of fixed high trust")
    r.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    r.set_defaults(func=cmd_report)

    c = sub.add_parser("check", help="judge new documents against a corpus (for CI)", epilog=EPILOG_CHECK,
                       formatter_class=fmt)
    c.add_argument("new", nargs="+", metavar="NEW", help="documents to check (.txt, .md, .html, or folders)")
    c.add_argument("--against", nargs="+", metavar="CORPUS",
                   help="a claim store (corpus.db) or corpus files and folders; default: store in the config")
    c.add_argument("--format", default="text", choices=["text", "json", "github", "junit", "sarif"])
    c.add_argument("--fail-on", choices=["error", "warning", "never"],
                   help="lowest severity that makes the exit status 1 (default: error)")
    c.add_argument("--ignore", action="append", default=[], metavar="CODE",
                   help="leave out findings with this code or type (repeatable)")
    c.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in this baseline file")
    c.add_argument("--write-baseline", metavar="FILE", help="record the current findings as the baseline and exit 0")
    c.add_argument("--max-related", type=_positive, metavar="N",
                   help="compare with at most the N most related corpus documents (default: 25)")
    c.add_argument("--config", metavar="PYPROJECT", help="read [tool.claimcheck] from this file")
    c.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    c.set_defaults(func=cmd_check)

    s = sub.add_parser("store", help="a claim store: a corpus parsed once (SQLite)", epilog=EPILOG_STORE,
                       formatter_class=fmt)
    ssub = s.add_subparsers(dest="store_command", metavar="ACTION")
    sa = ssub.add_parser("add", help="parse documents into the store (unchanged ones are skipped)",
                         epilog=EPILOG_STORE_ADD, formatter_class=fmt)
    sa.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt, .md, .html)")
    sa.add_argument("--force", action="store_true", help="extract every document again, changed or not")
    sl = ssub.add_parser("list", help="the stored documents with their claim and entity counts",
                         epilog=EPILOG_STORE_LIST, formatter_class=fmt)
    sl.add_argument("--format", default="text", choices=["text", "json"])
    for p in (sa, sl):
        p.add_argument("--store", metavar="FILE", help="the store database (default: store in the config)")
        p.add_argument("--config", metavar="PYPROJECT", help="read [tool.claimcheck] from this file")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    sa.set_defaults(func=cmd_store_add)
    sl.set_defaults(func=cmd_store_list)

    def store_usage(args) -> int:
        s.print_help(sys.stderr)
        return 2

    s.set_defaults(func=store_usage)

    e = sub.add_parser("extract", help="print the normalised claims, one JSON object a line", epilog=EPILOG_EXTRACT,
                       formatter_class=fmt)
    e.add_argument("paths", nargs="+", metavar="PATH")
    e.add_argument("-o", "--output", help="write JSON lines here instead of standard output")
    e.add_argument("-q", "--quiet", action="store_true")
    e.set_defaults(func=cmd_extract)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    if not getattr(args, "func", None):
        ap.print_help(sys.stderr)
        return 2
    try:
        return args.func(args)
    except InputError as exc:
        print(f"claimcheck: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: say so briefly, details on request
        if os.environ.get("CLAIMCHECK_DEBUG"):
            raise
        print(f"claimcheck: internal error: {type(exc).__name__}: {exc}\n"
              "  (set CLAIMCHECK_DEBUG=1 for the traceback, and please report it)", file=sys.stderr)
        return 3
