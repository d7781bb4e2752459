"""Blocking: small blocks compared all-pairs, large ones bounded and deterministic."""
from __future__ import annotations

from dataclasses import dataclass

from checker.blocking import MAX_SOURCES, WINDOW, Blocks, pairs, sample


@dataclass(frozen=True)
class R:
    id: str
    source: str
    value: int
    key: str = "k"


def _records(n: int, sources: int) -> list[R]:
    return [R(id=f"r{i}", source=f"s{i % sources}", value=i % 7) for i in range(n)]


def test_a_block_of_few_sources_is_compared_all_pairs():
    rs = _records(200, 10)  # many members, few sources: a real corpus's block
    assert len(list(pairs(rs, lambda r: (r.value, r.id)))) == 200 * 199 // 2
    b = Blocks(rs, lambda r: [r.key], lambda r: (r.value, r.id))
    assert b.near(0, ["k"]) == set(range(1, 200))
    assert sample(rs, lambda r: r.id) == rs


def test_a_block_of_many_sources_is_read_by_sorted_neighbourhood():
    rs = _records(5000, 5000)
    got = list(pairs(rs, lambda r: (r.value, r.id)))
    assert len(got) <= 5000 * WINDOW
    b = Blocks(rs, lambda r: [r.key], lambda r: (r.value, r.id))
    near = b.near(3, ["k"])
    assert len(near) <= 2 * WINDOW
    assert all(rs[j].value == rs[3].value for j in near)  # sorted by value: agreeing neighbours


def test_a_sample_is_deterministic_and_bounded():
    rs = _records(3000, 3000)
    a, b = sample(rs, lambda r: r.id), sample(list(reversed(rs)), lambda r: r.id)
    assert len(a) < len(rs) and {r.id for r in a} == {r.id for r in b}
    assert len({r.source for r in _records(MAX_SOURCES, MAX_SOURCES)}) == MAX_SOURCES
