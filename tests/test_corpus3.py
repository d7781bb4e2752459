"""A third corpus, written by a colleague trying the tool as a new user (2024 LDP leadership election).

It caught false alarms on vote counts (two rounds, several candidates) that the first two corpora did
not; the careful documents must stay clean and the blog's planted errors must be found.
"""
from __future__ import annotations

from _runs import ROOT, report, score

CORPUS3 = ROOT / "tests" / "data" / "corpus3"


def test_corpus3_gold_figures():
    s = score(CORPUS3, CORPUS3 / "gold.json")
    print(f"corpus3: found {s['found']}/{s['errors']} typed {s['typed']} false alarms {s['false_alarms']} "
          f"agreements {s['agreements']}/{s['agreements_total']} missed {s['missed']}")
    assert s["false_alarms"] == 0, s["false_alarm_examples"]
    assert s["found"] == 6 and s["typed"] == 6
    assert s["ranking_ok"], s["ranking_note"]
    assert s["agreements"] == s["agreements_total"]


def test_vote_counts_of_two_rounds_do_not_conflict():
    rep, _, _ = report(CORPUS3)
    careful = {"01_wire", "02_encyclopedia", "03_news"}
    assert not [f for f in rep["findings"] if f["source"] in careful and f["severity"] == "error"]
    (wrong,) = [f for f in rep["findings"] if f["type"] == "number_conflict"]
    assert wrong["source"] == "04_blog" and "251票" in wrong["message"]
    assert {e["source"] for e in wrong["contradicted_by"]} == careful
