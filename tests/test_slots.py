"""The slot alignment step (claims/slots.py, checker/slots.py) on real Japanese sentences."""
from __future__ import annotations

import pytest

from checker.pipeline import run


def _report(tmp_path, texts: dict[str, str]):
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return run([tmp_path])


# the verdict weighs page signals beside the evidence, so the documents carry the ones real pages have
WIRE = "【東京＝共同】{}\n（共同通信 山田太郎）\n"
REFERENCE = "{}[1]\n\n## 脚注\n1. 選挙管理委員会「選挙の結果」2024年7月8日\n2. 総務省「選挙関連資料」2024年7月9日\n"
BLOG = "# 【徹底まとめ】選挙の結果は？★\n\n{}😊\n\n## まとめ\n\nいかがでしたか？\n"


def _flags(rep, source: str, typ: str):
    return [f for f in rep.findings if f.source == source and f.type == typ and f.severity == "error"]


@pytest.mark.slow
def test_a_date_two_sources_contradict_is_flagged(tmp_path):
    rep = _report(tmp_path, {
        "a": WIRE.format("東京都知事選挙は2024年6月20日に告示された。投開票は7月7日に行われた。"),
        "b": REFERENCE.format("2024年の東京都知事選挙は6月20日に告示され、56人が立候補した。"),
        "c": BLOG.format("東京都知事選挙は2024年6月18日に告示された。"),
    })
    found = _flags(rep, "c", "date_conflict")
    assert found and found[0].evidence[0].quote == "2024年6月18日"
    assert {e.source for e in found[0].contradicted_by} == {"a", "b"}
    assert not _flags(rep, "a", "date_conflict") and not _flags(rep, "b", "date_conflict")


@pytest.mark.slow
def test_one_source_against_one_takes_no_side(tmp_path):
    rep = _report(tmp_path, {
        "a": "東京都知事選挙は2024年6月20日に告示された。",
        "c": "東京都知事選挙は2024年6月18日に告示された。",
    })
    assert not _flags(rep, "a", "date_conflict") and not _flags(rep, "c", "date_conflict")


@pytest.mark.slow
def test_a_document_giving_both_clocks_is_not_flagged(tmp_path):
    rep = _report(tmp_path, {
        "a": "決勝は2023年3月22日に米マイアミで行われた。",
        "b": "決勝は2023年3月22日にマイアミで行われ、日本が優勝した。",
        "c": "決勝は現地時間2023年3月21日（日本時間2023年3月22日）にマイアミで行われた。",
    })
    assert not _flags(rep, "c", "date_conflict")


@pytest.mark.slow
def test_last_years_figure_is_another_figure(tmp_path):
    rep = _report(tmp_path, {
        "a": "今回の投票率は60.62%で、前回の55.00%を上回った。",
        "b": "投票率は60.62%だった。",
        "c": "前回の投票率は55.00%だった。",
    })
    assert not any(f.type == "number_conflict" and f.severity == "error" for f in rep.findings)


@pytest.mark.slow
def test_a_margin_its_own_figures_do_not_give(tmp_path):
    rep = _report(tmp_path, {
        "a": "トランプ氏は312人、ハリス氏は226人の選挙人を獲得し、その差は76人となった。",
        "b": "トランプ氏は312人、ハリス氏は226人の選挙人を獲得し、その差は86人となった。",
    })
    bad = [f for f in rep.findings if f.source == "a" and f.type == "internal_contradiction"]
    assert bad and bad[0].evidence[0].quote == "76人"
    assert not [f for f in rep.findings if f.source == "b" and f.type == "internal_contradiction"]


@pytest.mark.slow
def test_a_gap_in_points_between_two_percentages(tmp_path):
    """その差は24ポイント is checked against the document's own percentages (67% and 33% differ by 34),
    and the message names that pair."""
    rep = _report(tmp_path, {
        "a": "速報調査では「トランプ氏が勝った」が67%、「バイデン氏が勝った」が33%だった。その差は24ポイントと大差がついた。",
        "b": "速報調査では「トランプ氏が勝った」が67%、「バイデン氏が勝った」が33%だった。その差は34ポイントと大差がついた。",
    })
    bad = [f for f in rep.findings if f.source == "a" and f.type == "internal_contradiction"]
    assert bad and bad[0].evidence[0].quote == "24ポイント" and "67% and 33%" in bad[0].message, \
        [f.message for f in bad]
    assert not [f for f in rep.findings if f.source == "b" and f.type == "internal_contradiction"]


@pytest.mark.slow
def test_a_total_its_parts_do_not_give(tmp_path):
    rep = _report(tmp_path, {
        "a": "死者は3645人、負傷者は5017人、行方不明者は148人で、計9810人が被害を受けた。",
        "b": "死者は3645人、負傷者は5017人、行方不明者は148人で、計8810人が被害を受けた。",
    })
    bad = [f for f in rep.findings if f.source == "a" and f.type == "internal_contradiction"]
    assert bad and bad[0].evidence[0].quote == "9810人"
    assert not [f for f in rep.findings if f.source == "b" and f.type == "internal_contradiction"]


@pytest.mark.slow
def test_an_outcome_denied_by_its_antonym(tmp_path):
    rep = _report(tmp_path, {
        "a": WIRE.format("同日の立法委員選挙で民進党は過半数に届かなかった。"),
        "b": REFERENCE.format("立法委員選挙では民進党が過半数を割り込んだ。"),
        "c": BLOG.format("同日の立法委員選挙でも民進党が過半数を維持した。"),
    })
    bad = [f for f in rep.findings if f.source == "c" and f.type == "negation_conflict"]
    assert bad and "維持" in bad[0].evidence[0].quote
    assert not [f for f in rep.findings if f.source in ("a", "b") and f.type == "negation_conflict"]


@pytest.mark.slow
def test_a_count_of_days_its_own_date_range_does_not_give(tmp_path):
    rep = _report(tmp_path, {
        "a": "2025年、行方不明者の捜索は1月28日〜2月12日（計22日間）にわたって続いた。パリ五輪は7月26日から8月11日まで17日間開かれた。",
        "b": "捜索は1月28日に始まり、2月12日に終わった。パリ五輪は7月26日に開幕した。",
    })
    found = [f for f in rep.findings if f.type == "internal_contradiction" and f.severity == "error"]
    assert [f.evidence[0].quote for f in found] == ["22日間"]
    assert found[0].contradicted_by[0].quote == "1月28日〜2月12日"


@pytest.mark.parametrize("corpus", ["seeds", "corpus2", "examples"])
def test_contested_slots_are_those_features_find_a_cluster_against(corpus):
    """Only contested slots get verdict features: the test must pick exactly the slots for which
    the features find a value against them, so skipping the others changes no verdict."""
    from _runs import CORPUS2, EXAMPLES, SEEDS

    from checker.align import Aligner
    from checker.pipeline import build_corpus
    from checker.slots import _person
    from checker.verdict import contested, features
    from claims.extract import extract_documents
    from claims.ingest import read_documents
    from claims.parse import Parser

    path = {"seeds": SEEDS, "corpus2": CORPUS2, "examples": EXAMPLES}[corpus]
    if not path.is_dir():
        pytest.skip(f"{path} is not here")
    ex, _ = extract_documents(read_documents([path]), Parser())
    corp, _ = build_corpus(ex)
    slots = [s if s.slot != "actor" else s.model_copy(update={"value": _person(corp.person, s.value)})
             for e in ex for s in e.slots]
    aligner = Aligner(slots)
    picked = [contested(corp, aligner, i) for i in range(len(slots))]
    found = [bool(features(corp, aligner, i, {}, {})[1]) for i in range(len(slots))]
    assert picked == found
    assert any(picked) and not all(picked)


@pytest.mark.slow
def test_a_lead_that_grows_and_an_item_listed_without_a_figure(tmp_path):
    """リードを4分17秒に拡大 is a gap itself, not one side of 2分38秒差; 総裁と副総裁2人、審議委員6人の
    合わせて9人 counts the 総裁 as one."""
    rep = _report(tmp_path, {
        "a": "駒沢大と2分38秒差で飛び出した青学大は、6区で野村昭夢が好走し、リードを4分17秒に拡大。7区では4分44秒まで差を広げた。",
        "b": "金融政策を決めるのは、総裁と副総裁2人、審議委員6人の合わせて9人の政策委員だ。",
        "c": "金融政策を決めるのは、総裁と副総裁2人、審議委員6人の合わせて10人の政策委員だ。",
    })
    assert not [f for f in rep.findings if f.source in ("a", "b") and f.type == "internal_contradiction"], \
        [f.message for f in rep.findings]
    bad = [f for f in rep.findings if f.source == "c" and f.type == "internal_contradiction"]
    assert bad and bad[0].evidence[0].quote == "10人"


@pytest.mark.slow
def test_two_factions_figures_in_their_own_paragraphs_are_two_counts(tmp_path):
    """安倍派は… and これに対し二階派は…: each paragraph's approximate total is its own faction's."""
    (tmp_path / "a.html").write_text(
        "<html><body><article>\n"
        "  <p>特捜部の発表によると、安倍派は2018～22年の5年間、収入約6億8千万円を収支報告書に載せず、支出も記載しなかった。"
        "収入と支出を合わせた不記載の総額は約13億5千万円にのぼる。</p>\n"
        "  <p>これに対し二階派は、支出をおおむね記載していた。それでも同じ5年間で収入約2億6400万円、支出約1億1600万円が"
        "少なく記載され、過少記載は計約3億8千万円に達する。</p>\n"
        "</article></body></html>\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("安倍派と二階派の会計責任者が起訴された。\n", encoding="utf-8")
    rep = run([tmp_path])
    assert not [f for f in rep.findings if f.type == "internal_contradiction"], [f.message for f in rep.findings]


@pytest.mark.slow
def test_a_total_whose_part_is_in_the_sentence_before(tmp_path):
    rep = _report(tmp_path, {
        "a": "これで日本の金メダルは20個となった。銀12個、銅13個を合わせたメダル総数45個も海外最多となった。",
        "b": "これで日本の金メダルは20個となった。銀12個、銅13個を合わせたメダル総数48個も海外最多となった。",
    })
    assert not [f for f in rep.findings if f.source == "a" and f.type == "internal_contradiction"]
    assert [f for f in rep.findings if f.source == "b" and f.type == "internal_contradiction"]


@pytest.mark.slow
def test_a_margin_of_figures_not_stated_is_no_margin_of_the_sentence_before(tmp_path):
    """1回目の投票では…27票の差: the round-one figures are not in the text; 215票対194票 in the sentence
    before are the run-off's."""
    rep = _report(tmp_path, {
        "a": "石破氏が決選投票で高市氏を215票対194票で退けた。1回目の投票では高市氏に27票の差をつけられての2位だった。",
        "b": "石破氏が決選投票で高市氏を215票対194票で退けた。",
    })
    assert not [f for f in rep.findings if f.source == "a" and f.type == "internal_contradiction"], \
        [f.message for f in rep.findings]


@pytest.mark.slow
def test_a_margin_of_another_round_in_the_same_sentence(tmp_path):
    rep = _report(tmp_path, {
        "a": "石破氏が決選投票で高市氏を215票対194票で退けたが、1回目の投票では高市氏に27票の差をつけられていた。",
        "b": "石破氏が決選投票で高市氏を215票対194票で退けた。",
    })
    assert not [f for f in rep.findings if f.source == "a" and f.type == "internal_contradiction"], \
        [f.message for f in rep.findings]


@pytest.mark.slow
def test_two_approximate_figures_far_apart_are_two_measures(tmp_path):
    rep = _report(tmp_path, {
        "a": "スターシップは1段目と2段目を合わせた高さが約120メートルに達する世界最大のロケット。"
             "1段目のスーパーヘビーは高さ約71メートルで33基のエンジンを束ねる。\n",
        "b": "スターシップは1段目と2段目を合わせた高さが約120メートルに達する。\n",
        "c": "スターシップの打ち上げは13日に行われた。\n",
    })
    assert not [f for f in rep.findings if f.source == "a" and f.rule == "arithmetic.repeated_count_findings"], \
        [f.message for f in rep.findings]
