"""A third corpus, written by a colleague trying the tool as a new user (2024 LDP leadership election).

It caught false alarms on vote counts (two rounds, several candidates) that the first two corpora did
not; the careful documents must stay clean and the blog's planted errors must be found.
"""
from __future__ import annotations

from _runs import ROOT, report

CORPUS3 = ROOT / "tests" / "data" / "corpus3"


def test_vote_counts_of_two_rounds_do_not_conflict():
    rep, _, _ = report(CORPUS3)
    careful = {"01_wire", "02_encyclopedia", "03_news"}
    assert not [f for f in rep["findings"] if f["source"] in careful and f["severity"] == "error"]
    (wrong,) = [f for f in rep["findings"] if f["type"] == "number_conflict" and f["severity"] == "error"]
    assert wrong["source"] == "04_blog" and "251票" in wrong["message"]
    assert {e["source"] for e in wrong["contradicted_by"]} == careful
