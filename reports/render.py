"""The HTML report: one self-contained file, jinja2 with autoescape, inline CSS and SVG."""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from checker.records import FLAGGING, Report


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("reports", "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda v: f"{v * 100:.0f}"
    return env


def graph_layout(report: Report, size: int = 420) -> dict:
    """Sources on a circle; agreement and contradiction edges between them (drawn at build time)."""
    ids = [s.id for s in report.sources]
    n = max(1, len(ids))
    r = size * 0.36
    pos = {sid: (size / 2 + r * math.cos(2 * math.pi * k / n - math.pi / 2),
                 size / 2 + r * math.sin(2 * math.pi * k / n - math.pi / 2)) for k, sid in enumerate(ids)}
    agree: Counter = Counter()
    for a in report.agreements:
        for i, x in enumerate(a.sources):
            for y in a.sources[i + 1:]:
                agree[tuple(sorted((x, y)))] += 1
    contra: Counter = Counter()
    for f in report.findings:
        if f.severity in FLAGGING:
            for e in f.contradicted_by:
                if e.source != f.source:
                    contra[tuple(sorted((f.source, e.source)))] += 1
    claims = {s.id: s.counts.get("claims", 0) for s in report.sources}
    biggest = max(claims.values(), default=1) or 1
    nodes = [{"id": sid, "x": pos[sid][0], "y": pos[sid][1], "r": 10 + 22 * math.sqrt(claims[sid] / biggest),
              "score": s.score, "label": s.label} for sid, s in zip(ids, report.sources)]
    return {"size": size, "nodes": nodes,
            "agree": [{"a": pos[a], "b": pos[b], "n": n} for (a, b), n in sorted(agree.items())],
            "contra": [{"a": pos[a], "b": pos[b], "n": n} for (a, b), n in sorted(contra.items())]}


def render_html(report: Report) -> str:
    texts = {d.id: d.text for d in report.documents}

    def context(ev, width: int = 60):
        """The quote with up to ``width`` characters either side, from the document's own text."""
        text = texts.get(ev.source, "")
        a, b = max(0, ev.start - width), min(len(text), ev.end + width)
        return {"before": text[a:ev.start], "quote": ev.quote, "after": text[ev.end:b]}

    counts = Counter((f.type, f.severity) for f in report.findings)
    types = sorted({f.type for f in report.findings})
    claims_by_source: dict[str, list] = {}
    for c in report.claims:
        claims_by_source.setdefault(c.source, []).append(c)
    return environment().get_template("report.html").render(
        report=report, context=context, counts=counts, types=types, graph=graph_layout(report),
        claims_by_source=claims_by_source, severities=["error", "warning", "info"])
