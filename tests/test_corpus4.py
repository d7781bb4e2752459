"""A fourth corpus, written blind (without reading the checker's code): the 2023 WBC final.

Different vocabulary again (scores, innings, a manager's quote given to another manager); the careful
documents must stay clean and most planted errors must be found.
"""
from __future__ import annotations

from _runs import ROOT, score

CORPUS4 = ROOT / "tests" / "data" / "corpus4"


def test_corpus4_gold_figures():
    s = score(CORPUS4, CORPUS4 / "gold.json")
    print(f"corpus4: found {s['found']}/{s['errors']} typed {s['typed']} false alarms {s['false_alarms']} "
          f"agreements {s['agreements']}/{s['agreements_total']} missed {s['missed']}")
    assert s["false_alarms"] == 0, s["false_alarm_examples"]
    assert s["found"] >= 8 and s["typed"] >= 6
    assert s["ranking_ok"], s["ranking_note"]
