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
  claimcheck check new.txt --against corpus/
  claimcheck check drafts/*.md --against corpus/ --format github --fail-on warning
exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error"""
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
    docs = read_documents(paths)
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
    from reports.ci import render_check

    from .check import check

    result = check(args.new, args.against, quiet=args.quiet)
    sys.stdout.write(render_check(result, args.format))
    threshold = {"error": ("error",), "warning": ("error", "warning"), "never": ()}[args.fail_on]
    return 1 if any(f.severity in threshold for f in result.findings) else 0


def _write(path: str, text: str) -> None:
    try:
        p = Path(path)
        if p.parent and not p.parent.exists():
            p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from exc


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
    c.add_argument("new", nargs="+", metavar="NEW", help="documents to check")
    c.add_argument("--against", required=True, nargs="+", metavar="CORPUS", help="corpus files or folders")
    c.add_argument("--format", default="text", choices=["text", "json", "github", "junit", "sarif"])
    c.add_argument("--fail-on", default="error", choices=["error", "warning", "never"])
    c.add_argument("-q", "--quiet", action="store_true")
    c.set_defaults(func=cmd_check)

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
