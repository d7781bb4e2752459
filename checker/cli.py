"""The command line: each command parses its arguments, calls one library function, prints or writes."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from claims.ingest import InputError

from reports.safe import line
from reports.safe import lines as block
from reports.safe import path as shown_path

from .cli_parser import build_parser


def _progress(total_chars: int, enabled: bool):
    """A tqdm bar on stderr, shown only on a terminal; returns (callback, close)."""
    if not enabled:
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=total_chars, unit="char", unit_scale=True, desc="parsing", file=sys.stderr, disable=None,
               leave=False)
    return bar.update, bar.close


def _load(paths, quiet: bool, references=(), jobs: int = 1, dask: str | None = None):
    """Read, check the language of and extract the documents; returns (references, extractions, notes).

    Each note is printed on stderr (unless ``quiet``); the caller puts them in the report too.
    ``jobs`` worker processes, or the Dask cluster at ``dask``, parse and extract.
    """
    refs, docs, notes = _read(paths, quiet, references)
    return refs, _extract(docs, refs, quiet, jobs, dask), notes


def _read(paths, quiet: bool, references=()):
    """Read the documents and the reference files; returns (references, Japanese documents, notes)."""
    from claims.ingest import read_documents
    from claims.language import left_out_note, partition
    from claims.reference import load_reference

    refs = [load_reference(r) for r in references or ()]
    as_reference = {Path(r).resolve() for r in references or ()}
    skipped: list = []
    unread: list[str] = []  # files in folders that cannot be read (binary, a FIFO, a link out of the folder …)
    docs = read_documents(paths, skipped, unread)
    for n in unread:
        _note(n, quiet)
    left_out = [p for p in skipped if Path(p).resolve() not in as_reference]
    if left_out:
        shown = ", ".join(shown_path(str(p)) for p in left_out[:5]) + (" …" if len(left_out) > 5 else "")
        hint = ("; a file of trusted facts is read with --reference" if not references
                and any(Path(p).suffix.lower() in (".yaml", ".yml") for p in left_out) else "")
        _note(f"{_n(len(left_out), 'file')} that {'is' if len(left_out) == 1 else 'are'} not .txt, .md or .html "
              f"{'was' if len(left_out) == 1 else 'were'} left out: {shown}{hint}", quiet)
    for d in docs:
        if not d.visible.strip():
            _note(f"{d.path} has no text", quiet)
    docs, foreign = partition(docs)
    notes = [left_out_note(d) for d in foreign]
    for n in notes:
        _note(n, quiet)
    notes = unread + notes
    if not docs:
        raise InputError("no Japanese document to check: claimcheck reads Japanese text")
    return refs, docs, notes


def _extract(docs, refs, quiet: bool, jobs: int = 1, dask: str | None = None):
    from claims.distribute import extract_parallel
    from claims.parse import Parser

    from .pipeline import _reference_names

    update, close = _progress(sum(len(d.visible) for d in docs), not quiet)
    try:
        ex, names = extract_parallel(docs, names=_reference_names(refs), jobs=jobs, dask=dask, progress=update,
                                     parser=Parser())
    finally:
        close()
    return ex


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _note(text: str, quiet: bool) -> None:
    if not quiet:
        print(block(f"note: {text}"), file=sys.stderr)


def cmd_report(args) -> int:
    from claims.parse import default_cache_dir

    from .report_cache import ReportCache

    refs, docs, notes = _read(args.paths, args.quiet, args.reference)
    # the same documents, code and model as a run before: its report (a ClaimReview export needs the analysis)
    cache = ReportCache(default_cache_dir(), enabled=not args.claimreview)
    key = cache.key(docs, [r.document for r in refs], notes)
    hit = cache.load(key, want_json=bool(args.json))
    if hit:
        html, js, summary = hit
    else:
        html, js, summary, report = _analysed(docs, refs, notes, args)
        cache.store(key, html, js, summary)
    _write(args.output, html)
    if args.json:
        _write(args.json, js)
    if args.claimreview:
        from reports.claimreview import claimreview_jsonld

        html_from_reviews = os.path.relpath(Path(args.output).resolve(), Path(args.claimreview).resolve().parent)
        _write(args.claimreview, claimreview_jsonld(report, report_url=Path(html_from_reviews).as_posix()))
    if not args.quiet:
        for n in summary["notes"]:
            _note(n, args.quiet)
        written = ", ".join(x for x in (args.output, args.json, args.claimreview) if x)
        print(line(f"{_n(summary['sources'], 'source')}, {_n(summary['claims'], 'claim')}, "
                   f"{_n(summary['flags'], 'flagged finding')} -> {written}"), file=sys.stderr)
        for score, label, sid in summary["ranking"]:
            print(line(f"  {score:5.2f} {label:<6} {sid}"), file=sys.stderr)
    return 0


def _analysed(docs, refs, notes, args):
    """Extract, analyse and render: (HTML, JSON or None, what the command prints, the report)."""
    from reports.jsonout import report_json
    from reports.render import render_html

    from .pipeline import analyse

    report = analyse(_extract(docs, refs, args.quiet, args.jobs, args.dask), refs, notes)
    summary = {"notes": report.notes[len(notes):], "sources": len(report.sources), "claims": len(report.claims),
               "flags": sum(1 for f in report.findings if f.severity in ("error", "warning")),
               "ranking": [[s.score, s.label, s.id] for s in report.sources]}
    return render_html(report), report_json(report) if args.json else None, summary, report


def cmd_extract(args) -> int:
    from claims.entities import Resolver

    _, ex, _ = _load(args.paths, args.quiet, jobs=args.jobs)
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
    for n in result.notes:
        _note(n, args.quiet)
    if args.write_baseline:
        _write(args.write_baseline, baseline_json(result.findings))
        print(line(f"wrote {len(result.findings)} findings to {args.write_baseline}"), file=sys.stderr)
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
    unread: list[str] = []
    docs = read_documents(args.paths, notes=unread)
    for n in unread:
        _note(n, args.quiet)
    with Store.open(path, create=True) as store:
        update, close = _progress(sum(len(d.text) for d in docs), not args.quiet)
        try:
            r = add_documents(store, docs, Parser(), force=args.force, progress=update, jobs=args.jobs,
                              dask=args.dask)
        finally:
            close()
        total = len(store.hashes())
    if not args.quiet:
        print(line(f"{path}: {len(r.added)} added, {len(r.updated)} updated, {len(r.unchanged)} unchanged; "
                   f"{total} document{'' if total == 1 else 's'} in the store"), file=sys.stderr)
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
    out = [f"{'document':<{width}}  {'claims':>6}  {'entities':>8}  {'sha256':<12}  path"]
    out += [f"{r.id:<{width}}  {r.claims:>6}  {r.entities:>8}  {r.sha256[:12]}  {r.path}" for r in rows]
    out.append(f"{len(rows)} documents, {sum(r.claims for r in rows)} claims")
    sys.stdout.write("".join(line(ln) + "\n" for ln in out))
    return 0


def _write(path: str, text: str) -> None:
    try:
        p = Path(path)
        if p.parent and not p.parent.exists():
            p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from exc


HANDLERS = {"report": cmd_report, "check": cmd_check, "extract": cmd_extract, "store add": cmd_store_add,
            "store list": cmd_store_list}


def main(argv: list[str] | None = None) -> int:
    ap = build_parser(HANDLERS)
    args = ap.parse_args(argv)
    if not getattr(args, "func", None):
        ap.print_help(sys.stderr)
        return 2
    try:
        return args.func(args)
    except InputError as exc:
        print(block(f"claimcheck: error: {exc}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: say so briefly, details on request
        if os.environ.get("CLAIMCHECK_DEBUG"):
            raise
        print(line(f"claimcheck: internal error: {type(exc).__name__}: {exc}") + "\n"
              "  (set CLAIMCHECK_DEBUG=1 for the traceback, and please report it)", file=sys.stderr)
        return 3
