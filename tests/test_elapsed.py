"""An elapsed time a document states between two of its own dated events (checker/elapsed.py)."""
from __future__ import annotations

import json

import pytest

from tests._runs import cli

FIRE = ("大船渡市の山林火災は2025年2月26日午後1時ごろに発生した。延焼は続き、市は2025年4月7日に鎮火を宣言した。\n\n"
        "発生から鎮火まで、{span}にわたって消火活動が続いた。\n")


@pytest.mark.parametrize("span, flagged", [("じつに75日間", True), ("40日余り", False), ("約40日間", False),
                                           ("1か月あまり", False), ("およそ6週間", False), ("半年", True)])
def test_a_span_between_two_dated_events_of_the_same_document(tmp_path, span, flagged):
    (tmp_path / "a.txt").write_text(FIRE.format(span=span), encoding="utf-8")
    (tmp_path / "b.txt").write_text("岩手県大船渡市で2025年2月26日に山林火災が発生した。\n", encoding="utf-8")
    js = tmp_path / "r.json"
    r = cli("report", str(tmp_path), "-o", str(tmp_path / "r.html"), "--json", str(js), "-q")
    assert r.returncode == 0, r.stderr
    found = [f for f in json.loads(js.read_text(encoding="utf-8"))["findings"]
             if f["type"] == "internal_contradiction" and "days apart" in f["message"]]
    assert bool(found) == flagged, found
    if flagged:
        f = found[0]
        assert f["source"] == "a" and f["severity"] == "error"
        assert span.replace("じつに", "") in f["evidence"][0]["quote"] or f["evidence"][0]["quote"] in span
        assert {e["quote"] for e in f["contradicted_by"]} == {"2025年2月26日", "2025年4月7日"}
        assert "40 days apart" in f["message"]
