"""The command line's arguments: every command and option, with help text and examples."""
from __future__ import annotations

import argparse
import os
import sys

from . import __version__

EPILOG_REPORT = """examples:
  claimcheck report examples/ -o report.html --json report.json
  claimcheck report a.txt b.md c.html -o out.html
  claimcheck report examples/ -o report.html --reference examples/facts.yaml
  claimcheck report examples/ -o report.html --claimreview claimreview.jsonld
  claimcheck report corpus/ -o report.html --jobs 8
  claimcheck report corpus/ -o report.html --dask tcp://scheduler:8786"""
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
  claimcheck store add corpus/ --store corpus.db --dask tcp://scheduler:8786
an unchanged file (same name, same text) is not parsed again; a changed one replaces its claims"""
EPILOG_STORE_LIST = """examples:
  claimcheck store list --store corpus.db
  claimcheck store list --store corpus.db --format json"""
EPILOG_EXTRACT = """examples:
  claimcheck extract examples/ -o claims.jsonl
  claimcheck extract article.html | head"""


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return n


def _workers(p: argparse.ArgumentParser, dask: bool) -> None:
    p.add_argument("--jobs", type=_positive, default=os.cpu_count() or 1, metavar="N",
                   help="worker processes that parse and extract (default: the number of cores)")
    if dask:
        p.add_argument("--dask", metavar="ADDRESS",
                       help="parse and extract on the Dask cluster at ADDRESS (tcp://host:8786), or 'local' "
                            "for a LocalCluster of --jobs workers; the output is the same as a local run")


def build_parser(handlers: dict) -> argparse.ArgumentParser:
    """The parser; ``handlers`` maps each command (``report``, ``store add`` …) to its function."""
    ap = argparse.ArgumentParser(prog="claimcheck", description="Check claims across Japanese documents and score "
                                 "how reliable each source is.", formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="run 'claimcheck COMMAND --help' for examples")
    ap.add_argument("--version", action="version", version=f"claimcheck {__version__}",
                    help="print the version and exit")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    fmt = argparse.RawDescriptionHelpFormatter

    r = sub.add_parser("report", help="write an HTML (and JSON) reliability report", epilog=EPILOG_REPORT,
                       formatter_class=fmt)
    r.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt, .md, .html)")
    r.add_argument("-o", "--output", required=True, help="HTML report to write")
    r.add_argument("--json", help="also write the report JSON here")
    r.add_argument("--reference", action="append", metavar="FACTS.yaml",
                   help="trusted facts (office tenures, known events), treated as a source of fixed high trust")
    r.add_argument("--claimreview", metavar="OUT.jsonld",
                   help="also write each error as a schema.org ClaimReview (JSON-LD) for fact-checking tools")
    r.add_argument("-q", "--quiet", action="store_true", help="no progress bar, notes or summary")
    _workers(r, dask=True)
    r.set_defaults(func=handlers['report'])

    c = sub.add_parser("check", help="judge new documents against a corpus (for CI)", epilog=EPILOG_CHECK,
                       formatter_class=fmt)
    c.add_argument("new", nargs="+", metavar="NEW", help="documents to check (.txt, .md, .html, or folders)")
    c.add_argument("--against", nargs="+", metavar="CORPUS",
                   help="a claim store (corpus.db) or corpus files and folders; default: store in the config")
    c.add_argument("--format", default="text", choices=["text", "json", "github", "junit", "sarif"],
                   help="text (default) for people and logs, json for scripts, github for annotations, "
                        "junit or sarif for CI test reports and code scanning")
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
    c.set_defaults(func=handlers['check'])

    s = sub.add_parser("store", help="a claim store: a corpus parsed once (SQLite)", epilog=EPILOG_STORE,
                       formatter_class=fmt)
    ssub = s.add_subparsers(dest="store_command", metavar="ACTION")
    sa = ssub.add_parser("add", help="parse documents into the store (unchanged ones are skipped)",
                         epilog=EPILOG_STORE_ADD, formatter_class=fmt)
    sa.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt, .md, .html)")
    sa.add_argument("--force", action="store_true", help="extract every document again, changed or not")
    _workers(sa, dask=True)
    sl = ssub.add_parser("list", help="the stored documents with their claim and entity counts",
                         epilog=EPILOG_STORE_LIST, formatter_class=fmt)
    sl.add_argument("--format", default="text", choices=["text", "json"],
                    help="text (default), a table; json, one object per document")
    for p in (sa, sl):
        p.add_argument("--store", metavar="FILE", help="the store database (default: store in the config)")
        p.add_argument("--config", metavar="PYPROJECT", help="read [tool.claimcheck] from this file")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    sa.set_defaults(func=handlers['store add'])
    sl.set_defaults(func=handlers['store list'])

    def store_usage(args) -> int:
        s.print_help(sys.stderr)
        return 2

    s.set_defaults(func=store_usage)

    e = sub.add_parser("extract", help="print the normalised claims, one JSON object a line", epilog=EPILOG_EXTRACT,
                       formatter_class=fmt)
    e.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt, .md, .html)")
    e.add_argument("-o", "--output", help="write JSON lines here instead of standard output")
    e.add_argument("-q", "--quiet", action="store_true", help="no progress bar or notes")
    _workers(e, dask=False)
    e.set_defaults(func=handlers['extract'])
    return ap


