"""Speech verbs, venues in key rows, names in two scripts and named thresholds, on real Japanese text."""
from __future__ import annotations

import hashlib

import pytest

from checker.pipeline import run
from claims.entities import Resolver
from claims.extract import extract_documents
from claims.models import Document
from claims.parse import Parser


def _extract(text: str, doc_id: str = "a"):
    doc = Document(id=doc_id, path=f"{doc_id}.txt", text=text + "\n", sha256=hashlib.sha256(text.encode()).hexdigest())
    ex, _ = extract_documents([doc], Parser())
    return ex[0]


def _report(tmp_path, texts: dict[str, str]):
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return run([tmp_path])


@pytest.mark.parametrize("sentence, verb", [
    ("國井恒志裁判長は閉廷前、袴田さんの姉ひで子さん（91）に「裁判所は自由の扉を開けた」と語り掛けた。", "語り掛ける"),
    ("岸田文雄首相は和歌山駅前で街宣車に上がり、「多くの皆さまにご迷惑をおかけした」と陳謝。", "陳謝"),
    ("内田誠社長は記者団に「統合の協議は白紙に戻った」と明言した。", "明言"),
])
def test_more_verbs_report_words(sentence, verb):
    st = [c for c in _extract(sentence).claims if c.kind == "statement"]
    assert any(c.predicate == verb and c.qualifiers.speaker for c in st), [(c.predicate, c.subject) for c in st]


def test_a_key_row_names_the_event_of_its_venue():
    """打ち上げ場所は…観測所: the place is the launch's, not the observatory noun's."""
    ex = _extract("打ち上げ場所は内之浦宇宙空間観測所（鹿児島県肝付町）。")
    places = [s for s in ex.slots if s.slot == "place"]
    assert places and all(s.head == "launch" for s in places), [(s.value, s.head) for s in places]


def test_a_name_with_its_other_spelling_in_brackets_is_one_person():
    ex = _extract("韓国の国防省は4日未明、ユン・ソンニョル（尹錫悦）大統領による非常戒厳の解除を発表した。"
                  "尹錫悦大統領は同日朝に会見した。")
    r = Resolver([ex])
    assert r.person("尹錫悦") and r.person("尹錫悦") == r.person("ユン・ソンニョル")


@pytest.mark.slow
def test_two_named_thresholds_are_not_one_count(tmp_path):
    rep = _report(tmp_path, {
        "a": "参政党は選挙区で10議席を得た。非改選と合わせ、予算を伴う法案の単独提出が可能となる21議席以上を確保した。\n"
             "選挙区でも勝利が相次いだ。予算を伴わない法案の単独提出が可能となる11議席以上も早々に確保していた。\n",
        "b": "参政党が躍進し、選挙区と比例代表で議席を大きく伸ばした。\n",
    })
    assert not [f for f in rep.findings if f.type == "internal_contradiction" and f.severity == "error"]


@pytest.mark.slow
def test_two_bounds_for_one_count_still_disagree(tmp_path):
    rep = _report(tmp_path, {
        "a": "両首脳の電話会談を含めると、そのやり取りの総数は30回以上に達している。\n"
             "公式・非公式を合わせて、両首脳の電話会談を含むやり取りは10回以上が確認されている。\n",
        "b": "両首脳はこれまでに何度も電話会談を重ねてきた。\n",
    })
    assert [f for f in rep.findings if f.type == "internal_contradiction" and f.severity == "error"]


def test_an_office_elect_is_neither_sitting_nor_former():
    roles = [c for c in _extract("2024年11月6日、トランプ次期大統領は支持者を前に勝利を宣言した。").claims
             if c.kind == "role" and "トランプ" in c.subject]
    assert roles and all(c.qualifiers.status is None for c in roles)


@pytest.mark.slow
def test_one_source_calling_a_former_holder_sitting_does_not_outvote_two(tmp_path):
    rep = _report(tmp_path, {
        "a": "2024年11月17日、兵庫県知事選挙が投開票され、前尼崎市長の稲村和美氏らが立候補していた。\n",
        "b": "【神戸＝共同】2024年11月17日投開票の兵庫県知事選で、前尼崎市長の稲村和美氏は及ばなかった。\n",
        "c": "2024年11月17日の兵庫県知事選挙では、尼崎市長の稲村和美氏が善戦しました！\n",
    })
    assert not [f for f in rep.findings if f.type == "role_conflict" and f.source in ("a", "b") and f.severity == "error"]


def test_an_obligation_is_no_negation():
    ex = _extract("憲法の規定により、50日以内に大統領選挙を実施しなければならない。")
    acts = [s for s in ex.slots if s.slot == "polarity" and s.head.startswith("act:")]
    assert acts and all(s.value == "+" for s in acts), [(s.head, s.value) for s in acts]


def test_an_offices_thing_is_no_person():
    ex = _extract("県議会は、知事のパワーハラスメントなどの疑惑を調べる百条委員会を設置した。")
    assert not [c for c in ex.claims if c.kind == "role" and "パワーハラスメント" in c.subject]


def test_one_name_in_two_transliterations_is_one_holder():
    from checker.roles import _spellings
    assert _spellings("ホセイン・アミールアブドッラーヒヤーン", "アブドラヒアン")
    assert not _spellings("バイデン", "トランプ") and not _spellings("ハリス", "ハリソン")


@pytest.mark.slow
def test_a_named_exit_poll_is_attributed(tmp_path):
    rep = _report(tmp_path, {
        "a": "【ワシントン＝ロイター】5日投票の米大統領選で、出口調査速報では投票者の48%が民主党候補に好意的と回答した。\n",
        "b": "米大統領選は5日に投票が行われ、開票作業が続いている。\n",
    })
    assert not [f for f in rep.findings if f.type == "unsourced_statistic" and f.severity != "info"]


@pytest.mark.slow
def test_a_vague_survey_is_still_a_warning(tmp_path):
    rep = _report(tmp_path, {
        "a": "# 【速報まとめ】大統領選★\n\nある調査では、投票者の68.4%がSNSの情報を参考にしたと回答したそうです😊\n",
        "b": "米大統領選は5日に投票が行われ、開票作業が続いている。\n",
    })
    assert [f for f in rep.findings if f.type == "unsourced_statistic" and f.severity == "warning"]


@pytest.mark.slow
def test_a_poll_named_by_its_body_is_attributed(tmp_path):
    """時事通信 is not tagged a proper noun; the kind of body (通信, 新聞, 研究所) names the source."""
    rep = _report(tmp_path, {
        "a": "時事通信の世論調査では、首相は現地を訪問すべきだとの回答が4割を超えており、国内にも待望論が広がっていた。\n",
        "b": "首相は21日、現地を訪問した。\n",
        "c": "会社の調査では、回答者の62.5%が賛成したそうです😊\n",
    })
    flagged = {f.source for f in rep.findings if f.type == "unsourced_statistic" and f.severity != "info"}
    assert "a" not in flagged and "c" in flagged, [f.message for f in rep.findings]
