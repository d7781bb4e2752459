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
import math
from collections import Counter, defaultdict
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from checker.records import FLAGGING, Evidence, Report

SEVERITIES = ("error", "warning", "info")
CONTEXT_CHARS = 200  # a quote's context: its sentence, cut to about this many characters
FULL_STOPS = "。！？!?"
OPEN, CLOSE = "「『（(【", "」』）)】"
SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def anchor(raw: str, prefix: str) -> str:
    """A valid, unique HTML id / URL fragment for any string: ``000_x#12`` -> ``C000_x-12``.

    ASCII letters, digits and ``_`` are kept, ``#`` becomes ``-`` and every other character
    ``.hex.``, so different strings never share an anchor.
    """
    out = [prefix]
    for ch in raw:
        out.append(ch if ch in SAFE else "-" if ch == "#" else f".{ord(ch):x}.")
    return "".join(out)


def clip(text: str | None, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sentence_context(text: str, start: int, end: int, quote: str, limit: int = CONTEXT_CHARS,
                     markup: bool = False) -> dict:
    """The sentence around ``text[start:end]``, cut to about ``limit`` characters around the quote.

    A sentence ends at 。！？!? outside brackets, or at a line break (and, in an HTML document, at a
    tag's ``<`` or ``>``).
    Returns ``before``/``quote``/``after`` strings and whether either side was cut.  Falls back to
    the bare quote when the document text is missing or does not match the offsets.
    """
    if not text or not (0 <= start <= end <= len(text)) or text[start:end] != quote:
        return {"before": "", "quote": clip(quote, limit), "after": "", "cut_before": False, "cut_after": False}
    hard = "\n<>" if markup else "\n"  # always end a sentence; full stops only outside brackets
    scan = 4 * limit  # a sentence-less 200,000-character line costs no more than this
    a, depth = start, 0
    while a > 0 and start - a < scan:
        ch = text[a - 1]
        if ch in hard or (ch in FULL_STOPS and depth == 0):
            break
        depth = depth + 1 if ch in CLOSE else max(0, depth - 1) if ch in OPEN else depth
        a -= 1
    b, depth = end, 0
    while b < len(text) and b - end < scan:
        ch = text[b]
        if ch in hard or (ch in FULL_STOPS and depth == 0):
            break
        depth = depth + 1 if ch in OPEN else max(0, depth - 1) if ch in CLOSE else depth
        b += 1
    long_before = start - a >= scan and a > 0
    long_after = b - end >= scan and b < len(text)
    if b < len(text) and text[b] in FULL_STOPS:
        b += 1  # keep the sentence's own full stop
    before, after = text[a:start].lstrip(), text[end:b].rstrip()
    q = quote if len(quote) <= limit else quote[: limit - 1] + "…"
    room = max(0, limit - len(q))
    keep_before = min(len(before), max(room // 2, room - len(after)))
    keep_after = min(len(after), room - keep_before)
    return {"before": before[len(before) - keep_before:], "quote": q, "after": after[:keep_after],
            "cut_before": keep_before < len(before) or long_before,
            "cut_after": keep_after < len(after) or long_after}


def graph_layout(report: Report, size: int = 460, pad: int = 130) -> dict:
    """Sources on a circle (ranked order, best at the top), node area proportional to claims;
    agreement and contradiction edges between them, offset apart where a pair has both.
    ``pad`` leaves room left and right for the labels."""
    sources = ranked(report)
    n = max(1, len(sources))
    cx, cy = pad + size / 2, size / 2
    radius = size * 0.36 if n > 1 else 0
    pos = {s.id: (cx + radius * math.cos(2 * math.pi * k / n - math.pi / 2),
                  cy + radius * math.sin(2 * math.pi * k / n - math.pi / 2)) for k, s in enumerate(sources)}
    agree: Counter = Counter()
    for a in report.agreements:
        ids = sorted(set(a.sources) & set(pos))
        for i, x in enumerate(ids):
            for y in ids[i + 1:]:
                agree[(x, y)] += 1
    contra: Counter = Counter()
    for f in report.findings:
        if f.severity in FLAGGING and f.source in pos:
            for other in sorted({e.source for e in f.contradicted_by} & set(pos) - {f.source}):
                contra[tuple(sorted((f.source, other)))] += 1
    claims = {s.id: s.counts.get("claims", 0) for s in sources}
    biggest = max(claims.values(), default=0) or 1
    nodes = []
    for k, s in enumerate(sources):
        x, y = pos[s.id]
        r = 9 + 21 * math.sqrt(claims[s.id] / biggest)
        dx, dy = x - cx, y - cy
        side = "middle" if abs(dx) < size * 0.08 else ("start" if dx > 0 else "end")
        if side == "middle":
            tx, ty = x, (y + r + 15 if dy > 0 or n == 1 else y - r - 22)
        else:
            tx, ty = x + math.copysign(r + 6, dx), y - 2
        nodes.append({"id": s.id, "anchor": anchor(s.id, "S"), "rank": k + 1, "x": x, "y": y, "r": r,
                      "score": s.score, "label": s.label, "claims": claims[s.id], "tx": tx, "ty": ty,
                      "text_anchor": side})

    def edge(a: str, b: str, count: int, shift: float) -> dict:
        (x1, y1), (x2, y2) = pos[a], pos[b]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        ox, oy = -(y2 - y1) / length * shift, (x2 - x1) / length * shift
        return {"a": a, "b": b, "n": count, "x1": x1 + ox, "y1": y1 + oy, "x2": x2 + ox, "y2": y2 + oy,
                "width": min(1.5 + count * 0.75, 9)}

    both = set(agree) & set(contra)
    rank = {s.id: k + 1 for k, s in enumerate(sources)}
    pairs = []
    for key in set(agree) | set(contra):
        a, b = sorted(key, key=rank.__getitem__)
        pairs.append({"a": a, "b": b, "ra": rank[a], "rb": rank[b], "agree": agree[key], "contra": contra[key]})
    pairs.sort(key=lambda p: (p["ra"], p["rb"]))
    return {"width": size + 2 * pad, "height": size, "pairs": pairs, "nodes": nodes,
            "agree": [edge(a, b, c, -3.5 if (a, b) in both else 0) for (a, b), c in sorted(agree.items())],
            "contra": [edge(a, b, c, 3.5 if (a, b) in both else 0) for (a, b), c in sorted(contra.items())]}


def ranked(report: Report) -> list:
    """Sources best first; ties by id so the order never depends on input order."""
    return sorted(report.sources, key=lambda s: (-s.score, s.id))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("reports", "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["pct"] = lambda v: f"{v * 100:.0f}"
    env.filters["anchor"] = anchor
    env.filters["clip"] = clip
    env.filters["signed"] = lambda v: f"{v + 0.0:+.3f}" if round(v, 3) else "±0.000"
    env.globals.update(severities=SEVERITIES,
                       severity_mark={"error": "✖", "warning": "▲", "info": "ℹ"},
                       status_mark={"corroborated": "✔", "contradicted": "✖", "unsupported": "?"})
    return env


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

    def quote(ev: Evidence) -> dict:
        cid = claim_of(ev)
        return {"source": ev.source, "line": ev.line, "start": ev.start, "end": ev.end, "claim": cid,
                "href": "#" + (anchor(cid, "C") if cid else anchor(ev.source, "S")),
                **sentence_context(texts.get(ev.source, ""), ev.start, ev.end, ev.quote,
                                   markup=ev.source in html_docs)}

    order = {s: k for k, s in enumerate(SEVERITIES)}
    findings = [{"f": f, "anchor": anchor(f.id or f"F{k + 1}", ""), "evidence": [quote(e) for e in f.evidence],
                 "contradicted_by": [quote(e) for e in f.contradicted_by],
                 "supported_by": [quote(e) for e in f.supported_by]}
                for k, f in enumerate(report.findings)]
    findings.sort(key=lambda x: order.get(x["f"].severity, len(order)))  # stable: checker order within
    findings_of_claim: dict[str, list] = defaultdict(list)
    findings_of_source: dict[str, list] = defaultdict(list)
    for x in findings:
        findings_of_source[x["f"].source].append(x)
        for cid in dict.fromkeys([*x["f"].claims, *(q["claim"] for q in x["evidence"] if q["claim"])]):
            findings_of_claim[cid].append(x)

    counts = Counter((f.type, f.severity) for f in report.findings)
    types = sorted({f.type for f in report.findings})
    agreements = sorted(report.agreements, key=lambda a: (-len(set(a.sources)), a.subject, a.predicate, a.object))
    agreement_rows = []
    for a in agreements:
        first: dict[str, Evidence] = {}
        for e in a.evidence:
            first.setdefault(e.source, e)
        agreement_rows.append({"a": a, "sources": sorted(set(a.sources)), "quotes": [quote(e) for e in first.values()]})

    status_counts: dict[str, Counter] = defaultdict(Counter)
    for c in report.claims:
        status_counts[c.source][c.status] += 1

    style, script, csp = _assets()
    return environment().get_template("report.html").render(
        report=report, sources=ranked(report), findings=findings, counts=counts, types=types,
        severity_totals=Counter(f.severity for f in report.findings), graph=graph_layout(report),
        claims_by_source=by_source, status_counts=status_counts, findings_of_claim=findings_of_claim,
        findings_of_source=findings_of_source, agreements=agreement_rows, style=style, script=script, csp=csp)
