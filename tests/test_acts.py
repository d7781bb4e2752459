"""Acts and actors (claims/slots.py ``act_slots``, ``speaker_slots``) and the verdict trees
(checker/judge_model.py), on real Japanese sentences."""
from __future__ import annotations

import pytest

from checker.judge_model import _model, probability, tree_score
from checker.pipeline import run
from claims.extract import extract_documents
from claims.ingest import read_documents
from claims.parse import Parser


def _slots(text: str, tmp_path_factory=None):
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "d.txt"
        p.write_text(text, encoding="utf-8")
        exs, _ = extract_documents(read_documents([p]), Parser())
    return exs[0].slots


def _acts(text: str) -> dict[str, str]:
    return {s.head: s.value for s in _slots(text) if s.head.startswith("act:") and s.slot == "polarity"}


@pytest.mark.parametrize("text, act, sign", [
    ("ゼレンスキー大統領は20日に来日し、討議に対面で出席した。", "act:来日", "+"),
    ("安全上の理由からゼレンスキー大統領の来日は見送られ、オンラインでの参加にとどまった。", "act:来日", "-"),
    ("藤井八冠は終局後のインタビューに応じた。", "act:インタビュー", "+"),
    ("藤井八冠は終局後のインタビューには応じず、会場を後にした。", "act:インタビュー", "-"),
    ("大阪市は27日、小林製薬に回収命令を出した。", "act:命令", "+"),
    ("県は自衛隊への災害派遣要請を見送り、独自に対応した。", "act:request", "-"),
    ("『君たちはどう生きるか』は長編アニメーション賞の受賞を逃した。", "act:受賞", "-"),
    # an act named by its opposite, or by another word for it, is that act
    ("王室と距離を置く次男は結局、戴冠式を欠席しました。", "act:出席", "-"),
    ("次男は戴冠式に参列した。", "act:出席", "+"),
    ("県議会は不信任決議案を否決した。", "act:可決", "-"),
    # an act not done that an intention names (参加については見送る考えを伝えた)
    ("ゼレンスキー大統領は、5月の広島サミットへの参加については見送る考えを伝えた。", "act:attend", "-"),
    # the ん of …していたんです explains; the ん of しません denies
    ("大統領からも、1月の電話会談で訪問を要請されていたんです。", "act:request", "+"),
    ("首相は今回、被災地への訪問を要請しません。", "act:request", "-"),
])
def test_an_act_has_its_sign_whatever_the_verb(text, act, sign):
    assert _acts(text).get(act) == sign


def test_the_actor_of_a_quotation_is_its_speaker():
    slots = _slots("WHOのテドロス事務局長は5日、緊急事態の終了を宣言し、「大きな希望を持って」終了を告げると語った。")
    actors = {(s.head, s.value) for s in slots if s.slot == "actor"}
    assert ("say", "テドロス") in actors and ("act:宣言", "テドロス") in actors


@pytest.mark.slow
def test_an_act_denied_against_two_sources_is_found(tmp_path):
    """A blog says the visit was called off; a wire report and an encyclopedia say he came.  The verdict
    weighs the page signals too, so the documents carry the ones real pages have."""
    texts = {
        "a": "【広島＝共同】ウクライナのゼレンスキー大統領は5月20日に広島に来日し、21日の討議に対面で参加した。"
             "政府関係者が明らかにした。\n（共同通信 山田太郎）\n",
        "b": "2023年5月21日 10:05 配信\n【ワシントン時事】ゼレンスキー大統領は20日、フランス政府の専用機で広島空港に"
             "到着して来日し、各国首脳と会談した。\n",
        "c": "ウクライナのゼレンスキー大統領は5月20日に広島に来日し、平和記念資料館を訪れた[1]。\n\n## 脚注\n"
             "1. 外務省「G7広島サミット」2023年5月21日\n2. 首相官邸「G7広島サミット」2023年5月22日\n",
        "d": "# 【徹底まとめ】G7広島サミット★ゼレンスキー大統領は来た？\n\nゼレンスキー大統領の広島への来日は"
             "安全上の理由から見送られ、オンラインでの参加にとどまりました😊\n\n## まとめ\n\nいかがでしたか？\n",
    }
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    rep = run([tmp_path])
    # the model's verdict on one short blog sentence sits near its error threshold: an error or an info
    # note, but always a finding with both sources against it
    bad = [f for f in rep.findings if f.source == "d" and f.type == "negation_conflict"]
    assert bad and "見送られ" in bad[0].evidence[0].quote
    assert {e.source for e in bad[0].contradicted_by} <= {"a", "b", "c"} and len(bad[0].contradicted_by) >= 2
    assert not [f for f in rep.findings if f.source in ("a", "b", "c") and f.severity == "error"]
    ranked = [s.id for s in rep.sources]
    assert ranked[-1] == "d"


def test_a_tree_is_walked_to_its_leaf():
    # one split on feature 0 at 0.5; a second tree adds a constant
    trees = [[[0, 0.5, 1, 2, 0.0, 0], [0, 0.0, 0, 0, -1.0, 1], [0, 0.0, 0, 0, 2.0, 1]],
             [[0, 0.0, 0, 0, 0.25, 1]]]
    assert tree_score(trees, [0.2]) == pytest.approx(-0.75)
    assert tree_score(trees, [0.5]) == pytest.approx(-0.75)  # at the threshold: left
    assert tree_score(trees, [0.9]) == pytest.approx(2.25)


def test_the_shipped_model_reads_every_feature_it_was_trained_on():
    m = _model()
    assert m["kind"] == "trees" and m["trees"] and 0 < m["note"] < m["error"] < 1
    assert all(0 <= n[0] < len(m["features"]) for t in m["trees"] for n in t)
    strong = {"dis_n": 3, "dis_src": 3, "dis_mass": 1.5, "dis_max": 0.6, "best_dis_n": 3, "clusters": 1,
              "gap": 1.0, "head_dis": 1, "head_dis_max": 0.6, "is_date": 1, "R:error": 1, "rep_elsewhere": 3}
    supported = {"sup_n": 3, "sup_mass": 1.5, "sup_max": 0.6, "best_sup_n": 3, "elsewhere": 3, "is_date": 1,
                 "R:supported": 1, "head_sup": 1}
    assert probability(strong) > probability(supported)


def test_the_speaker_of_a_quotation_split_by_its_own_full_stop():
    """A 。 inside the quotation splits the parse; the topic before it is still the speaker, even with a
    title the lexicon lacks (打上執行責任者)."""
    slots = _slots("打ち上げ後、同社の鈴木啓司打上執行責任者は記者団に「H2Aを落とさないことに仕事人生をかけてきた。"
                   "今はほっとしたという一言に尽きる」と語った。")
    said = [s for s in slots if s.slot == "actor" and s.head == "say"]
    assert [s.value for s in said] == ["鈴木啓司"]
    assert {"仕事", "人生", "落とす"} <= set(said[0].args)


def test_words_quoted_with_any_predicate_are_the_titled_topics():
    """「…」と強気の姿勢を見せた: no verb of saying, but the quotation is still the minister's words; an
    organisation before a quoted citation (被団協が「…」として) is no speaker."""
    said = [s for s in _slots("江藤大臣も「需要があれば無制限に出す」と強気の姿勢を見せていた。")
            if s.slot == "actor" and s.head == "say"]
    assert [(s.value, s.args) for s in said] == [("江藤", ("出す", "無制限", "需要"))]
    cited = [s for s in _slots("ノーベル平和賞は、日本被団協が「核兵器のない世界を実現するための努力」として授与された。")
             if s.slot == "actor" and s.head == "say"]
    assert cited == []


def test_the_speaker_a_quotation_is_said_of():
    """「…」と語った豊田章男会長: the verb modifies the person; the slot quotes the words with the name."""
    said = [s for s in _slots("「足場固めを最重要課題に」と語った豊田章男会長（イメージ）")
            if s.slot == "actor" and s.head == "say"]
    assert [s.value for s in said] == ["豊田章男"]
    assert said[0].quote.startswith("「足場固め") and said[0].quote.endswith("豊田章男")


def test_a_district_of_a_city_names_the_venue_and_a_list_names_none():
    places = lambda t: [s.value for s in _slots(t) if s.slot == "place"]  # noqa: E731
    assert places("日産自動車は東京・銀座の本社で記者会見を開き、決算を発表した。") == ["銀座"]
    assert places("高知・大分・宮崎の3県に一時、津波注意報が出た。") == []
