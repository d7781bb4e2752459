"""A total of weighted counts, two sibling subjects' figures, and 元 glued onto a surname, on real Japanese
text: none of them is an error, while the plain cases they sit beside still are."""
from __future__ import annotations

import hashlib

import pytest

from checker.pipeline import run
from claims.extract import extract_documents
from claims.models import Document
from claims.parse import Parser


def _extract(text: str, doc_id: str = "a"):
    doc = Document(id=doc_id, path=f"{doc_id}.txt", text=text + "\n", sha256=hashlib.sha256(text.encode()).hexdigest())
    ex, _ = extract_documents([doc], Parser())
    return ex[0]


def _internal(tmp_path, text: str):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text("市の記念大会が開かれ、多くの参加者が集まった。\n", encoding="utf-8")
    return [f for f in run([tmp_path]).findings if f.type == "internal_contradiction" and f.severity == "error"]


def test_a_former_title_glued_to_the_surname_is_former():
    """The tokeniser reads 野田元 as one name; 元首相 is the title of a surname the text names in full."""
    ex = _extract("立憲民主党の新しい代表に野田元首相が選ばれた。野田佳彦氏は2011年から翌年まで首相を務めた。")
    roles = [c for c in ex.claims if c.kind == "role" and c.subject.startswith("野田") and c.line == 1
             and c.start < 20]
    assert roles and roles[0].qualifiers.status == "former", [(c.subject, c.qualifiers.status) for c in roles]


@pytest.mark.slow
def test_a_total_of_points_per_head_is_a_weighted_sum(tmp_path):
    found = _internal(tmp_path, "投票は会員60人（1人3ポイント）と役員10人（1人2ポイント）に、二つの支部にそれぞれ150ポイントを割り振った"
                                "計500ポイントで争われた。\n")
    assert not found, [f.message for f in found]


@pytest.mark.slow
def test_a_plain_total_that_its_parts_do_not_give_is_still_an_error(tmp_path):
    found = _internal(tmp_path, "大会には男性12人、女性15人の計30人が参加した。\n")
    assert found and "30人" in found[0].message


@pytest.mark.slow
def test_two_sibling_subjects_give_two_figures(tmp_path):
    found = _internal(tmp_path, "北部火災は7日朝に発生した。焼失面積は約90平方キロメートルとされる。\n\n"
                                "南部火災は7日夜に発生した。焼失面積は約50平方キロメートルに上った。\n")
    assert not found, [f.message for f in found]


@pytest.mark.slow
def test_one_subject_with_two_figures_for_its_area_is_still_an_error(tmp_path):
    found = _internal(tmp_path, "北部火災は7日朝に発生した。焼失面積は約90平方キロメートルとされる。\n\n"
                                "この北部火災の焼失面積は約50平方キロメートルに上った。\n")
    assert found, "one fire's area given twice should be flagged"


def _date(text: str, doc_id: str):
    return next(s for s in _extract(text, doc_id).slots if s.slot == "date")


def test_two_stages_of_one_process_are_two_occasions():
    """The day a law passed and the day it took effect are two facts; the same stage is one."""
    from checker.align import occasion_apart
    passed = _date("改正法は2024年10月8日に国会で成立した。", "a")
    in_force = _date("改正法は2025年1月17日に施行された。", "b")
    passed_again = _date("改正法は2024年10月9日に国会で成立した。", "c")
    assert (passed.head, in_force.head) == ("成立", "施行")
    assert occasion_apart(passed, in_force)
    assert not occasion_apart(passed, passed_again)
    opened = _date("大阪・関西万博は2025年4月13日に開幕した。", "d")
    closed = _date("大阪・関西万博は2025年10月13日に閉幕した。", "e")
    assert occasion_apart(opened, closed)


@pytest.mark.parametrize("sentence, value", [
    ("監督は間もなく球団から解任された。", "+"),
    ("監督はまもなく球団から解任されました。", "+"),
    ("市長はほどなく辞任した。", "+"),
    ("監督は球団から解任されなかった。", "-"),
])
def test_an_adverb_with_nai_before_the_verb_is_no_negation(sentence, value):
    """まもなく is parsed ま|も|なく: a ない before the predicate is an adverb, not a denial of the act."""
    outcomes = [s for s in _extract(sentence).slots if s.slot == "polarity"]
    assert outcomes and outcomes[0].value == value, [(s.head, s.value) for s in outcomes]


def test_the_unit_of_a_figure_before_is_not_what_the_next_one_measures():
    ex = _extract("負けた賭けの合計は約1億8000万ドルで、差し引き約4000万ドルの負け越しとなった。")
    second = next(c for c in ex.claims if c.kind == "quantity" and c.qualifiers.quantity.text.startswith("約4000万"))
    assert "ドル" not in second.qualifiers.measure and "差し引き" in second.qualifiers.measure


def test_a_summit_agreed_as_a_goal_is_planned():
    """首脳会談の早期実現で一致: the talks are a goal on that day, not held on it."""
    ex = _extract("日米外相は1月22日、首脳会談の早期実現で一致した。")
    talks = [c for c in ex.claims if c.kind == "event" and "会談" in c.predicate]
    assert talks and all(c.qualifiers.planned for c in talks), [(c.predicate, c.qualifiers.planned) for c in talks]


@pytest.mark.slow
def test_a_figure_of_another_years_occasion_is_not_this_count(tmp_path):
    found = _internal(tmp_path, "2023年9月8日に起きた地震で、同国内務省は9日、死者が3000人以上に上ったと発表した。\n\n"
                                "同国では1960年の地震で、死者が1万人以上に上ったと内務省が発表している。\n")
    assert not found, [f.message for f in found]


def test_a_figure_of_each_part_is_not_the_whole():
    """男女各3階級 counts each side's classes: it is not compared with the team's 計6階級, while a plain
    3階級 still is."""
    from checker.align import agree, occasion_apart

    def qty(text: str, value: float):
        ex = _extract(text)
        return next(s for s in ex.slots if s.slot == "quantity" and s.quantity.value == value)

    each = qty("混合団体は男女各3階級の選手でチームを組む。", 3)
    whole = qty("混合団体は計6階級の選手でチームを組む。", 6)
    plain = qty("混合団体は3階級の選手でチームを組む。", 3)
    assert "各" in each.args and "各" not in whole.args
    assert occasion_apart(each, whole)
    assert not occasion_apart(plain, whole) and not agree(plain, whole)
