"""Dates and durations in every notation Japanese text uses (claims/dates.py, claims/values.py):
a table of real-looking expressions with the values expected, and property tests that render
generated dates in each notation and read them back."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from claims.dates import ERA_DAYS, ERAS, WEEKDAYS, find_dates
from claims.values import find_quantities

PUB = "2025-08-20"  # the publication date the relative rows are read against

# text, publication date, nearest stated date, expected ISO dates
DATES = [
    # western, full-width, with the era in brackets
    ("2025年8月16日に発表した", None, None, ["2025-08-16"]),
    ("２０２５年８月１６日に発表した", None, None, ["2025-08-16"]),
    ("2024年（令和6年）1月2日に", None, None, ["2024-01-02"]),
    ("2011年3月11日午後2時46分、東北地方で", None, None, ["2011-03-11"]),
    ("1995年1月17日未明に発生した", None, None, ["1995-01-17"]),
    ("2023年5月19日から21日まで広島で", None, None, ["2023-05-19"]),
    ("2024年11月の大統領選", None, None, ["2024-11"]),
    ("2019年に始まった", None, None, ["2019"]),
    ("24年11月の選挙で", PUB, None, ["2024-11"]),
    ("99年3月に", PUB, None, ["1999-03"]),
    # ISO and slash
    ("2025-08-16に公開された", None, None, ["2025-08-16"]),
    ("公開日：2025-08-16", None, None, ["2025-08-16"]),
    ("更新 2024-12-01 10:30", None, None, ["2024-12-01"]),
    ("2025/8/16に発表", None, None, ["2025-08-16"]),
    ("2025/02/13の記事", None, None, ["2025-02-13"]),
    ("配信日: 2023/11/30", None, None, ["2023-11-30"]),
    ("2024-2-29に", None, None, ["2024-02-29"]),
    # dotted, full-width too
    ("2025.8.16に公開", None, None, ["2025-08-16"]),
    ("２０２５．８．１６に公開", None, None, ["2025-08-16"]),
    ("2025.08.16 10:30更新", None, None, ["2025-08-16"]),
    ("発行 2024.12.1。", None, None, ["2024-12-01"]),
    ("1.2.3人", None, None, []),
    ("バージョン2.10.3を公開", None, None, []),
    # era
    ("令和7年3月1日に施行", None, None, ["2025-03-01"]),
    ("平成31年4月30日に退位した", None, None, ["2019-04-30"]),
    ("令和元年5月1日に即位した", None, None, ["2019-05-01"]),
    ("平成元年に", None, None, ["1989"]),
    ("昭和64年1月7日", None, None, ["1989-01-07"]),
    ("昭和20年8月15日の終戦", None, None, ["1945-08-15"]),
    ("大正12年9月1日の関東大震災", None, None, ["1923-09-01"]),
    ("令和6年1月1日16時10分に発生", None, None, ["2024-01-01"]),
    ("令和5年度の予算", None, None, ["2023"]),
    ("平成7年1月17日", None, None, ["1995-01-17"]),
    ("平成31年度の予算", None, None, ["2019"]),
    ("平成32年度までに", None, None, ["2020"]),  # a fiscal year a plan named before the era ended
    ("昭和64年1月7日に崩御", None, None, ["1989-01-07"]),
    ("平成元年1月8日に改元", None, None, ["1989-01-08"]),
    # abbreviated era
    ("R7.3.1から施行", None, None, ["2025-03-01"]),
    ("R7年3月1日", None, None, ["2025-03-01"]),
    ("H31.4.30", None, None, ["2019-04-30"]),
    ("H31年4月30日まで", None, None, ["2019-04-30"]),
    ("S64.1.7", None, None, ["1989-01-07"]),
    ("Ｒ７．３．１", None, None, ["2025-03-01"]),
    ("R7/3/1付", None, None, []),
    ("R元.5.1", None, None, ["2019-05-01"]),
    ("令和7.3.1", None, None, ["2025-03-01"]),
    ("R6年度の決算", None, None, ["2024"]),
    ("H3ロケット", None, None, []),
    ("JR7.3km", None, None, []),
    # month-day and day, from the nearest stated date
    ("8月16日に会談した", PUB, None, ["2025-08-16"]),
    ("12月28日に", "2026-01-05", None, ["2025-12-28"]),
    ("2月18日、サウジアラビアで", "2025-03-21", None, ["2025-02-18"]),
    ("16日、ワシントンで", PUB, None, ["2025-08-16"]),
    ("28日に", "2025-03-02", None, ["2025-02-28"]),
    ("14〜16日にミュンヘンで", "2025-02-13", None, ["2025-02-14"]),
    ("同月3日に", PUB, "2025-07-30", ["2025-07-03"]),
    ("5日に会見した", PUB, "2025-06-10", ["2025-06-05"]),
    # with a weekday that fits
    ("2023年8月11日（金）に開幕", None, None, ["2023-08-11"]),
    ("2023年8月11日(金)に開幕", None, None, ["2023-08-11"]),
    ("2025年8月16日（土曜日）", None, None, ["2025-08-16"]),
    ("8月16日（土）の夜", PUB, None, ["2025-08-16"]),
    ("16日（土）に", PUB, None, ["2025-08-16"]),
    ("2025年8月18日月曜に", None, None, ["2025-08-18"]),
    ("28日（金）に", "2025-03-02", None, ["2025-02-28"]),
    ("31日（月）に", "2025-04-02", None, ["2025-03-31"]),
    ("1日（火）に", "2025-07-20", None, ["2025-07-01"]),
    ("12月28日（土）", "2025-06-01", None, ["2024-12-28"]),
    # with a time of day
    ("16日午前10時54分ごろ", PUB, None, ["2025-08-16"]),
    ("15日未明に", PUB, None, ["2025-08-15"]),
    ("8月16日夕方に", PUB, None, ["2025-08-16"]),
    ("17日夜、記者団に", PUB, None, ["2025-08-17"]),
    ("2025年8月16日午後3時半に", None, None, ["2025-08-16"]),
    ("18日正午に", PUB, None, ["2025-08-18"]),
    ("12日早朝", PUB, None, ["2025-08-12"]),
    # relative to the nearest date
    ("同日の電話協議で", "2025-02-12", None, ["2025-02-12"]),
    ("会談の前日、首脳が", "2025-02-18", None, ["2025-02-17"]),
    ("翌日に閉幕した", PUB, "2025-08-10", ["2025-08-11"]),
    ("3日後に再開された", PUB, "2025-08-10", ["2025-08-13"]),
    ("10日前に通告していた", PUB, "2025-08-10", ["2025-07-31"]),
    ("三日後に", PUB, "2025-08-10", ["2025-08-13"]),
    ("2日後には", PUB, None, ["2025-08-22"]),
    ("前年の大会で", PUB, "2023-05-01", ["2022"]),
    ("翌年に完成した", PUB, "2023-05-01", ["2024"]),
    ("翌月に", PUB, "2023-12-01", ["2024-01"]),
    ("翌月27日には", PUB, "2016-04-11", ["2016-05-27"]),
    # relative to the day of writing
    ("先月の会合で", PUB, None, ["2025-07"]),
    ("先月20日に", PUB, None, ["2025-07-20"]),
    ("今月15日に", PUB, None, ["2025-08-15"]),
    ("来月にも", PUB, None, ["2025-09"]),
    ("来月", "2025-12-01", None, ["2026-01"]),
    ("先月", "2025-01-10", None, ["2024-12"]),
    ("昨年の大会", PUB, None, ["2024"]),
    ("昨年3月に", PUB, None, ["2024-03"]),
    ("昨年12月24日", PUB, None, ["2024-12-24"]),
    ("今年に入って", PUB, None, ["2025"]),
    ("来年の選挙", PUB, None, ["2026"]),
    ("一昨年", PUB, None, ["2023"]),
    ("去年の秋", PUB, None, ["2024"]),
    ("昨年は", PUB, "2020-01-01", ["2024"]),  # 昨年 counts from the day of writing
    # not dates
    ("前年比5%増", PUB, None, []),
    ("今年度の予算", PUB, None, []),
    ("前年同期に比べ", PUB, None, []),
    ("1日1千人を超える", "2025-02-13", None, []),
    ("3日間の日程", PUB, None, []),
    ("5日以内に", PUB, None, []),
    ("7月5日付の書簡", PUB, None, []),
    ("14年ぶり", PUB, None, []),
    ("0120-12-34に電話", None, None, []),
    ("2日前後", PUB, "2025-08-10", []),
    # impossible: no date (and a note, checked below)
    ("2025年2月30日に", None, None, []),
    ("2025年13月に", None, None, []),
    ("2月30日に", PUB, None, []),
    ("2025/02/30", None, None, []),
    ("2025-02-30に", None, None, []),
    ("2023年8月11日（木）に", None, None, []),
    ("2023年2月29日", None, None, []),
    # an era date outside its era
    ("平成31年5月1日に", None, None, []),
    ("令和元年4月1日", None, None, []),
    ("昭和65年", None, None, []),
    ("平成元年1月7日", None, None, []),
    ("平成32年4月", None, None, []),
    ("H31.5.1", None, None, []),
    ("R1.4.30", None, None, []),
    ("大正16年", None, None, []),
    # one moment on two clocks: one date, the local day (its other clock's day is checked below)
    ("15日午前（日本時間16日未明）に会談した", PUB, None, ["2025-08-15"]),
    ("21日（日本時間22日）、決勝が行われた", PUB, None, ["2025-08-21"]),
    ("2023年3月21日(日本時間3月22日)に", None, None, ["2023-03-21"]),
    ("現地時間29日（日本時間30日未明）、", PUB, None, ["2025-07-29"]),
    ("日本時間16日（現地時間15日）に", PUB, None, ["2025-08-15"]),
    ("31日（日本時間1日）に", "2025-08-02", None, ["2025-07-31"]),
    ("10日（日本時間同日深夜）", PUB, None, ["2025-08-10"]),
    ("28日午後0時50分（日本時間同3時20分）ごろ", "2025-07-30", None, ["2025-07-28"]),
    ("15日(日本時間)、本拠地で", PUB, None, ["2025-08-15"]),
]

# text, publication date, (local day, the other clock's day)
CLOCKS = [
    ("15日午前（日本時間16日未明）に会談した", PUB, ("2025-08-15", "2025-08-16")),
    ("21日（日本時間22日）、決勝が行われた", PUB, ("2025-08-21", "2025-08-22")),
    ("21日(日本時間22日)", PUB, ("2025-08-21", "2025-08-22")),
    ("2023年3月21日（日本時間22日）", None, ("2023-03-21", "2023-03-22")),
    ("2023年3月21日(日本時間3月22日)に", None, ("2023-03-21", "2023-03-22")),
    ("現地時間2023年3月21日（日本時間2023年3月22日）に", None, ("2023-03-21", "2023-03-22")),
    ("6日午後（日本時間7日早朝）、首都で", PUB, ("2025-08-06", "2025-08-07")),
    ("4日午後10時（日本時間5日午前6時）、", PUB, ("2025-08-04", "2025-08-05")),
    ("31日（日本時間1日）に", "2025-08-02", ("2025-07-31", "2025-08-01")),
    ("12月31日（日本時間1月1日）に", "2026-01-03", ("2025-12-31", "2026-01-01")),
    ("日本時間16日（現地時間15日）に", PUB, ("2025-08-15", "2025-08-16")),
    ("13日（米東部時間12日）", PUB, ("2025-08-12", "2025-08-13")),
    ("10日（日本時間10日深夜から11日未明）に", PUB, ("2025-08-10", "2025-08-10/2025-08-11")),
    ("10日（日本時間同日深夜）", PUB, ("2025-08-10", None)),
    ("3日午前8時58分(現地時間午前7時58分)ごろ", PUB, ("2025-08-03", None)),
    ("21日（日本時間25日）", PUB, ("2025-08-21", None)),  # days apart: not the same moment
]


@pytest.mark.parametrize("text,ref,expected", CLOCKS, ids=[c[0] for c in CLOCKS])
def test_two_clocks_are_one_date(text, ref, expected):
    got = find_dates(text, ref)
    assert (got[0].iso, got[0].alt) == expected
    assert len(got) == 1


@pytest.mark.parametrize("text,ref,last,expected", DATES, ids=[d[0] for d in DATES])
def test_date_table(text, ref, last, expected):
    assert [d.iso for d in find_dates(text, ref, last)] == expected


@pytest.mark.parametrize("text", ["2025年2月30日に", "2025年13月に", "2月30日に", "2025/02/30", "2025-02-30に",
                                  "2023年8月11日（木）に", "9999年12月31日の3日後", "2025.2.30に", "R7.2.30",
                                  "平成31年5月1日に", "令和元年4月1日", "昭和65年", "H31.5.1", "R1.4.30"])
def test_impossible_dates_are_notes(text):
    notes: list[str] = []
    find_dates(text, PUB, "9999-12-31" if "9999" in text else None, notes)
    assert len(notes) == 1 and "not read as a date" in notes[0]


@pytest.mark.parametrize("text,why", [("平成31年5月1日に", "平成 ended on 2019-04-30"),
                                      ("令和元年4月1日", "令和 began on 2019-05-01"),
                                      ("昭和65年", "昭和 ended on 1989-01-07")])
def test_a_date_outside_its_era_says_why(text, why):
    notes: list[str] = []
    assert find_dates(text, None, None, notes) == []
    assert notes == [f"「{text.rstrip('に')}」: {why}; not read as a date"]


def test_time_of_day_is_part_of_the_date_not_a_quantity():
    text = "16日午前10時54分ごろ、震度5強を観測した"
    (d,) = find_dates(text, PUB)
    assert (d.iso, d.text, text[slice(*d.span)], d.time) == ("2025-08-16", "16日", "16日午前10時54分ごろ", "午前10時54分ごろ")
    assert not [q for q in find_quantities(text) if q.quantity.unit in ("分", "日")]


def test_dates_from_words_are_no_anchor_and_a_bare_year_is_vague():
    (d,) = find_dates("北米では昨年12月1日に封切られた", "2024-03-11")
    assert (d.iso, d.anchor, d.vague) == ("2023-12-01", False, False)  # the days after it are not of 2023年12月
    (d,) = find_dates("前年に続く優勝", PUB, "2023-10-01")
    assert (d.iso, d.vague) == ("2022", True)
    (d,) = find_dates("翌月27日には", PUB, "2016-04-11")
    assert (d.iso, d.vague) == ("2016-05-27", False)  # a day of its own: a sentence's time
    assert find_dates("事故から6日後に見つかった", PUB, "2022-04-23") == []  # counted from an event, not a date


def test_ranges_of_days():
    (d,) = find_dates("広島市で19日から21日まで開かれた", "2023-05-22")
    assert (d.iso, d.end_iso) == ("2023-05-19", "2023-05-21")


# text, value, unit, approx, bound
DURATIONS = [
    ("会談は2時間45分に及んだ", 165, "分", False, "eq"),
    ("1時間半にわたり", 90, "分", False, "eq"),
    ("約3時間に及んだ", 180, "分", True, "eq"),
    ("およそ1時間半の会談", 90, "分", True, "eq"),
    ("12分間の演説", 12, "分", False, "eq"),
    ("約40分間滞在した", 40, "分", True, "eq"),
    ("4分35秒の映像", 4 + 35 / 60, "分", False, "eq"),
    ("10時間41分25秒", 641 + 25 / 60, "分", False, "eq"),
    ("3日間の日程", 3, "日", False, "eq"),
    ("184日間の会期", 184, "日", False, "eq"),
    ("2週間の滞在", 14, "日", False, "eq"),
    ("3カ月の交渉", 3, "月", False, "eq"),
    ("6か月間", 6, "月", False, "eq"),
    ("半年ぶりに再開", 0.5, "年", False, "eq"),
    ("約半年間の任期", 0.5, "年", True, "eq"),
    ("半年以上続いた", 0.5, "年", False, "ge"),
    ("1年あまりの交渉", 1, "年", False, "ge"),
    ("1年余りにわたり", 1, "年", False, "ge"),
    ("約33年の歴史", 33, "年", True, "eq"),
    ("2年2カ月に及ぶ", 2 + 2 / 12, "年", False, "eq"),
    ("1年半の準備", 1.5, "年", False, "eq"),
    ("8年以上前から", 8, "年", False, "ge"),
    ("47年7か月", 47 + 7 / 12, "年", False, "eq"),
    ("17年ぶりの利上げ", 17, "年", False, "eq"),
    ("任期は4年間", 4, "年", False, "eq"),
    ("24時間以内に", 1440, "分", False, "le"),
    ("30分以内", 30, "分", False, "le"),
    ("1時間足らずで", 60, "分", True, "le"),
    ("5年近く", 5, "年", True, "le"),
    ("10年前後", 10, "年", True, "eq"),
]

# text, value, unit, bound: numbers, bounds and ranges in sentences as reporters write them
NUMBERS = [
    ("約4万2000人が参加", 42000, "人", "eq"),
    ("1億2400万件", 124_000_000, "件", "eq"),
    ("2557万8986人", 25_578_986, "人", "eq"),
    ("約1万5000人の観衆", 15000, "人", "eq"),
    ("死者は6434人に", 6434, "人", "eq"),
    ("負傷者4万3792人", 43792, "人", "eq"),
    ("全壊10万4906棟", 104906, "棟", "eq"),
    ("１万２千人", 12000, "人", "eq"),
    ("三百人", 300, "人", "eq"),
    ("五千万円", 50_000_000, "円", "eq"),
    ("2兆5000億円", 2_500_000_000_000, "円", "eq"),
    ("8兆円規模", 8_000_000_000_000, "円", "eq"),
    ("3.5%", 3.5, "%", "eq"),
    ("3割", 30, "%", "eq"),
    ("0.25ポイント", 0.25, "pt", "eq"),
    ("2.5倍", 2.5, "倍", "eq"),
    ("3分の2", 66.6667, "%", "eq"),
    ("5~6人", 5, "人", "range"),
    ("20〜30代", None, None, None),
    ("100万〜200万円", 1_000_000, "円", "range"),
    ("3000人以上", 3000, "人", "ge"),
    ("1万人超", 10000, "人", "ge"),
    ("200人余り", 200, "人", "ge"),
    ("18歳未満", 18, "歳", "le"),
    ("500人以下", 500, "人", "le"),
    ("100人近く", 100, "人", "le"),
    ("30人足らず", 30, "人", "le"),
    ("50人前後", 50, "人", "eq"),
    ("1000人程度", 1000, "人", "eq"),
    ("4割強", 40, "%", "eq"),
    ("およそ300人", 300, "人", "eq"),
    ("少なくとも12人", 12, "人", "eq"),
    ("最大20メートル", 20, "m", "eq"),
    ("232票", 232, "票", "eq"),
    ("465議席", 465, "議席", "eq"),
    ("F35戦闘機12機", 12, "機", "eq"),
    ("乳牛120頭", 120, "頭", "eq"),
    ("署名5000枚", 5000, "枚", "eq"),
    ("被害は23件", 23, "件", "eq"),
    ("3回目", 3, "回目", "eq"),
]


@pytest.mark.parametrize("text,value,unit,approx,bound", DURATIONS, ids=[d[0] for d in DURATIONS])
def test_duration_table(text, value, unit, approx, bound):
    qs = find_quantities(text)
    assert qs, text
    q = qs[0].quantity
    assert (q.value, q.unit, q.approx, q.bound) == (pytest.approx(value, abs=1e-3), unit, approx, bound)
    assert text[qs[0].start:qs[0].end] == q.text


@pytest.mark.parametrize("text,value,unit,bound", NUMBERS, ids=[n[0] for n in NUMBERS])
def test_number_table(text, value, unit, bound):
    qs = find_quantities(text)
    if value is None:
        assert qs == [] or all(q.quantity.unit != "人" for q in qs)
        return
    q = qs[0].quantity
    assert (q.value, q.unit, q.bound) == (pytest.approx(value, abs=1e-3), unit, bound)


def test_table_size():
    assert len(DATES) + len(DURATIONS) + len(NUMBERS) >= 150


# --- properties -------------------------------------------------------------------------------

def _era(d: dt.date) -> str | None:
    for name, base in sorted(ERAS.items(), key=lambda e: -e[1]):
        if d.year > base:
            y = d.year - base
            return f"{name}{'元' if y == 1 else y}年{d.month}月{d.day}日"
    return None


def _full(s: str) -> str:
    return s.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))


NOTATIONS = {
    "western": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "zero-padded": lambda d: f"{d.year}年{d.month:02d}月{d.day:02d}日",
    "full-width": lambda d: _full(f"{d.year}年{d.month}月{d.day}日"),
    "iso": lambda d: d.isoformat(),
    "slash": lambda d: f"{d.year}/{d.month}/{d.day}",
    "dotted": lambda d: f"{d.year}.{d.month}.{d.day}",
    "dotted-padded": lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",
    "dotted-full-width": lambda d: _full(f"{d.year}.{d.month}.{d.day}"),
    "weekday": lambda d: f"{d.year}年{d.month}月{d.day}日（{WEEKDAYS[d.weekday()]}）",
    "weekday-word": lambda d: f"{d.year}年{d.month}月{d.day}日{WEEKDAYS[d.weekday()]}曜日",
    "time": lambda d: f"{d.year}年{d.month}月{d.day}日午前10時54分",
    "weekday-time": lambda d: f"{d.year}年{d.month}月{d.day}日（{WEEKDAYS[d.weekday()]}）未明",
    "month-day": lambda d: f"{d.month}月{d.day}日",
    "month-day-evening": lambda d: f"{d.month}月{d.day}日夕方",
}

DATES_ST = st.dates(min_value=dt.date(1927, 1, 1), max_value=dt.date(2099, 12, 31))


@given(DATES_ST, st.sampled_from(sorted(NOTATIONS)), st.sampled_from(["", "政府は", "会議は"]))
def test_every_date_notation_reads_back(d, notation, before):
    written = NOTATIONS[notation](d)
    text = f"{before}{written}に発表した。"
    ref = d.isoformat() if notation.startswith("month-day") else None  # a month-day takes its year from the page
    got = find_dates(text, ref)
    assert len(got) == 1, (text, got)
    assert got[0].iso == d.isoformat()
    assert text[slice(*got[0].span)] == written


@given(st.dates(min_value=dt.date(1927, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_era_dates_read_back(d):
    written = _era(d)
    if d < dt.date(1989, 1, 8) and written.startswith("平成") or d < dt.date(2019, 5, 1) and written.startswith("令和"):
        return  # the days an era's first year shares with the last of the one before
    (got,) = find_dates(f"{written}に", None)
    assert got.iso == d.isoformat() and got.text == written


@given(DATES_ST, st.integers(min_value=1, max_value=6))
def test_a_wrong_weekday_is_no_date_and_a_note(d, shift):
    wrong = WEEKDAYS[(d.weekday() + shift) % 7]
    notes: list[str] = []
    assert find_dates(f"{d.year}年{d.month}月{d.day}日（{wrong}）に", None, None, notes) == []
    assert len(notes) == 1


@given(DATES_ST, st.integers(min_value=1, max_value=60), st.sampled_from(["後", "前"]))
def test_days_away_read_from_the_nearest_date(d, n, direction):
    (got,) = find_dates(f"その{n}日{direction}に", None, d.isoformat())
    assert got.iso == (d + dt.timedelta(days=n if direction == "後" else -n)).isoformat()


IMPOSSIBLE = st.one_of(
    st.tuples(st.integers(1000, 2999), st.just(2), st.integers(30, 31)),
    st.tuples(st.integers(1000, 2999), st.sampled_from([4, 6, 9, 11]), st.just(31)),
    st.tuples(st.integers(1000, 2999), st.integers(13, 99), st.integers(1, 28)),
    st.tuples(st.integers(1000, 2999), st.integers(1, 12), st.integers(32, 99)),
    st.tuples(st.integers(1000, 2999), st.just(0), st.integers(1, 28)),
)


@given(IMPOSSIBLE, st.sampled_from(["{y}年{m}月{d}日", "{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{m}月{d}日"]))
def test_impossible_dates_give_no_date_and_no_exception(ymd, fmt):
    y, m, d = ymd
    text = "会議は" + fmt.format(y=y, m=m, d=d) + "に開かれた。"
    assert [v for v in find_dates(text, "2025-08-20") if len(v.iso) == 10] == []


@given(st.text(alphabet="0123456789-/.．年月日（）()金土午前後時分同翌前昨今来先令和平成元RHSＲ本現地間", max_size=24),
       st.sampled_from([None, "2025-08-20", "9999-12-31", "0001-01-01", "2025"]))
def test_no_input_crashes(text, ref):
    find_dates(text, ref, None, [])


@pytest.mark.parametrize("text,ref", [("1日（日本時間1日）", "0001-01-01"), ("31日（日本時間1日）", "9999-12-31"),
                                      ("9999年12月31日（日本時間1日）", None), ("1日（現地時間31日）", "0001-01-01"),
                                      ("31日（日本時間翌日）", "9999-12-31"), ("0001年1月1日（日本時間前日）", None)])
def test_two_clocks_at_the_ends_of_the_calendar(text, ref):
    (got,) = find_dates(text, ref, None, [])
    assert got.alt is None


def test_extraction_notes_the_dates_it_could_not_read():
    """A date that cannot be is no claim and a note in the extraction's ``skipped``, with its line."""
    import hashlib

    from claims.extract import extract_documents
    from claims.models import Document
    from claims.parse import Parser

    text = "政府は2023年8月11日（木）に会見した。\n委員会は2月30日に開かれた。\n首相は2023年8月11日（金）、記者団に「視察する」と述べた。\n"
    doc = Document(id="d", path="-", published="2023-08-20", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    (ex,), _ = extract_documents([doc], Parser())
    assert len(ex.skipped) == 2
    assert ex.skipped[0].startswith("d:1: 「2023年8月11日（木）」") and ex.skipped[1].startswith("d:2: 「2月30日」")
    assert [c.qualifiers.time for c in ex.claims if c.kind == "statement"] == ["2023-08-11"]
    assert [s.value for s in ex.slots if s.slot == "date"] == ["2023-08-11"]


def test_unreadable_dates_do_not_stop_a_report(tmp_path):
    """claimcheck as a user runs it: dates that cannot be are notes, and the run still succeeds."""
    from _runs import cli

    (tmp_path / "a.txt").write_text(
        "公開日:2025-02-30\n政府は2023年8月11日（木）に会見した。委員会は13月5日に開かれた。\n"
        "9999年12月31日に会議が開かれ、その3日後に閉幕した。翌年にも開かれた。\n"
        "来月15日と先月31日、0000-01-01にも予定がある。\n", encoding="utf-8")
    r = cli("report", str(tmp_path), "-o", str(tmp_path / "r.html"), "-q")
    assert r.returncode == 0, r.stderr


# --- eras, abbreviated and out of range ---------------------------------------------------------

LETTERS = {"令和": "R", "平成": "H", "昭和": "S", "大正": "T"}


def _in_era(d: dt.date) -> tuple[str, int] | None:
    """The era a date falls in and its year of that era (the later era on the day they share)."""
    for name, (first, last) in ERA_DAYS.items():
        if first <= d <= last:
            return name, d.year - ERAS[name]
    return None


ABBREVIATED = {
    "letter-dotted": lambda e, y, d: f"{LETTERS[e]}{y}.{d.month}.{d.day}",
    "letter-padded": lambda e, y, d: f"{LETTERS[e]}{y:02d}.{d.month:02d}.{d.day:02d}",
    "letter-slash": lambda e, y, d: f"{LETTERS[e]}{y}/{d.month}/{d.day}",
    "letter-kanji": lambda e, y, d: f"{LETTERS[e]}{y}年{d.month}月{d.day}日",
    "era-dotted": lambda e, y, d: f"{e}{y}.{d.month}.{d.day}",
    "letter-full-width": lambda e, y, d: "ＲＨＳＴ"["RHST".index(LETTERS[e])] + _full(f"{y}.{d.month}.{d.day}"),
}


@given(st.dates(min_value=dt.date(1912, 7, 30), max_value=dt.date(2099, 12, 31)), st.sampled_from(sorted(ABBREVIATED)))
def test_abbreviated_era_dates_read_back(d, notation):
    era, y = _in_era(d)
    written = ABBREVIATED[notation](era, y, d)
    text = f"施行日は{written}とする。"
    (got,) = find_dates(text, None)
    assert got.iso == d.isoformat() and text[slice(*got.span)] == written


@given(st.dates(min_value=dt.date(1912, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from(sorted(ERAS)),
       st.sampled_from(["{e}{y}年{m}月{d}日", "{e}{y}年{m}月", "{L}{y}.{m}.{d}", "{L}{y}年{m}月{d}日"]))
def test_an_era_date_outside_its_era_is_no_date_and_a_note(d, era, fmt):
    """平成31年5月1日, 令和元年4月1日, H31.5.1: an era's numbering past its end or before its start."""
    first, last = ERA_DAYS[era]
    y = d.year - ERAS[era]
    whole_month = "{d}" not in fmt
    lo = d.replace(day=1) if whole_month else d
    hi = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1) if whole_month else d
    if not 1 <= y <= 99 or first <= hi and lo <= last:
        return  # inside its era, or no era year at all (0, 100)
    written = fmt.format(e=era, L=LETTERS[era], y="元" if y == 1 else y, m=d.month, d=d.day)
    notes: list[str] = []
    assert find_dates(f"{written}に開かれた。", None, None, notes) == []
    assert len(notes) == 1 and era in notes[0] and ("ended" in notes[0] or "began" in notes[0])


# --- one moment on two clocks --------------------------------------------------------------------

CLOCK_FORMS = {
    "day": lambda d, j: (f"{d.day}日午前（日本時間{j.day}日未明）", True),
    "day-plain": lambda d, j: (f"{d.day}日(日本時間{j.day}日)", True),
    "month-day": lambda d, j: (f"{d.month}月{d.day}日（日本時間{j.month}月{j.day}日）", True),
    "full": lambda d, j: (f"{d.year}年{d.month}月{d.day}日（日本時間{j.day}日）", False),
    "full-both": lambda d, j: (f"{d.year}年{d.month}月{d.day}日（日本時間{j.year}年{j.month}月{j.day}日）", False),
    "japan-first": lambda d, j: (f"日本時間{j.day}日夜（現地時間{d.day}日午前）", True),
}


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)), st.sampled_from([0, 1]),
       st.sampled_from(sorted(CLOCK_FORMS)))
def test_one_moment_on_two_clocks_is_one_date(d, ahead, form):
    """The local day and, as ``alt``, Japan's (the same day, or the next): never two dates, never a span."""
    japan = d + dt.timedelta(days=ahead)
    written, needs_ref = CLOCK_FORMS[form](d, japan)
    text = f"首脳は{written}、会談した。"
    outer = japan if form == "japan-first" else d  # a day without its month is read from the page's date
    got = find_dates(text, outer.isoformat() if needs_ref else None)
    assert len(got) == 1, (text, got)
    assert (got[0].iso, got[0].alt, got[0].end_iso) == (d.isoformat(), japan.isoformat() if ahead else None, None)
    assert text[slice(*got[0].span)] == written.removeprefix("日本時間")  # the span covers both clocks


# --- two clocks compared across documents ----------------------------------------------------------

def _date_slot(value: str, alt: str | None = None):
    from claims.models import Slot

    return Slot(source="x", slot="date", head="開く", args=("決勝",), value=value, alt=alt, quote=value,
                start=0, end=1, line=1)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)), st.integers(-3, 3),
       st.booleans())
def test_a_date_on_two_clocks_agrees_with_either_day(d, k, yearless):
    """15日（日本時間16日） agrees with a source that gives 16日 and with one that gives 15日, no other."""
    from checker.align import agree

    def iso(x: dt.date) -> str:
        return "****" + x.isoformat()[4:] if yearless else x.isoformat()

    local, japan, other = d, d + dt.timedelta(days=1), d + dt.timedelta(days=k)
    both = _date_slot(iso(local), iso(japan))
    assert agree(both, _date_slot(iso(other))) == agree(_date_slot(iso(other)), both) == (k in (0, 1))


@pytest.mark.slow
def test_events_on_two_clocks_are_one_day(tmp_path):
    """An event dated on the local clock with Japan's day in brackets agrees with sources that give
    Japan's day: no date conflict, and one agreement of all three."""
    from checker.pipeline import run

    texts = {
        "a": "山川一郎首相は2031年5月13日午前（日本時間14日未明）、訪問先で海野次郎大統領と会談した。",
        "b": "山川一郎首相と海野次郎大統領は2031年5月14日、会談した。",
        "c": "山川一郎首相は2031年5月14日、海野次郎大統領と会談した。",
    }
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    rep = run([tmp_path])
    assert not [f for f in rep.findings if f.type == "date_conflict"]
    days = [a for a in rep.agreements if a.predicate == "日付"]
    assert days and days[0].sources == ["a", "b", "c"] and days[0].object == "2031-05-14"
    (c,) = [c for c in rep.raw_claims if c.source == "a" and c.kind == "event"]
    assert (c.qualifiers.time, c.qualifiers.time_alt, c.qualifiers.time_end) == ("2031-05-13", "2031-05-14", None)


# --- table cells ---------------------------------------------------------------------------------

_PARSER = []


def _extract(text: str, published: str | None = "2023-08-20"):
    import hashlib

    from claims.extract import extract_documents
    from claims.models import Document
    from claims.parse import Parser

    if not _PARSER:
        _PARSER.append(Parser())
    doc = Document(id="d", path="-", published=published, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    (ex,), _ = extract_documents([doc], _PARSER[0])
    return ex


def test_table_cells_note_the_dates_they_could_not_read():
    """Every table cell is checked once: a row's cells, its header, cells past the header, and the
    rows of a table without a header line."""
    text = ("| 項目 | 2023年2月30日 |\n|---|---|\n| 開幕 | 2023年4月31日 | 平成31年5月1日 |\n| 閉幕 | 2023年8月11日（木） |\n"
            "\n| 予備日 | 2023年6月31日 |\n| 最終日 | 2023年8月12日 |\n")
    ex = _extract(text)
    assert [n.split(": 「")[0] + " " + n.split("「")[1].split("」")[0] for n in ex.skipped] == [
        "d:1 2023年2月30日", "d:3 2023年4月31日", "d:3 平成31年5月1日", "d:4 2023年8月11日（木）", "d:6 2023年6月31日"]


@given(st.lists(st.sampled_from(["2023年2月30日", "2023年4月31日", "令和元年4月1日", "2023/13/1", "2023.2.29"]),
                min_size=1, max_size=3),
       st.integers(0, 3), st.booleans())
def test_every_table_cell_is_checked_once(bad, column, header_line):
    """Where a cell sits (header, body, past the header, a table without a header line) does not
    decide whether its impossible date is noted: each is noted once, on its own line."""
    from claims.segment import split

    cells = ["名称", "2023年8月12日", "備考"]
    rows = [list(cells) for _ in bad]
    for row, b in zip(rows, bad):
        row.insert(min(column, len(row)), b)
    lines = ["| 項目 | 日付 |", "|---|---|"] if header_line else []
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    text = "\n".join(lines) + "\n"
    page = split(text)
    seen = [c for s in page.sentences if s.table for c in s.table.cells[:len(s.table.header)]]
    seen += [c for _, c in page.cells]
    # a row of a table without a header line is read as a sentence (名称は2023年8月12日、備考)
    read = "".join(s.text for s in page.sentences if s.table is None)
    seen += [c for r in rows for c in r if not header_line and c in read]
    want = [c for r in rows for c in r] + (["項目", "日付"] if header_line else [])
    assert sorted(seen) == sorted(want)
    assert all(text[a:a + len(c)] == c for a, c in page.cells)


BAD_CELLS = ["2023年2月30日", "2023年4月31日", "令和元年4月1日", "平成31年5月1日", "2023/13/1", "2023.2.29", "R5.2.29"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(BAD_CELLS), min_size=1, max_size=3, unique=True), st.integers(0, 3), st.booleans())
def test_an_impossible_date_in_any_table_cell_is_a_note(bad, column, header_line):
    """The extraction's ``skipped`` has one note for each impossible date, wherever its cell sits."""
    rows = [["行事", "2023年8月12日", "備考"] for _ in bad]
    for k, (row, b) in enumerate(zip(rows, bad)):
        row[0] = f"行事{k}"  # rows differ: a repeated row says nothing new and is read once
        row.insert(min(column, len(row)), b)
    lines = ["| 項目 | 日付 |", "|---|---|"] if header_line else []
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    ex = _extract("\n".join(lines) + "\n")
    first = 3 if header_line else 1
    assert [n.split(": ", 1)[0] for n in ex.skipped] == [f"d:{first + k}" for k in range(len(bad))]
    assert [n.split("「")[1].split("」")[0] for n in ex.skipped] == bad


def test_dotted_and_abbreviated_era_dates_are_exact_date_slots():
    """2025.8.16 and R7.3.1 are dates with their year and month: compared like 2025年8月16日."""
    ex = _extract("会議は2025.8.16に開かれた。\n改正法はR7.3.1に施行された。\n式典は２０２４．１２．１に開かれた。\n")
    assert [(s.value, s.exact) for s in ex.slots if s.slot == "date"] == [
        ("2025-08-16", True), ("2025-03-01", True), ("2024-12-01", True)]


def test_a_figure_on_a_day_given_on_two_clocks_is_of_either_day():
    """A figure of 21日（日本時間22日） and one of 22日 are of the same occasion; one of 23日 is not."""
    from checker.align import occasion_apart
    from claims.models import Quantity, Slot

    def figure(time: str, alt: str | None = None) -> Slot:
        return Slot(source="x", slot="quantity", head="", args=("観客",), value="4万人", time=time, alt=alt,
                    quantity=Quantity(value=40000, unit="人"), quote="4万人", start=0, end=1, line=1)

    both = figure("2031-05-21", "2031-05-22")
    assert not occasion_apart(both, figure("2031-05-22")) and not occasion_apart(figure("2031-05-21"), both)
    assert occasion_apart(both, figure("2031-05-23"))


def test_numbered_occasions_are_told_apart():
    """3号機 and 2号機, 第4回 and 第5回 are two launches, two flights: their dates never conflict."""
    from checker.common import ordinals, other_ordinal
    assert ordinals("2024年7月1日、3号機によって打ち上げた") == {"号機": {3}}
    assert ordinals("初号機が打ち上げに失敗した") == {"号機": {1}}
    assert other_ordinal("3号機を打ち上げ", "2号機を打ち上げた")
    assert other_ordinal("第4回飛行試験で", "第5回飛行試験は")
    assert not other_ordinal("第4回飛行試験", "4回目の飛行試験")
    assert not other_ordinal("3号機を打ち上げ", "打ち上げは成功した")  # nothing on the other side
