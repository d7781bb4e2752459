"""The seed corpus through the CLI: the named findings with their quotes and lines, the score figures."""
from __future__ import annotations

import pytest

from _runs import SEEDS, SEEDS_GOLD, finding, report, score

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not beside the clone")


def test_austin_misattribution_with_quotes_and_lines():
    rep, _, _ = report(SEEDS)
    f = finding(rep, "001_", "misattribution", "ロイド・オースティン国防長官")
    assert f is not None, [x["message"] for x in rep["findings"]]
    assert f["severity"] == "error"
    assert f["evidence"][0]["line"] == 55
    assert "ピート・ヘグセス" in f["message"]
    others = {(e["source"][:3], e["line"]) for e in f["contradicted_by"]}
    assert ("000", 21) in others  # アメリカ国防長官ピート・ヘグセスは…
    assert any(s == "004" for s, _ in others)
    quotes = " ".join(e["quote"] for e in f["contradicted_by"])
    assert "ヘグセス" in quotes and "国防長官" in quotes


def test_former_president_is_a_role_conflict():
    rep, _, _ = report(SEEDS)
    f = finding(rep, "001_", "role_conflict", "ドナルド・トランプ前大統領")
    assert f is not None and f["evidence"][0]["line"] == 43
    # 002 is undated, but its sentence says 「2025年に入り」: it was written in 2025 or later, and three
    # sources show Trump as the sitting president in 2025, so 前大統領 there is a role conflict too
    g = finding(rep, "002_", "role_conflict", "トランプ前大統領")
    assert g is not None and "2025" in g["message"]
    assert all(e["source"][:3] in ("000", "003", "004") for e in f["contradicted_by"])


def test_invented_summit_cities():
    rep, _, _ = report(SEEDS)
    (berlin,) = [f for f in rep["findings"] if f["source"].startswith("002_") and f["type"] == "unsupported_claim"
                 and "ベルリン;" in f["message"]]
    assert berlin is not None and berlin["severity"] == "warning"
    lines = {e["line"] for e in berlin["evidence"]}
    assert {2, 13} <= lines  # the prose (アラスカやベルリン、大阪…) and the table row
    alaska = finding(rep, "002_", "internal_contradiction", "アラスカ | 議論のみ")
    assert alaska is not None
    assert any("アンカレッジ" in e["quote"] for e in alaska["evidence"])


def test_internal_counts_placeholder_and_poll():
    rep, _, _ = report(SEEDS)
    f = finding(rep, "002_", "internal_contradiction", "30回以上")
    assert f is not None and {e["line"] for e in f["evidence"]} == {2, 177}
    assert finding(rep, "002_", "placeholder", "2025年XX月XX日")["evidence"][0]["line"] == 154
    assert finding(rep, "002_", "unsourced_statistic", "約40%") is not None


def test_gold_figures():
    s = score(SEEDS, SEEDS_GOLD)
    print(f"seeds: found {s['found']}/{s['errors']} typed {s['typed']} false alarms {s['false_alarms']} "
          f"agreements {s['agreements']}/{s['agreements_total']} ranking {s['ranking_ok']} {s['scores']}")
    # S9 (「2025年に入り、トランプ前大統領」 in an undated page) is left alone on purpose: a date known
    # only to its year takes no side on who held an office (issue 10)
    assert s["errors"] == 9 and s["found"] >= 8
    assert s["typed"] >= 8
    assert s["false_alarms"] == 0
    assert s["ranking_ok"], s["ranking_note"]
    assert s["agreements"] >= 10


def test_scores_are_explained():
    rep, _, _ = report(SEEDS)
    for src in rep["sources"]:
        parts = src["explanation"]
        # the components add up to the score (to rounding), so a reader can check it by hand
        assert abs(sum(p["value"] for p in parts) - src["score"]) < 0.01, (src["id"], parts)
        assert src["counts"]["claims"] == (src["counts"]["corroborated"] + src["counts"]["contradicted"]
                                           + src["counts"]["unsupported"])
        assert src["label"] in ("high", "medium", "low")
