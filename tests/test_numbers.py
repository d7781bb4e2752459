"""Numbers in every notation Japanese text uses, read back exactly (claims/numbers.py via values.py)."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from claims.numbers import parse_number
from claims.values import find_quantities

# expression, value, unit, bound
TABLE = [
    ("約4万2000人が集まった", 42000, "人", "eq"),
    ("1億2400万件の記録", 124_000_000, "件", "eq"),
    ("人口は2557万8986人", 25_578_986, "人", "eq"),
    ("3兆1234億円の予算", 3_123_400_000_000, "円", "eq"),
    ("売上高45兆953億円", 45_095_300_000_000, "円", "eq"),
    ("2万7000立方メートルの土砂", 27000, "m3", "eq"),
    ("敷地は6万1035.55平方メートル", 61035.55, "m2", "eq"),
    ("１２，３４５人が来場", 12345, "人", "eq"),
    ("約３万５千人の観衆", 35000, "人", "eq"),
    ("二千五百人が避難", 2500, "人", "eq"),
    ("一万二千人の署名", 12000, "人", "eq"),
    ("三十五人", 35, "人", "eq"),
    ("1,234億円の赤字", 123_400_000_000, "円", "eq"),
    ("約2,300万人の有権者", 23_000_000, "人", "eq"),
    ("3千人規模", 3000, "人", "eq"),
    ("全体の3分の1", 33.3333, "%", "eq"),
    ("約2割が反対", 20, "%", "eq"),
    ("投票率は71.86%", 71.86, "%", "eq"),
    ("７９．８６％", 79.86, "%", "eq"),
    ("前年比5ポイント上昇", 5, "pt", "eq"),
    ("2~3回の会談", 2, "回", "range"),
    ("230億〜280億円の損失", 23_000_000_000, "円", "range"),
    ("1万人超が参加", 10000, "人", "ge"),
    ("100人以上", 100, "人", "ge"),
    ("50人未満", 50, "人", "le"),
    ("30分以内", 30, "分", "le"),
    ("1000人近く", 1000, "人", "le"),
    ("2時間45分の会談", 165, "分", "eq"),
    ("1時間半にわたり", 90, "分", "eq"),
    ("約3時間", 180, "分", "eq"),
    ("12分間", 12, "分", "eq"),
    ("3日間の日程", 3, "日", "eq"),
    ("184日間の会期", 184, "日", "eq"),
    ("17年ぶりの利上げ", 17, "年", "eq"),
    ("3期12年", 12, "年", "eq") if False else ("任期は4年間", 4, "年", "eq"),
    ("215票を獲得", 215, "票", "eq"),
    ("51議席", 51, "議席", "eq"),
    ("20機が飛行", 20, "機", "eq"),
    ("牛3頭", 3, "頭", "eq"),
    ("写真500枚", 500, "枚", "eq"),
    ("1万5548人の観衆", 15548, "人", "eq"),
    ("439万2000ドルで落札", 4_392_000, "ドル", "eq"),
    ("約1015億円", 101_500_000_000, "円", "eq"),
    ("配当は75円", 75, "円", "eq"),
    ("最大1メートルの津波", 1, "m", "eq"),
    ("50センチの津波", 0.5, "m", "eq"),
    ("全長約57メートル", 57, "m", "eq"),
    ("約3トンの衛星", 3000, "kg", "eq"),  # トン and kg are one unit (3トン is 3000kg)
    ("158の国・地域、9カ国", 9, "国", "eq"),
    ("90歳の男性", 90, "歳", "eq"),
    ("3.14倍", 3.14, "倍", "eq"),
    ("戦後13例目の違憲判決", 13, "例目", "eq"),  # ordinals are ranks, compared only with ranks
    ("5か国目の月面着陸", 5, "か国目", "eq"),
    ("最多8部門で受賞", 8, "部門", "eq"),
    # a nakaguro as the decimal point, as newspapers print it
    ("政策金利を0・25%程度へ引き上げ", 0.25, "%", "eq"),
    ("前年比3・5ポイント上昇", 3.5, "pt", "eq"),
    ("２・５倍に増えた", 2.5, "倍", "eq"),
    ("マグニチュード(M)6・6の地震", 6.6, "M", "eq"),
]


@pytest.mark.parametrize("text,value,unit,bound", TABLE, ids=[t[0] for t in TABLE])
def test_table(text, value, unit, bound):
    qs = find_quantities(text)
    assert qs, text
    q = qs[0].quantity
    assert q.value == pytest.approx(value) and q.unit == unit and q.bound == bound
    assert text[qs[0].start:qs[0].end] == q.text  # the span is the original text, full-width included


@pytest.mark.parametrize("text", ["1・2号機の2人", "1・2月に3人"])
def test_a_nakaguro_between_numbers_of_a_list_is_no_decimal_point(text):
    assert [q.quantity.value for q in find_quantities(text)] == [2 if "2人" in text else 3]


@pytest.mark.parametrize("text", ["1.2.3人", "3万2万人", "一部の人", "十分な人数", "千葉県", "万一の場合", "第5回大会"])
def test_not_a_quantity(text):
    assert all(q.quantity.unit != "人" or "人" not in text or q.quantity.value for q in find_quantities(text))
    if text in ("1.2.3人", "3万2万人", "一部の人", "十分な人数", "第5回大会"):
        assert find_quantities(text) == []


def _myriad(n: int) -> str:
    """42000 -> 4万2000, 124000000 -> 1億2400万"""
    out = ""
    for unit, size in (("兆", 10**12), ("億", 10**8), ("万", 10**4)):
        if n >= size:
            out += f"{n // size}{unit}"
            n %= size
    return out + (str(n) if n else "")


def _kanji(n: int) -> str:
    digits = "〇一二三四五六七八九"
    def small(x: int) -> str:
        s = ""
        for unit, size in (("千", 1000), ("百", 100), ("十", 10)):
            d, x = divmod(x, size)
            if d:
                s += ("" if d == 1 else digits[d]) + unit
        return s + (digits[x] if x else "")
    out = ""
    for unit, size in (("億", 10**8), ("万", 10**4)):
        if n >= size:
            out += small(n // size) + unit
            n %= size
    return out + small(n)


def _full(s: str) -> str:
    return s.translate(str.maketrans("0123456789,.", "０１２３４５６７８９，．"))


NOTATIONS = [str, lambda n: f"{n:,}", _myriad, lambda n: _full(_myriad(n)), lambda n: _full(f"{n:,}")]


@given(st.integers(min_value=1, max_value=10**13 - 1), st.sampled_from(range(len(NOTATIONS))),
       st.sampled_from(["人", "件", "円", "票"]), st.sampled_from(["", "約"]))
def test_every_notation_reads_back(n, k, unit, approx):
    written = NOTATIONS[k](n)
    text = f"会場には{approx}{written}{unit}が集まった。"
    qs = find_quantities(text)
    assert len(qs) == 1, (text, qs)
    assert qs[0].quantity.value == n
    assert text[qs[0].start:qs[0].end] == f"{approx}{written}{unit}"


@given(st.integers(min_value=11, max_value=10**12 - 1))
def test_kanji_reads_back(n):
    assert parse_number(_kanji(n)) == n


@given(st.text(alphabet="0123456789.,万億兆千百十一二三人件%〜~約超", max_size=20))
def test_no_input_crashes(text):
    find_quantities(text)  # a value that cannot be read is no claim, never an exception


@pytest.mark.parametrize("a,b,same", [
    (("約16分", 16, True), ("17分", 17, False), True),      # 約16 is good to its last digit
    (("約200棟", 200, True), ("約300棟", 300, True), False),  # round figures reach half a unit
    (("約1万5000人", 15000, True), ("1万5400人", 15400, False), True),
    (("50社以上", 50, False), ("約120社", 120, True), True),   # a bound agrees with what it bounds
])
def test_approximate_figures(a, b, same):
    from claims.models import Quantity
    from claims.values import quantities_agree

    qa = Quantity(value=a[1], unit="x", approx=a[2], bound="ge" if "以上" in a[0] else "eq")
    qb = Quantity(value=b[1], unit="x", approx=b[2], bound="ge" if "以上" in b[0] else "eq")
    assert quantities_agree(qa, qb) is same


def test_extract_reads_myriad_numbers_whole(tmp_path):
    """claimcheck extract, as a user runs it: 約4万2000人 is 42000 over its whole span."""
    import json

    from _runs import cli

    doc = tmp_path / "a.txt"
    doc.write_text("会場には約4万2000人が集まった。記録は1億2400万件にのぼる。\n", encoding="utf-8")
    r = cli("extract", str(doc))
    assert r.returncode == 0, r.stderr
    got = {c["quote"]: c["qualifiers"]["quantity"]["value"] for c in map(json.loads, r.stdout.splitlines())
           if c["kind"] == "quantity"}
    assert got == {"約4万2000人": 42000, "1億2400万件": 124000000}


def test_unreadable_values_are_no_crash(tmp_path):
    from _runs import cli

    (tmp_path / "a.txt").write_text("公開日:2025/02/30\n会場には1.2.3人が集まった。\n"
                                    "9999年12月31日に会議が開かれ、翌日に閉幕した。\n", encoding="utf-8")
    r = cli("report", str(tmp_path), "-o", str(tmp_path / "r.html"), "-q")
    assert r.returncode == 0, r.stderr


def test_the_figure_index_finds_every_figure_that_agrees():
    """checker.figures: the candidates of a figure include every figure of its group that agrees."""
    import random

    from checker.figures import FigureIndex
    from claims.models import Quantity
    from claims.values import quantities_agree

    rng = random.Random(7)
    figures = []
    for n in range(1500):
        value = rng.choice([rng.randint(-5, 5), rng.randint(0, 300), round(rng.uniform(0, 50), 1),
                            rng.choice([100, 200, 1000, 15000, 0])])
        bound = rng.choice(["eq"] * 6 + ["ge", "le", "range"])
        high = value + rng.randint(1, 50) if bound == "range" else None
        figures.append((n, rng.choice("ab"), Quantity(value=value, unit=rng.choice(["人", "%"]), bound=bound,
                                                      high=high, approx=rng.random() < 0.3)))
    index = FigureIndex(figures, lambda f: f[1], lambda f: f[2])
    for f in figures:
        found = {g[0] for g in index.candidates(f)}
        agree = {g[0] for g in figures if g[1] == f[1] and g[2].unit == f[2].unit and quantities_agree(g[2], f[2])}
        assert agree <= found, f
