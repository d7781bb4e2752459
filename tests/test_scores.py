"""Source scores: copies count as one witness, and every score carries an interval."""
from __future__ import annotations

import json
import pytest

from checker import score as S
from checker.copies import witness_groups
from claims.models import Document

from _runs import cli

CAREFUL = """米ロ首脳が電話会談　ウクライナ停戦交渉の開始で一致
【ワシントン＝共同】2025年2月13日配信

トランプ米大統領は12日、ロシアのプーチン大統領と約90分間、電話で会談した。両首脳はウクライナでの戦闘終結に向けた交渉を直ちに始めることで一致した。
トランプ氏は会談後、記者団に対し、プーチン氏とサウジアラビアで会う可能性があると述べた。ホワイトハウスによると、交渉にはルビオ国務長官らが当たる。
ロシア大統領府のペスコフ報道官は、プーチン氏がトランプ氏をモスクワに招待したと明らかにした。
"""
BODY = ("トランプ大統領は13日、プーチン大統領と約3時間にわたって電話で会談しました。両首脳はウクライナでの戦闘終結に向けた"
        "交渉を直ちに始めることで一致したそうです。トランプ氏は会談後、記者団に対し、プーチン氏とスイスで会う可能性があると"
        "述べました。交渉にはルビオ国務長官らが当たるとのことです。ロシア大統領府のペスコフ報道官は、プーチン氏がトランプ氏を"
        "モスクワに招待したと明らかにしました。")
COPIES = {
    "copy1": f"【速報】米ロ首脳電話会談まとめ\n\nこんにちは！今日のニュースです✨\n\n{BODY}\n\n👉 関連記事もチェック！\n",
    "copy2": f"米ロ首脳が電話会談！ポイント解説\n\n{BODY}\n\nいかがでしたか？\n",
    "copy3": f"【最新】トランプ氏とプーチン氏が電話会談\n\n{BODY}今後の動きにも注目です。\n\n👉 他の記事も読む\n",
}


@pytest.mark.slow
def test_three_copies_of_a_wrong_blog_do_not_outvote_one_careful_report(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "careful.txt").write_text(CAREFUL, encoding="utf-8")
    for name, text in COPIES.items():
        (docs / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "r.json"
    r = cli("report", str(docs), "-o", str(tmp_path / "r.html"), "--json", str(out), "-q")
    assert r.returncode == 0, r.stderr
    rep = json.loads(out.read_text(encoding="utf-8"))
    by = {s["id"]: s for s in rep["sources"]}
    assert all(by["careful"]["score"] > by[c]["score"] for c in COPIES)
    assert not [f for f in rep["findings"] if f["source"] == "careful" and f["severity"] in ("error", "warning")]
    assert {by[c]["witness"] for c in COPIES} == {"copy1"} and by["careful"]["witness"] == "careful"
    assert by["copy2"]["copies"] == ["copy1", "copy3"]
    assert any("copy1, copy2, copy3" in n and "one witness" in n for n in rep["notes"])
    # a figure the three copies share stands against the careful report as one source, not three: one
    # against one, so the careful report gets not even a note, and any note on a copy names one source
    assert not [f for f in rep["findings"] if f["source"] == "careful" and f["type"] == "number_conflict"]
    against = [f for f in rep["findings"] if f["source"].startswith("copy") and f["type"] == "number_conflict"]
    assert all("1 independent source" in f["message"] for f in against)


def test_independent_reports_are_not_copies():
    a, b, c = (Document(id=i, path=f"{i}.txt", text=t, sha256=i) for i, t in (
        ("a", CAREFUL), ("b", BODY), ("c", COPIES["copy1"])))
    assert witness_groups([a, b, c]) == {"a": "a", "b": "b", "c": "b"}


def test_the_interval_narrows_as_claims_are_checked_and_says_when_the_label_is_uncertain():
    few, many = S.interval(0.75, S.SHRINK), S.interval(0.75, S.SHRINK + 60)
    assert few[0] < many[0] < 0.75 < many[1] < few[1]
    assert S.uncertain(*few) and not S.uncertain(*many)  # 47–100 could be medium; 65–85 is high
    lo, hi = S.interval(0.75, S.SHRINK + 60, penalty=0.2)
    assert (lo, hi) == pytest.approx((many[0] - 0.2, many[1] - 0.2), abs=1e-3)


def test_close_calls_lost_weigh_as_expected_contradictions():
    """Values other sources dispute below an error still count: their error probabilities, summed,
    weigh as that many contradicted claims, so of two sources alike in all else the one that loses
    the close calls scores lower, and an empty list changes nothing."""
    from claims.models import Extraction

    docs = {sid: Extraction(document=Document(id=sid, path=f"{sid}.txt", text="x", sha256=sid), claims=(),
                            mentions=(), signals={}, slots=()) for sid in ("a", "b")}
    checkable = {"a": ["a1", "a2"], "b": ["b1", "b2"]}
    corroborated = {"a1", "a2", "b1", "b2"}
    plain = S.truth_discovery(list(docs.values()), corroborated, {}, checkable)
    same = S.truth_discovery(list(docs.values()), corroborated, {}, checkable, contested={"a": [], "b": []})
    assert plain == same and plain["a"] == pytest.approx(plain["b"])
    soft = S.truth_discovery(list(docs.values()), corroborated, {}, checkable,
                             contested={"a": [0.05, 0.1], "b": [0.5, 0.55, 0.4]})
    assert soft["b"] < soft["a"] < plain["a"]
    assert S.evidence_weight(checkable, corroborated, {}, "b", {"b": [0.5, 0.5]}) == pytest.approx(
        S.evidence_weight(checkable, corroborated, {}, "b") + 1.0)
