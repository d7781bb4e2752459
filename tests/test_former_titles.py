"""前/元 against a sitting title, on real Japanese text: the office stated as the predicate of a name
(Xは元米財務長官) is a former title, and a sitting title that two texts of that time call former is
flagged, while one text against one takes no side."""
from __future__ import annotations

import hashlib

import pytest

from checker.pipeline import run
from claims.extract import extract_documents
from claims.models import Document
from claims.parse import Parser

SITTING = ("2023年11月21日、米新興企業の新しい取締役会に、現職の米財務長官であるラリー・サマーズ氏が加わった。"
           "取締役会は3人体制となった。\n")
FORMER_B = ("2023年11月22日配信。新興企業の取締役会は21日に刷新され、ローレンス・サマーズ元米財務長官が加わった。"
            "取締役会は3人体制となる。\n")
FORMER_C = ("2023年11月23日。21日の合意で取締役会は3人体制に改まった。新任のラリー・サマーズ氏は元米財務長官、"
            "大学の元学長だ。\n")
OTHER = "2023年11月22日。新興企業の取締役会は21日に刷新され、3人体制となった。\n"


def _extract(text: str, doc_id: str = "a"):
    doc = Document(id=doc_id, path=f"{doc_id}.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    ex, _ = extract_documents([doc], Parser())
    return ex[0]


def _roles(tmp_path, texts: dict[str, str]):
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return [f for f in run([tmp_path]).findings if f.type == "role_conflict" and f.severity == "error"]


def test_an_office_stated_as_the_predicate_of_a_name_is_a_title():
    ex = _extract(FORMER_C)
    roles = [c for c in ex.claims if c.kind == "role" and "サマーズ" in (c.subject or "")]
    assert [(c.qualifiers.role, c.qualifiers.status) for c in roles] == [("財務長官", "former")]


def test_a_name_topic_followed_by_an_office_it_meets_is_no_title():
    """Xは首相と会談した: the office is someone else's, after the topic."""
    ex = _extract("2023年11月21日、ラリー・サマーズ氏は元首相と会談した。\n")
    roles = [c for c in ex.claims if c.kind == "role" and "サマーズ" in (c.subject or "")]
    assert not roles, [(c.subject, c.qualifiers.role) for c in roles]


@pytest.mark.slow
def test_a_sitting_title_two_texts_of_that_time_call_former_is_flagged(tmp_path):
    found = _roles(tmp_path, {"a": SITTING, "b": FORMER_B, "c": FORMER_C})
    assert [f.source for f in found] == ["a"], [(f.source, f.message) for f in found]
    assert "sitting" in found[0].message and "former" in found[0].message
    assert {e.source for e in found[0].contradicted_by} == {"b", "c"}


@pytest.mark.slow
def test_one_text_against_one_takes_no_side_on_a_sitting_title(tmp_path):
    found = _roles(tmp_path, {"a": SITTING, "b": FORMER_B, "c": OTHER})
    assert not [f for f in found if f.source == "a"], [f.message for f in found]
