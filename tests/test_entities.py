"""Entity resolution on the seeds: one canonical entity per person, and agreements that resolve."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from claims.lexicon import EVENT_COMPATIBLE
from _runs import SEEDS, SEEDS_GOLD, report

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not beside the clone")


def _entity_of(rep: dict, alias: str) -> set[str]:
    return {e["id"] for e in rep["entities"] if e["type"] == "person" and alias in e["aliases"]}


@pytest.mark.parametrize("forms", [
    ["トランプ", "ドナルド・トランプ", "トランプ米大統領", "トランプ前大統領", "アメリカ大統領ドナルド・トランプ"],
    ["ウィトコフ", "ウィットコフ", "スティーブ・ウィトコフ"],
    ["ヘグセス", "ピート・ヘグセス", "ヘグセス米国防長官"],
    ["ペスコフ", "ドミトリー・ペスコフ"],
    ["ルビオ", "マルコ・ルビオ", "ルビオ国務長官"],
    ["ゼレンスキー", "ウォロディミル・ゼレンスキー"],
])
def test_one_entity_per_person(forms):
    rep, _, _ = report(SEEDS)
    ids = set().union(*(_entity_of(rep, f) for f in forms))
    assert len(ids) == 1, {f: _entity_of(rep, f) for f in forms}


def test_trump_appears_in_all_five_documents_as_one_entity():
    rep, _, _ = report(SEEDS)
    (eid,) = _entity_of(rep, "ドナルド・トランプ")
    sources = {c["source"] for c in rep["claims"] if c["subject_id"] == eid or eid in c["qualifiers"].get("partners", [])}
    assert len(sources) == 5
    assert len(rep["claims"]) >= 100


def _key_match(a: dict, b: dict) -> bool:
    """Same canonical subject (entity, or the event's participants / day and place) and predicate class."""
    qa, qb = a["qualifiers"], b["qualifiers"]
    if a["kind"] != b["kind"]:
        return False
    if a["kind"] in ("event", "quantity"):
        pa, pb = set(qa.get("partners", [])), set(qb.get("partners", []))
        if pa and pb:
            if len(pa & pb) < min(2, len(pa), len(pb)):
                return False
        elif not (qa.get("time") and qa.get("time") == qb.get("time")):
            return False
        if a["kind"] == "event":
            ca, cb = a["predicate_class"], b["predicate_class"]
            return ca == cb or frozenset({ca[6:], cb[6:]}) in EVENT_COMPATIBLE
        return a["predicate_class"] == b["predicate_class"]
    if (a["subject_id"] or a["subject"]) != (b["subject_id"] or b["subject"]):
        return False
    if a["kind"] == "role":
        return qa.get("role") == qb.get("role")
    return a["predicate_class"] == b["predicate_class"]


def test_every_gold_agreement_resolves_to_one_fact():
    rep, _, _ = report(SEEDS)
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))[0]
    texts = {d: (SEEDS / i["file"]).read_text(encoding="utf-8") for d, i in gold["documents"].items()}
    stems = {d: Path(i["file"]).stem for d, i in gold["documents"].items()}

    def claims_at(doc: str, quote: str) -> list[dict]:
        i = texts[doc].find(quote)
        assert i >= 0
        return [c for c in rep["claims"] if c["source"] == stems[doc] and c["start"] < i + len(quote) and i < c["end"]]

    failures = []
    for ag in gold["agreements"]:
        docs = list(ag["quotes"])
        ok = any(any(_key_match(a, b) for a in claims_at(d1, ag["quotes"][d1]) for b in claims_at(d2, ag["quotes"][d2]))
                 for d1, d2 in itertools.combinations(docs, 2))
        if not ok:
            failures.append(ag["fact"])
    assert not failures
