"""Located-at conflicts in a block of many sources (checker/located.py): bounded, still right."""
from __future__ import annotations

from checker.common import Corpus
from checker.located import located_conflicts
from claims.models import Claim, Document, Qualifiers


def _corpus(places: list[str]) -> Corpus:
    docs, claims = [], []
    for n, place in enumerate(places):
        sid = f"d{n:03d}"
        text = f"震源は{place}。"
        docs.append(Document(id=sid, path=f"{sid}.txt", text=text, sha256=sid))
        claims.append(Claim(id=f"{sid}#1", source=sid, kind="place", subject="震源", predicate="located",
                            predicate_class="located:震源", qualifiers=Qualifiers(place=place), quote=place,
                            start=3, end=3 + len(place), line=1, sentence_start=0, sentence_end=len(text)))
    return Corpus(docs, claims, {})


def test_many_sources_one_lone_place():
    places = ["石川県能登地方"] * 38 + ["富山県"] * 2 + ["新潟県"]
    found = located_conflicts(_corpus(places))
    assert [f.source for f in found] == ["d040"]  # 富山県 twice is supported by its twin, 新潟県 alone is not
    assert "40 other source(s)" in found[0].message and "(a sample of them)" in found[0].message
    assert 1 <= len(found[0].contradicted_by) <= 6


def test_a_few_sources_all_pairs():
    found = located_conflicts(_corpus(["石川県能登地方", "石川県能登地方", "新潟県"]))
    assert [f.source for f in found] == ["d002"]
    assert found[0].message.endswith("2 other source(s) give 石川県能登地方")
