"""CI renderings of check results: text (path:line:col), JSON, GitHub annotations, JUnit XML, SARIF 2.1.0."""
from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

RULES = {
    "CC101": "misattribution", "CC102": "role_conflict", "CC103": "location_conflict", "CC104": "date_conflict",
    "CC105": "number_conflict", "CC106": "negation_conflict", "CC107": "internal_contradiction",
    "CC201": "unsupported_claim", "CC202": "unsourced_statistic", "CC301": "placeholder",
}


def _col(report, ev) -> int:
    text = next((d.text for d in report.documents if d.id == ev.source), "")
    return ev.start - (text.rfind("\n", 0, ev.start) + 1) + 1


def _path(report, source: str) -> str:
    return next((d.path for d in report.documents if d.id == source), source)


def render_check(result, fmt: str) -> str:
    rep = result.report
    fs = result.findings
    if fmt == "json":
        return json.dumps({"checked": result.new, "findings": [f.model_dump(mode="json") for f in fs]},
                          ensure_ascii=False, indent=1) + "\n"
    if fmt == "github":
        lines = []
        for f in fs:
            ev = f.evidence[0]
            level = {"error": "error", "warning": "warning", "info": "notice"}[f.severity]
            msg = f.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            lines.append(f"::{level} file={_path(rep, f.source)},line={ev.line},col={_col(rep, ev)},"
                         f"title={f.code} {f.type}::{msg}")
        return "\n".join(lines) + ("\n" if lines else "")
    if fmt == "junit":
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               f'<testsuite name="claimcheck" tests="{max(1, len(fs))}" failures="{len(fs)}">']
        for f in fs:
            ev = f.evidence[0]
            out.append(f'  <testcase classname={quoteattr(f.source)} name={quoteattr(f"{f.code} line {ev.line}")}>'
                       f'<failure type={quoteattr(f.type)} message={quoteattr(f.message)}>'
                       f'{escape(ev.quote)}</failure></testcase>')
        if not fs:
            out.append('  <testcase classname="claimcheck" name="no findings"/>')
        out.append("</testsuite>")
        return "\n".join(out) + "\n"
    if fmt == "sarif":
        return json.dumps(sarif(rep, fs), ensure_ascii=False, indent=1) + "\n"
    lines = []
    for f in fs:
        ev = f.evidence[0]
        lines.append(f"{_path(rep, f.source)}:{ev.line}:{_col(rep, ev)}: {f.code} {f.type} [{f.severity}] "
                     f"{f.message}")
        lines.append(f"    「{ev.quote[:120]}」")
        for o in f.contradicted_by[:3]:
            lines.append(f"    vs {_path(rep, o.source)}:{o.line}: 「{o.quote[:120]}」")
    n = len(fs)
    lines.append(f"{n} finding{'s' if n != 1 else ''} in {len(result.new)} document(s)")
    return "\n".join(lines) + "\n"


def sarif(rep, fs) -> dict:
    rules = [{"id": code, "name": name, "shortDescription": {"text": name.replace("_", " ")}}
             for code, name in sorted(RULES.items())]
    index = {r["id"]: k for k, r in enumerate(rules)}
    results = []
    for f in fs:
        ev = f.evidence[0]
        results.append({
            "ruleId": f.code, "ruleIndex": index[f.code],
            "level": {"error": "error", "warning": "warning", "info": "note"}[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _path(rep, f.source)},
                "region": {"startLine": ev.line, "startColumn": _col(rep, ev), "snippet": {"text": ev.quote}}}}],
            "relatedLocations": [{"id": k, "physicalLocation": {"artifactLocation": {"uri": _path(rep, o.source)},
                                                                "region": {"startLine": o.line}},
                                  "message": {"text": o.quote[:200]}} for k, o in enumerate(f.contradicted_by)],
        })
    from checker import __version__
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "claimcheck", "version": __version__, "rules": rules}},
                      "results": results}]}
