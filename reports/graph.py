"""The corpus graph: sources on a circle, agreement and contradiction edges, labels that fit."""
from __future__ import annotations

import math
import unicodedata
from collections import Counter

from checker.records import FLAGGING, Report

from .quotes import anchor, clip


LABEL_CHARS = 32  # a source id longer than this is cut, with …


def text_width(text: str, px: float = 12) -> float:
    """A generous estimate of ``text``'s width at ``px``: full width for CJK, kana and emoji, 0.62 em
    for the rest (the page's fonts are narrower)."""
    return sum(px * (1.05 if unicodedata.east_asian_width(ch) in "WF" else 0.62) for ch in text)


def graph_layout(report: Report, agreeing: list[list[str]] | None = None, size: int = 460, pad: int = 130,
                 limit: int | None = None) -> dict:
    """Sources on a circle (ranked order, best at the top), node area proportional to claims;
    agreement and contradiction edges between them, offset apart where a pair has both.
    ``pad`` leaves room left and right for the labels; ``limit`` keeps the best-ranked sources."""
    sources = ranked(report)[:limit]
    n = max(1, len(sources))
    # room left and right for the longest label beside a node on the circle's left or right edge
    pad = max(pad, math.ceil(max((text_width(clip(s.id, LABEL_CHARS)) for s in sources), default=0)
                             + 30 + 6 + 8 - size * (0.5 - 0.36)))
    cx, cy = pad + size / 2, size / 2
    radius = size * 0.36 if n > 1 else 0
    pos = {s.id: (cx + radius * math.cos(2 * math.pi * k / n - math.pi / 2),
                  cy + radius * math.sin(2 * math.pi * k / n - math.pi / 2)) for k, s in enumerate(sources)}
    agree: Counter = Counter()
    for srcs in agreeing if agreeing is not None else (a.sources for a in report.agreements):
        ids = sorted(set(srcs) & pos.keys())
        for i, x in enumerate(ids):
            for y in ids[i + 1:]:
                agree[(x, y)] += 1
    contra: Counter = Counter()
    for f in report.findings:
        if f.severity in FLAGGING and f.source in pos:
            for other in sorted(({e.source for e in f.contradicted_by} - {f.source}) & pos.keys()):
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
        nodes.append({"id": s.id, "name": clip(s.id, LABEL_CHARS), "anchor": anchor(s.id, "S"), "rank": k + 1, "x": x, "y": y, "r": r,
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


