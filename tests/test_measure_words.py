"""One measure under other words and notations, on real Japanese text: 観衆 / 観客数 / 来場者 give one key,
トン and kg one unit, and 今年の… is the same occasion as an unmarked text (while 前年の… is another)."""
from __future__ import annotations

import hashlib

from checker.align import Aligner, agree, occasion_apart
from claims.extract import extract_documents
from claims.models import Document
from claims.parse import Parser


def _slots(*texts: str):
    docs = [Document(id=f"d{i}", path=f"d{i}.txt", text=t + "\n", sha256=hashlib.sha256(t.encode()).hexdigest())
            for i, t in enumerate(texts)]
    ex, _ = extract_documents(docs, Parser())
    return [s for e in ex for s in e.slots]


def _one(slots, source: str, kind: str, quote: str):
    return next(i for i, s in enumerate(slots) if s.source == source and s.slot == kind and quote in s.quote)


def test_audience_words_are_one_measure():
    slots = _slots("決勝には観衆3万6098人が詰めかけた。", "決勝の来場者は約5万人に上った。",
                   "決勝の放送では視聴率が40%に達した。")
    a, b = _one(slots, "d0", "quantity", "3万6098人"), _one(slots, "d1", "quantity", "5万人")
    assert "audience" in slots[a].measure and "audience" in slots[b].measure
    al = Aligner(slots)
    assert al.sim(a, b) > 0.2 and not agree(slots[a], slots[b]) and not occasion_apart(slots[a], slots[b])


def test_other_measures_stay_apart():
    slots = _slots("地震による死者は120人に上った。", "地震による負傷者は120人に上った。")
    dead, hurt = _one(slots, "d0", "quantity", "120人"), _one(slots, "d1", "quantity", "120人")
    assert "dead" in slots[dead].measure and "injured" in slots[hurt].measure


def test_tonnes_and_kilograms_are_one_unit():
    slots = _slots("衛星の重さは約5.3トンある。", "衛星の重さは約5,300kgだ。", "衛星の重さは約3,000kgだ。")
    t, kg, wrong = (slots[_one(slots, d, "quantity", q)] for d, q in (("d0", "5.3トン"), ("d1", "5,300kg"),
                                                                      ("d2", "3,000kg")))
    assert t.quantity.unit == kg.quantity.unit == "kg" and t.quantity.value == 5300
    assert agree(t, kg) and not agree(t, wrong)


def test_this_years_prize_is_the_unmarked_one():
    slots = _slots("スウェーデン・アカデミーは今年のノーベル文学賞を2024年10月11日に発表した。",
                   "スウェーデン・アカデミーはノーベル文学賞を2024年10月10日に発表した。",
                   "スウェーデン・アカデミーは前年のノーベル文学賞を2023年10月5日に発表した。")
    now, plain, last = (slots[_one(slots, d, "date", q)] for d, q in (("d0", "10月11日"), ("d1", "10月10日"),
                                                                    ("d2", "10月5日")))
    assert not occasion_apart(now, plain) and not agree(now, plain)
    assert occasion_apart(plain, last) and occasion_apart(now, last)
