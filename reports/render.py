"""The HTML report: one self-contained file, jinja2 with autoescape, inline CSS, SVG and script.

:func:`render_html` is a pure function of the :class:`Report`: same report, same bytes.  Everything
the page shows is computed here (ranking, sentence contexts, anchors, the corpus graph); the
templates only lay it out.  The page loads nothing: its Content-Security-Policy allows no source
but the hashes of its own ``<style>`` and ``<script>``, so even markup that escaped escaping could
neither run nor fetch.
"""
from __future__ import annotations

import base64
import hashlib
from collections import Counter, defaultdict
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from checker.records import Evidence, Report

from .graph import graph_layout, ranked
from .quotes import (CONTEXT_CHARS, anchor, clip, counted, plain_markdown, sentence_context,  # noqa: F401
                     shown_agreements, sides)

SEVERITIES = ("error", "warning", "info")
# a report of more sources than this is large: its charts show the best-ranked sources, each
# source's claim table the claims a finding names and the first CLAIMS_SHOWN others, the agreements
# the most widely shared; the counts stay whole and everything is in the JSON
LARGE = 200
CHART_SOURCES = 60
CLAIMS_SHOWN = 12
AGREEMENTS_SHOWN = 500
FULL_FINDINGS = 500  # flags shown with their quotes; the others by type, message and source


def finding_anchor(f, k: int = 0) -> str:
    """The id of a finding's article in the page (``F12``), which other outputs link to."""
    return anchor(f.id or f"F{k + 1}", "")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("reports", "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
                      bytecode_cache=_bytecode_cache())
    env.filters["pct"] = lambda v: f"{v * 100:.0f}"
    env.filters["anchor"] = anchor
    env.filters["clip"] = clip
    env.filters["counted"] = counted
    env.filters["signed"] = lambda v: f"{v + 0.0:+.3f}" if round(v, 3) else "±0.000"
    env.globals.update(severities=SEVERITIES,
                       severity_mark={"error": "✖", "warning": "▲", "info": "ℹ"},
                       status_mark={"corroborated": "✔", "contradicted": "✖", "unsupported": "?"})
    return env


def _bytecode_cache():
    """The templates compiled once and kept beside the parse cache (``<cache>/templates``); jinja2
    keys each by its source's checksum, so an edited template is compiled again."""
    from jinja2 import FileSystemBytecodeCache

    from claims.parse import default_cache_dir

    folder = default_cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only cache: compile each time
    return FileSystemBytecodeCache(str(folder))


@lru_cache(maxsize=1)
def _assets() -> tuple[Markup, Markup, str]:
    """The inline stylesheet and script, and the Content-Security-Policy that allows exactly them."""
    env = environment()
    style = env.get_template("_style.css").render()
    script = env.get_template("_script.js").render()
    if "</" in style or "</" in script:
        raise ValueError("inline assets must not contain '</'")

    def digest(s: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"

    csp = (f"default-src 'none'; style-src {digest(style)}; script-src {digest(script)}; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    return Markup(style), Markup(script), csp


def render_html(report: Report) -> str:
    """The whole report as one HTML page."""
    texts = {d.id: d.text for d in report.documents}
    html_docs = {d.id for d in report.documents if d.format == "html"}
    md_docs = {d.id for d in report.documents if d.format == "md"}
    by_span = {(c.source, c.start, c.end): c.id for c in report.claims}
    by_source: dict[str, list] = defaultdict(list)
    for c in report.claims:
        by_source[c.source].append(c)

    def claim_of(ev: Evidence) -> str | None:
        """The claim an evidence span quotes: the exact span, else the shortest claim containing it."""
        if (ev.source, ev.start, ev.end) in by_span:
            return by_span[(ev.source, ev.start, ev.end)]
        around = [c for c in by_source.get(ev.source, ()) if c.start <= ev.start and ev.end <= c.end]
        return min(around, key=lambda c: (c.end - c.start, c.start, c.id)).id if around else None

    made: list[dict] = []

    def quote(ev: Evidence) -> dict:
        cid = claim_of(ev)
        shown = sentence_context(texts.get(ev.source, ""), ev.start, ev.end, ev.quote, markup=ev.source in html_docs)
        if ev.source in md_docs:
            shown.update({k: plain_markdown(shown[k]) for k in ("before", "quote", "after")})
        made.append(q := {"source": ev.source, "line": ev.line, "start": ev.start, "end": ev.end, "claim": cid,
                          "href": "#" + (anchor(cid, "C") if cid else anchor(ev.source, "S")), **shown})
        return q

    def view(f) -> dict:
        flagged, against, support = sides(f)
        return {"evidence": [quote(e) for e in flagged], "contradicted_by": [quote(e) for e in against],
                "supported_by": [quote(e) for e in support]}

    order = {s: k for k, s in enumerate(SEVERITIES)}
    large = len(report.sources) > LARGE  # a large report: notes, and flags past the first, without quotes
    full = {id(f) for f in [f for f in report.findings if f.severity != "info"][:FULL_FINDINGS]} if large else set()
    findings = [{"f": f, "anchor": finding_anchor(f, k), "brief": large and id(f) not in full,
                 **({"evidence": [], "contradicted_by": [], "supported_by": []}
                    if large and id(f) not in full else view(f))} for k, f in enumerate(report.findings)]
    findings.sort(key=lambda x: order.get(x["f"].severity, len(order)))  # stable: checker order within
    findings_of_claim: dict[str, list] = defaultdict(list)
    findings_of_source: dict[str, list] = defaultdict(list)
    for x in findings:
        findings_of_source[x["f"].source].append(x)
        for cid in dict.fromkeys([*x["f"].claims, *(q["claim"] for q in x["evidence"] if q["claim"])]):
            findings_of_claim[cid].append(x)

    counts = Counter((f.type, f.severity) for f in report.findings)
    types = sorted({f.type for f in report.findings})
    shown = shown_agreements(report.agreements)
    shown.sort(key=lambda x: (-len(x[1]), x[0].subject, x[0].predicate, x[0].object))
    agreement_rows = [{"a": a, "sources": srcs, "quotes": [quote(e) for e in evs]} for a, srcs, evs in shown]

    sources = ranked(report)
    shown_claims = by_source
    detailed = {s.id for s in sources}
    if large:  # in full: the best-ranked sources and those with a flag against them
        detailed = {s.id for s in sources[:CHART_SOURCES]} | {f.source for f in report.findings if id(f) in full}
        agreement_rows = agreement_rows[:AGREEMENTS_SHOWN]
        shown_claims = {k: v for k, v in _bounded_claims(by_source, findings_of_claim).items() if k in detailed}
        kept = {c.id for cs in shown_claims.values() for c in cs}
        for q in made:  # a quote of a claim left out of its table links to its source
            if q["claim"] and q["claim"] not in kept:
                q["href"] = "#" + anchor(q["source"], "S")
    style, script, csp = _assets()
    return environment().get_template("report.html").render(
        report=report, sources=sources, findings=findings, counts=counts, types=types,
        severity_totals=Counter(f.severity for f in report.findings),
        graph=graph_layout(report, [srcs for _, srcs, _ in shown], limit=CHART_SOURCES if large else None),
        chart_sources=sources[:CHART_SOURCES] if large else sources,
        claims_by_source=shown_claims, findings_of_claim=findings_of_claim, detailed=detailed,
        findings_of_source=findings_of_source, agreements=agreement_rows, agreements_total=len(shown),
        style=style, script=script, csp=csp)


def _bounded_claims(by_source: dict[str, list], findings_of_claim: dict[str, list]) -> dict[str, list]:
    """Each source's claims a finding names (their anchors are linked), then the first others."""
    out = {}
    for sid, claims in by_source.items():
        named = {c.id for c in claims if c.id in findings_of_claim}
        rest = [c.id for c in claims if c.id not in named][:CLAIMS_SHOWN]
        keep = named | set(rest)
        out[sid] = [c for c in claims if c.id in keep]
    return out
