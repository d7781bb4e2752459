"""A person's name written one character off from the form the other sources agree on."""
from __future__ import annotations

import pytest

from checker.pipeline import run


def _report(tmp_path, texts: dict[str, str]):
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return run([tmp_path])


def _names(rep, source: str):
    return [f for f in rep.findings if f.source == source and f.rule == "names.name_variant_findings"]


@pytest.mark.slow
def test_a_misspelt_name_against_two_sources(tmp_path):
    rep = _report(tmp_path, {
        "a": "俳優の森川雅之さんが10日、都内で会見を開き、芸能活動の休止を発表した。森川雅之さんは「しばらく休みます」と述べた。",
        "b": "10日、俳優の森川雅之さん（48）が活動休止を発表した。事務所によると、復帰の時期は未定という。",
        "c": "俳優の森川雅行さんが活動休止を発表しました。ファンからは驚きの声が上がっています。",
    })
    bad = _names(rep, "c")
    assert bad and bad[0].type == "misattribution" and bad[0].evidence[0].quote == "森川雅行", \
        [f.message for f in rep.findings]
    assert {e.source for e in bad[0].contradicted_by} == {"a", "b"}
    assert "森川雅之" in bad[0].message
    assert not _names(rep, "a") and not _names(rep, "b")


@pytest.mark.slow
def test_a_title_is_not_a_misspelling(tmp_path):
    """The programme's real name is 『森山雅之の夜』: inside title brackets it is no person's name."""
    rep = _report(tmp_path, {
        "a": "俳優の森川雅之さんが10日、活動休止を発表した。森川雅之さんは「しばらく休みます」と述べた。",
        "b": "10日、俳優の森川雅之さん（48）が活動休止を発表した。",
        "c": "人気番組『森山雅之の夜』の放送終了が10日、発表されました。司会の森川さんが活動を休止するためです。",
    })
    assert not _names(rep, "c"), [f.message for f in rep.findings]


@pytest.mark.slow
def test_one_name_in_two_scripts_is_not_a_misspelling(tmp_path):
    rep = _report(tmp_path, {
        "a": "映画監督の齋藤正樹さんが10日、新作の完成を発表した。齋藤正樹さんは「自信作です」と話した。",
        "b": "10日、映画監督の齋藤正樹さん（55）が新作の完成を発表した。",
        "c": "映画監督の斎藤正樹さんが新作の完成を発表しました。公開は来春です。",
    })
    assert not _names(rep, "c"), [f.message for f in rep.findings]


@pytest.mark.slow
def test_one_source_against_one_decides_nothing(tmp_path):
    rep = _report(tmp_path, {
        "a": "俳優の森川雅之さんが10日、活動休止を発表した。",
        "b": "俳優の森川雅行さんが活動休止を発表しました。",
    })
    assert not _names(rep, "a") and not _names(rep, "b")


@pytest.mark.slow
def test_a_slip_beside_the_right_form_and_a_brother(tmp_path):
    rep = _report(tmp_path, {
        "a": "森川雅之王座が10日、防衛に成功した。森川雅之王座は「ほっとした」と語った。",
        "b": "第5局は森川雅之王座が勝ち、防衛を決めた。",
        "c": "森川雅之王座が防衛しました。対局後、長川雅之王座は笑顔を見せました。",
        "d": "森川雅之王座が防衛した。会場には弟の森川雅行さんも駆けつけた。",
    })
    bad = _names(rep, "c")
    assert bad and bad[0].evidence[0].quote == "長川雅之" and "elsewhere" in bad[0].message, \
        [f.message for f in rep.findings]
    assert not _names(rep, "d")  # his brother, another person
