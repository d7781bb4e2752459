"""Dates, quantities and placeholders: tables of Japanese text and the values expected from them."""
from __future__ import annotations

import pytest

from claims.values import find_dates, find_placeholders, find_quantities, quantities_agree

DATES = [
    # text, publication date, expected ISO dates
    ("2025年2月12日にトランプとプーチンの電話会談が行われた", None, ["2025-02-12"]),
    ("トランプ米大統領は12日、自身のSNSで", "2025-02-13", ["2025-02-12"]),
    ("24年11月の大統領選で勝利した", "2025-02-13", ["2024-11"]),
    ("令和6年1月1日16時10分に発生した", None, ["2024-01-01"]),
    ("平成元年に", None, ["1989"]),
    ("2月18日、サウジアラビアで", "2025-03-21", ["2025-02-18"]),
    ("公開日:2025/02/13", None, ["2025-02-13"]),
    ("同日の電話協議で", "2025-02-12", ["2025-02-12"]),
    ("会談の前日、欧州の首脳が", "2025-02-18", ["2025-02-17"]),
    ("1日1千人を超える死傷者", "2025-02-13", []),
    ("28日に", "2025-03-02", ["2025-02-28"]),
]


@pytest.mark.parametrize("text,ref,expected", DATES)
def test_dates(text, ref, expected):
    assert [d.iso for d in find_dates(text, ref)] == expected


def test_date_spans():
    (d,) = find_dates("広島市で19日から21日まで開かれた", "2023-05-22")
    assert (d.iso, d.end_iso) == ("2023-05-19", "2023-05-21")
    (d,) = find_dates("14〜16日にドイツのミュンヘンで", "2025-02-13")
    assert (d.iso, d.end_iso) == ("2025-02-14", "2025-02-16")


QUANTITIES = [
    ("会談はおよそ1時間半に及び", 90, "分", True, "eq"),
    ("協議は1時間半に及んだ", 90, "分", False, "eq"),
    ("総数は30回以上に達しています", 30, "回", False, "ge"),
    ("「会談に期待」約40%", 40, "%", True, "eq"),
    ("4168平方キロメートルの領土", 4168, "km2", False, "eq"),
    ("地震の規模はマグニチュード7.2と", 7.2, "M", False, "eq"),
    ("マグニチュード(M)は7.6と推定", 7.6, "M", False, "eq"),
    ("最大震度7を観測", 7, "震度", False, "eq"),
    ("約40分間館内に滞在した", 40, "分", True, "eq"),
    ("24時間以内に終結させる", 1440, "分", False, "le"),
]


@pytest.mark.parametrize("text,value,unit,approx,bound", QUANTITIES)
def test_quantities(text, value, unit, approx, bound):
    q = find_quantities(text)[0].quantity
    assert (q.value, q.unit, q.approx, q.bound) == (value, unit, approx, bound)


def test_time_of_day_is_not_a_duration():
    assert not [q for q in find_quantities("1日午後4時22分、大津波警報を発表した") if q.quantity.unit == "分"]


def test_ranges_and_rates():
    (q,) = find_quantities("年間2~3回にのぼり")
    assert (q.quantity.value, q.quantity.high, q.quantity.bound, q.rate) == (2, 3, "range", True)


@pytest.mark.parametrize("a,b,agree", [
    ("約1時間半", "1時間半", True), ("約1時間半", "約1時間", False), ("30回以上", "10回以上", False),
    ("マグニチュード7.6", "マグニチュード7.2", False), ("16キロ", "約60キロ", False), ("約40%", "41%", True),
])
def test_agreement_with_tolerance(a, b, agree):
    qa, qb = find_quantities(a)[0].quantity, find_quantities(b)[0].quantity
    assert quantities_agree(qa, qb) is agree


@pytest.mark.parametrize("text,found", [
    ("| 会談日 | 2025年XX月XX日 |", "2025年XX月XX日"), ("本記事の情報は2024年XX月XX日時点", "2024年XX月XX日"),
    ("〇〇市の担当者は", "〇〇市"), ("2025年2月12日に", None),
    ("[救出人数]人を救出したとのことです", "[救出人数]"), ("△△町の避難所", "△△町"), ("（要確認）の数字", "（要確認）"),
    ("ウィキペディア[要出典]", None), ("脚注[1]", None), ("新駅（仮称）", None), ("（仮）", None),
    ("[具体的な発令理由をここに記述。", "[具体的な発令理由をここに記述。"), ("マスクは3月日から緩和され", "3月日"),
    ("夢の中では㍍投げられていた", "㍍"), ("南海トラフ巨大[[地震]]が", "[[地震]]"), ("[豊後水道]]地震", "[豊後水道]]"),
    ("有権者数 ?人", "?"), ("3月日本を訪れた", None), ("生年月日は", None), ("記者は「〜と記述した」", None),
    ("100㍍を走った", None), ("何人？", None),
])
def test_placeholders(text, found):
    hits = [h[2] for h in find_placeholders(text)]
    assert hits == ([found] if found else [])


def test_a_text_in_wiki_markup_has_links_not_residue():
    text = "[[任天堂]]は[[Nintendo Switch]]の後継機を発表した。[[マリオカート]]と[[ドンキーコング]]も出る。"
    assert find_placeholders(text) == []
    assert [h[2] for h in find_placeholders("南海トラフ巨大[[地震]]の注意情報")] == ["[[地震]]"]
