"""Copy detection: documents that are near-copies of one another count as one witness.

Three pages that copy one blog are not three sources that agree (the point of AccuCopy and Depen in
the truth-discovery literature).  Two documents are copies when their texts share most of their
character 5-grams (Jaccard of the shingle sets at least ``NEAR``), or when they share two or more
figures no other document gives while their texts still overlap widely (``LOOSE``): a rewrite.
Candidate pairs come from bottom-k sketches of the shingle sets, so the cost stays near-linear in
the number of documents; the exact Jaccard is computed only for pairs whose sketches overlap.
Groups are the connected components; each document's group is named by its smallest id.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import Iterable

from claims.models import Document, Slot

NEAR = 0.5  # shingle Jaccard from which two texts are one text
LOOSE = 0.35  # from which two texts that share rare figures are one rewritten text
RARE_SHARED = 2  # rare figures two documents alone give
K = 64  # sketch size
SHINGLE = 5
BLOCK_CAP = 50  # a sketch hash shared by more documents is boilerplate, not evidence of copying
_SPACE = re.compile(r"\s+")


def _shingles(text: str) -> set[int]:
    t = _SPACE.sub("", text)
    return {int.from_bytes(hashlib.blake2b(t[i:i + SHINGLE].encode(), digest_size=8).digest(), "big")
            for i in range(max(0, len(t) - SHINGLE + 1))}


def _find(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def witness_groups(docs: Iterable[Document], slots: Iterable[Slot] = ()) -> dict[str, str]:
    """Document id -> id of its witness group (itself when it copies nobody)."""
    docs = sorted(docs, key=lambda d: d.id)
    parent = {d.id: d.id for d in docs}

    def union(a: str, b: str) -> None:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    sets = {d.id: _shingles(d.text) for d in docs}
    index: dict[int, list[str]] = defaultdict(list)
    for d in docs:
        for h in sorted(sets[d.id])[:K]:
            index[h].append(d.id)
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for ids in index.values():
        if 1 < len(ids) <= BLOCK_CAP:
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    pairs[(a, b)] += 1
    for (a, b), n in sorted(pairs.items()):
        if n >= 4:
            sa, sb = sets[a], sets[b]
            if len(sa & sb) / max(1, len(sa | sb)) >= NEAR:
                union(a, b)
    # rare figures two documents share and nobody else gives: (unit, value) -> documents
    by_value: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s in slots:
        if s.slot == "quantity":
            by_value[(s.quantity.unit, f"{s.quantity.value:g}")].add(s.source)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for srcs in by_value.values():
        if len(srcs) == 2:
            a, b = sorted(srcs)
            shared[(a, b)] += 1
    for (a, b), n in sorted(shared.items()):
        if n >= RARE_SHARED and a in parent and b in parent:
            sa, sb = sets[a], sets[b]
            if len(sa & sb) / max(1, len(sa | sb)) >= LOOSE:  # a loose copy: rewritten, same figures
                union(a, b)
    return {d.id: _find(parent, d.id) for d in docs}

