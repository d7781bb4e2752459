"""Dates against office tenures (``checker/roles.py``): an uncertain date takes no side."""
from __future__ import annotations

import pytest

from checker.roles import _covers, _when
from claims.models import Claim, Qualifiers


def role(time: str | None, end: str | None = None, source: str = "doc") -> Claim:
    return Claim(id=f"{source}#1", source=source, kind="role", subject="林芳正", predicate="holds_office",
                 predicate_class="role", object="外相", qualifiers=Qualifiers(time=time, time_end=end, role="外相"),
                 quote="外務大臣の林芳正", start=0, end=8, line=1, sentence_start=0, sentence_end=8)


@pytest.mark.parametrize("start, end, partial, covered", [
    ("2023-12-14", "2024-10-01", "2023", False),     # begins late in that year
    ("2021-11-10", "2023-09-13", "2023", False),     # ends within that year
    ("2021-10-04", "2024-10-01", "2023", True),      # the whole year inside
    ("2023-05-01", "2023-05-31", "2023-05", True),
    ("2023-05-02", "2023-05-31", "2023-05", False),
    ("2024-01-01", "2024-02-29", "2024-02", True),   # a leap year's February
    ("2023-01-01", "9999-12-31", "2023", True),      # an open tenure
])
def test_a_tenure_covers_a_year_or_month_only_whole(start, end, partial, covered):
    assert _covers(start, end, partial) is covered


@pytest.mark.parametrize("time, overlaps", [
    ("2023", False),         # 「外務大臣の林芳正」 in a text dated only 2023: takes no side
    ("2023-12", False),      # the tenure begins on the 14th
    ("2024", False),
    ("2024-03", True),
    ("2023-12-20", True),    # a day inside the tenure
    ("2023-05-21", False),
])
def test_a_statement_against_a_tenure(time, overlaps):
    tenure = role("2023-12-14", "2024-10-01", source="facts")
    assert _when(role(time), tenure) is overlaps
    assert _when(tenure, role(time)) is overlaps


def test_the_holder_named_that_day_outweighs_agreement_from_after_the_office_changed_hands(tmp_path):
    """Two sources name 岸田文雄首相 on 2024年9月21日; a blog calls 石破茂 首相 that day.  Two other
    sources call 石破茂 首相 from 10月1日, when he took office: that agreement is ten days away and
    does not cover the 21st, so the blog's title is a role conflict; the sources of October are not."""
    from tests._runs import cli
    import json

    texts = {
        "a.txt": "2024年9月21日、岸田文雄首相は首相官邸で関係閣僚会議を開き、能登半島の豪雨被害への対応を指示した。",
        "b.txt": "【東京＝共同】2024年9月21日、岸田文雄首相は大雨特別警報を受けて人命救助を最優先にするよう指示した。",
        "c.txt": "2024年9月21日、石破茂首相は能登半島の豪雨を受けて関係省庁に人命救助を指示しました！",
        "d.txt": "2024年10月1日、石破茂首相は就任後初の記者会見で能登半島の復旧を急ぐ考えを示した。",
        "e.txt": "石破茂首相は2024年10月5日、能登半島の被災地を視察した。",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    js = tmp_path / "r.json"
    r = cli("report", str(tmp_path), "-o", str(tmp_path / "r.html"), "--json", str(js), "-q")
    assert r.returncode == 0, r.stderr
    roles = [f for f in json.loads(js.read_text(encoding="utf-8"))["findings"] if f["type"] == "role_conflict"]
    assert {f["source"] for f in roles} == {"c"}
    assert "石破茂首相" in roles[0]["evidence"][0]["quote"] and "岸田文雄" in roles[0]["message"]


def test_a_name_the_dictionary_knows_whatever_part_of_speech_the_parser_gives():
    """The parser tags マテウシュ・モラヴィエツキ as an adverb; the dictionary says 人名: a person holding 首相."""
    from claims.parse import Parser
    from claims.roles import find_people
    text = "同日、首都ワルシャワでマテウシュ・モラヴィエツキ首相と会談した。"
    people = find_people(text, Parser().parse_document([text])[0])
    assert [(p.name, p.role) for p in people] == [("マテウシュ・モラヴィエツキ", "首相")]


def test_a_former_title_with_no():
    """前の社長の内田誠さん: 前の is 前."""
    from claims.parse import Parser
    from claims.roles import find_people
    text = "前の社長の内田誠さんの時代には、経営統合の話もありました。"
    people = find_people(text, Parser().parse_document([text])[0])
    assert [(p.name, p.role, p.status) for p in people] == [("内田誠", "社長", "former")]
