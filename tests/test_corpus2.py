"""A second corpus we wrote (2024 Noto earthquake): every finding type, one clean document."""
from __future__ import annotations

from _runs import CORPUS2, CORPUS2_GOLD, report, score


def test_corpus2_gold_figures():
    s = score(CORPUS2, CORPUS2_GOLD)
    print(f"corpus2: found {s['found']}/{s['errors']} typed {s['typed']} false alarms {s['false_alarms']} "
          f"agreements {s['agreements']}/{s['agreements_total']} ranking {s['ranking_ok']} missed {s['missed']}")
    assert s["found"] >= 10
    assert s["typed"] >= 9
    assert s["false_alarms"] == 0
    assert s["ranking_ok"], s["ranking_note"]
    assert s["agreements"] >= 14


def test_every_finding_type_appears():
    rep, _, _ = report(CORPUS2)
    types = {f["type"] for f in rep["findings"] if f["severity"] in ("error", "warning")}
    expected = {"misattribution", "role_conflict", "location_conflict", "date_conflict", "number_conflict",
                "negation_conflict", "internal_contradiction", "unsupported_claim", "unsourced_statistic",
                "placeholder"}
    assert expected <= types, expected - types


def test_clean_document_has_no_flags():
    rep, _, _ = report(CORPUS2)
    assert not [f for f in rep["findings"] if f["source"] == "03_newspaper" and f["severity"] != "info"]
