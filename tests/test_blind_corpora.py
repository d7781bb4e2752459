"""Corpora written blind (by colleagues who did not read the checker's code): the 2023 WBC final,
the H3 rocket's first flight and the 2024 Haneda runway collision.

Different vocabulary again (scores, innings, launches, a manager's quote given to someone else); the
careful documents must stay clean and most planted errors must be found.
"""
from __future__ import annotations

from _runs import ROOT, score

CORPUS4 = ROOT / "tests" / "data" / "corpus4"
CORPUS5 = ROOT / "tests" / "data" / "corpus5"
CORPUS6 = ROOT / "tests" / "data" / "corpus6"


def test_corpus4_gold_figures():
    s = score(CORPUS4, CORPUS4 / "gold.json")
    print(f"corpus4: found {s['found']}/{s['errors']} typed {s['typed']} false alarms {s['false_alarms']} "
          f"agreements {s['agreements']}/{s['agreements_total']} missed {s['missed']}")
    assert s["false_alarms"] == 0, s["false_alarm_examples"]
    assert s["found"] >= 8 and s["typed"] >= 6
    assert s["ranking_ok"], s["ranking_note"]


def test_corpus5_gold_figures():
    s = score(CORPUS5, CORPUS5 / "gold.json")
    print(f"corpus5: found {s['found']}/{s['errors']} typed {s['typed']} false alarms {s['false_alarms']} "
          f"agreements {s['agreements']}/{s['agreements_total']} missed {s['missed']}")
    assert s["false_alarms"] == 0, s["false_alarm_examples"]
    assert s["found"] >= 8 and s["typed"] >= 8
    assert s["ranking_ok"], s["ranking_note"]


def test_corpus6_gold_figures():
    s = score(CORPUS6, CORPUS6 / "gold.json")
    print(f"corpus6: found {s['found']}/{s['errors']} typed {s['typed']} false alarms {s['false_alarms']} "
          f"agreements {s['agreements']}/{s['agreements_total']} missed {s['missed']}")
    assert s["false_alarms"] == 0, s["false_alarm_examples"]
    assert s["found"] >= 7 and s["typed"] >= 6
    assert s["ranking_ok"], s["ranking_note"]
