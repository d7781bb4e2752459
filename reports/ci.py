"""CI renderings of a check: text (path:line:col), JSON, GitHub annotations, JUnit XML, SARIF 2.1.0.

Lines are 1-based; columns are 1-based and count Unicode code points (SARIF says so in
``columnKind``).  Only records are read here: the :class:`CheckResult` and its report.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from checker.config import CODES, fingerprint
from checker.records import Evidence, Finding

from .safe import line as _line
from .safe import one_line
from .safe import path as _path

FORMATS = ("text", "json", "github", "junit", "sarif")
FAILING = {"error": ("error",), "warning": ("error", "warning"), "never": ()}
DESCRIPTIONS = {
    "misattribution": "A statement or act is given to a different person than the better-supported sources give it to.",
    "role_conflict": "A person is given an office or status that conflicts with who held it at that date.",
    "location_conflict": "An event is placed somewhere other sources (or the same source) contradict.",
    "date_conflict": "An event is dated differently from other sources.",
    "number_conflict": "A count, duration, amount or percentage disagrees with other sources beyond tolerance.",
    "negation_conflict": "The same claim is asserted in one source and denied in another.",
    "internal_contradiction": "One document states two incompatible things.",
    "unsupported_claim": "A specific claim (place, date, number, quote) that no other source corroborates.",
    "unsourced_statistic": "A precise-looking figure with no attribution and no corroboration.",
    "placeholder": "Template residue such as 2025年XX月XX日 where a real value belongs.",
    "bad_suppression": "A claimcheck suppression comment without a known code or a reason; it suppresses nothing.",
}
DEFAULT_LEVEL = {"unsupported_claim": "warning", "unsourced_statistic": "warning", "placeholder": "warning",
                 "bad_suppression": "warning"}
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
MAX_CLAIM_LINES = 20  # claim status changes listed in the text format


class Locator:
    """Paths, lines and columns of evidence, from the documents of the report."""

    def __init__(self, report):
        self.docs = {d.id: d for d in report.documents}

    def path(self, source: str) -> str:
        d = self.docs.get(source)
        return d.path if d else source

    def position(self, source: str, offset: int) -> tuple[int, int]:
        """(line, column) of a character offset, both 1-based."""
        d = self.docs.get(source)
        if d is None:
            return 1, 1
        start = d.text.rfind("\n", 0, offset) + 1
        return d.text.count("\n", 0, offset) + 1, offset - start + 1

    def start(self, ev: Evidence) -> tuple[int, int]:
        return self.position(ev.source, ev.start)


def render_check(result, fmt: str, fail_on: str = "error") -> str:
    loc = Locator(result.report)
    if fmt == "json":
        return _json(result, loc)
    if fmt == "github":
        return _github(result.findings, loc)
    if fmt == "junit":
        return _junit(result, loc, FAILING[fail_on])
    if fmt == "sarif":
        return json.dumps(sarif(result, loc), ensure_ascii=False, indent=1) + "\n"
    return _text(result, loc)


# -- text -------------------------------------------------------------------------------------------

def _text(result, loc: Locator) -> str:
    out = []
    for f in result.findings:
        ev = f.evidence[0]
        line, col = loc.start(ev)
        out.append(f"{_path(loc.path(f.source))}:{line}:{col}: {f.code} {f.type} {f.message}")
        out.append(f"    [{f.severity}] 「{_short(ev.quote)}」")
        for o in f.contradicted_by[:3]:
            out.append(f"    vs {_path(loc.path(o.source))}:{o.line}: 「{_short(o.quote)}」")
    out.append(summary(result))
    out += score_lines(result.diff)
    return "".join(_line(ln) + "\n" for ln in out)  # nothing a document holds starts a line of its own


def _short(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(result) -> str:
    sev = {s: sum(1 for f in result.findings if f.severity == s) for s in ("error", "warning", "info")}
    parts = [f"{_plural(len(result.findings), 'finding')} ({_plural(sev['error'], 'error')}, "
             f"{_plural(sev['warning'], 'warning')}, {sev['info']} info) in {_plural(len(result.new), 'document')}",
             f"compared with {len(result.compared)} of {result.corpus} corpus documents"
             + (f" (the most related of {result.related})" if result.related > len(result.compared) else "")]
    if result.baselined:
        parts.append(f"{result.baselined} hidden by the baseline")
    if result.suppressed:
        parts.append(f"{len(result.suppressed)} suppressed inline")
    return "; ".join(parts)


def score_lines(diff) -> list[str]:
    out = []
    if diff.sources:
        out.append("source scores:")
        for s in diff.sources:
            if s.before is None:
                c = s.counts
                out.append(f"  {s.id}  new  {s.after:.2f} {s.label_after}  ({c.get('claims', 0)} claims: "
                           f"{c.get('corroborated', 0)} corroborated, {c.get('contradicted', 0)} contradicted, "
                           f"{c.get('unsupported', 0)} unsupported)")
            elif round(s.after, 2) != round(s.before, 2) or s.label_before != s.label_after:
                label = s.label_after if s.label_before == s.label_after else f"{s.label_before} -> {s.label_after}"
                out.append(f"  {s.id}  {s.before:.2f} -> {s.after:.2f} ({s.after - s.before:+.2f})  {label}")
    if diff.claims:
        out.append("claim status changes:")
        for c in diff.claims[:MAX_CLAIM_LINES]:
            out.append(f"  {c.source}:{c.line}  {c.before} -> {c.after}  「{_short(c.quote, 60)}」")
        if len(diff.claims) > MAX_CLAIM_LINES:
            out.append(f"  … {len(diff.claims) - MAX_CLAIM_LINES} more (--format json lists them all)")
    return out


# -- JSON -------------------------------------------------------------------------------------------

def _json(result, loc: Locator) -> str:
    def finding(f: Finding) -> dict:
        line, col = loc.start(f.evidence[0]) if f.evidence else (1, 1)
        return {"path": loc.path(f.source), "line": line, "column": col, "fingerprint": fingerprint(f),
                **f.model_dump(mode="json")}
    data = {
        "schema_version": 1,
        "checked": result.new,
        "compared_with": result.compared,
        "corpus": {"documents": result.corpus, "related": result.related},
        "findings": [finding(f) for f in result.findings],
        "suppressed": [{"reason": reason, **finding(f)} for f, reason in result.suppressed],
        "baselined": result.baselined,
        "score_diff": result.diff.model_dump(mode="json"),
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# -- GitHub workflow commands -----------------------------------------------------------------------

def _gh_data(s: str) -> str:
    return one_line(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def _github(findings, loc: Locator) -> str:
    lines = []
    for f in findings:
        ev = f.evidence[0]
        (line, col), (end_line, end_col) = loc.start(ev), loc.position(ev.source, ev.end)
        level = {"error": "error", "warning": "warning", "info": "notice"}[f.severity]
        props = f"file={_gh_prop(loc.path(f.source))},line={line},col={col},endLine={end_line}"
        if end_line == line:
            props += f",endColumn={end_col}"
        lines.append(f"::{level} {props},title={_gh_prop(f'{f.code} {f.type}')}::{_gh_data(f.message)}")
    return "".join(ln + "\n" for ln in lines)


# -- JUnit XML --------------------------------------------------------------------------------------

def _junit(result, loc: Locator, failing: tuple[str, ...]) -> str:
    """One test suite per checked document, one test case per finding; findings at or above
    --fail-on are failures, so the XML agrees with the exit status."""
    by_source: dict[str, list[Finding]] = {s: [] for s in result.new}
    for f in result.findings:
        by_source.setdefault(f.source, []).append(f)
    total = sum(max(1, len(fs)) for fs in by_source.values())
    failures = sum(1 for f in result.findings if f.severity in failing)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="claimcheck" tests="{total}" failures="{failures}" errors="0">']
    for source, fs in by_source.items():
        path = one_line(loc.path(source))  # XML 1.0 allows no control characters but tab and newlines
        n_fail = sum(1 for f in fs if f.severity in failing)
        out.append(f'  <testsuite name={quoteattr(path)} tests="{max(1, len(fs))}" failures="{n_fail}" errors="0">')
        for f in fs:
            line, col = loc.start(f.evidence[0])
            name = quoteattr(f"{f.code} {f.type} at line {line}")
            head = f'    <testcase classname={quoteattr(path)} name={name} file={quoteattr(path)} line="{line}"'
            message = one_line(f.message)
            body = f"{path}:{line}:{col}: [{f.severity}] {message}\n「{one_line(f.evidence[0].quote)}」"
            if f.severity in failing:
                out.append(f"{head}><failure type={quoteattr(f.code)} message={quoteattr(message)}>"
                           f"{escape(body)}</failure></testcase>")
            else:
                out.append(f"{head}><system-out>{escape(body)}</system-out></testcase>")
        if not fs:
            out.append(f'    <testcase classname={quoteattr(path)} name="no findings"/>')
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


# -- SARIF 2.1.0 ------------------------------------------------------------------------------------

def _uri(path: str) -> str:
    p = Path(path)
    return p.as_uri() if p.is_absolute() else quote(p.as_posix(), safe="/")


def _region(loc: Locator, ev: Evidence, snippet: bool = True) -> dict:
    (line, col), (end_line, end_col) = loc.start(ev), loc.position(ev.source, ev.end)
    region = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}
    if snippet:
        region["snippet"] = {"text": ev.quote}
    return region


def sarif(result, loc: Locator) -> dict:
    from checker import __version__

    rules = [{"id": code, "name": "".join(w.title() for w in typ.split("_")),
              "shortDescription": {"text": typ.replace("_", " ")},
              "fullDescription": {"text": DESCRIPTIONS.get(typ, typ)},
              "defaultConfiguration": {"level": DEFAULT_LEVEL.get(typ, "error")},
              "properties": {"type": typ}}
             for typ, code in sorted(CODES.items(), key=lambda kv: kv[1])]
    index = {r["id"]: k for k, r in enumerate(rules)}
    results = []
    for f in result.findings:
        ev = f.evidence[0]
        results.append({
            "ruleId": f.code, "ruleIndex": index[f.code], "level": SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(loc.path(f.source))},
                                                "region": _region(loc, ev)}}],
            "relatedLocations": [
                {"id": k, "message": {"text": o.quote},
                 "physicalLocation": {"artifactLocation": {"uri": _uri(loc.path(o.source))},
                                      "region": _region(loc, o, snippet=False)}}
                for k, o in enumerate(f.contradicted_by)],
            "partialFingerprints": {"claimcheck/v1": fingerprint(f)},
            "properties": {"type": f.type, "severity": f.severity, "source": f.source},
        })
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "claimcheck", "version": __version__, "rules": rules}},
                      "columnKind": "unicodeCodePoints", "results": results}]}
