"""What the page shows of quotes (``reports/quotes.py``), as tables of Japanese quotes, and the same
rules seen in the report of the bundled examples written by the CLI."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from _runs import EXAMPLES, report
from checker.records import Agreement, Evidence, Finding
from reports.quotes import counted, distinct, plain_markdown, shown_agreements, sides, thin

TEXT = "林芳正官房長官は22日の記者会見で「被爆の実相に触れてもらった」と述べた。"


def ev(source: str, quote: str, text: str = TEXT, line: int = 1) -> Evidence:
    start = text.index(quote)
    return Evidence(source=source, quote=quote, start=start, end=start + len(quote), line=line)


def test_a_span_inside_a_longer_one_of_the_same_source_is_shown_once():
    name, whole = ev("blog", "林芳正官房長官"), ev("blog", "林芳正官房長官は22日の記者会見で「被爆の実相に触れてもらった」と述べ")
    assert distinct([name, whole, whole]) == [whole]
    assert distinct([whole, name]) == [whole]
    other = ev("news", "林芳正官房長官")
    assert distinct([name, other]) == [name, other]  # another source's quote is another quote


def test_the_other_side_holds_only_other_sources():
    f = Finding(type="misattribution", severity="error", source="blog", message="…",
                evidence=[ev("blog", "林芳正官房長官")],
                contradicted_by=[ev("blog", "22日の記者会見"), ev("news", "官房長官"), ev("blog", "林芳正官房長官")])
    flagged, against, support = sides(f)
    assert [e.quote for e in flagged] == ["林芳正官房長官"]
    assert [(e.source, e.quote) for e in against] == [("news", "官房長官")]
    assert support == []


def test_a_contradiction_inside_one_document_keeps_both_of_its_sides():
    text = "参加者は30人だった。のちに参加者は10人と発表された。"
    f = Finding(type="internal_contradiction", severity="error", source="doc", message="…",
                evidence=[ev("doc", "参加者は30人", text)], contradicted_by=[ev("doc", "参加者は10人", text)])
    _, against, _ = sides(f)
    assert [e.quote for e in against] == ["参加者は10人"]


def agreement(obj: str, *quotes: tuple[str, str]) -> Agreement:
    evidence = [Evidence(source=s, quote=q, start=0, end=len(q), line=1) for s, q in quotes]
    return Agreement(subject="サミット", predicate="日付", object=obj, sources=sorted({s for s, _ in quotes}),
                     evidence=evidence)


@pytest.mark.parametrize("quote, obj, is_thin", [
    ("サミット", "2023-05-19", True),                      # one word, and no date
    ("広島サミット", "2023-05-19", True),                  # no date in it
    ("広島サミットは2023年5月19日から21日まで", "2023-05-19", False),
    ("岸田首相", "首相", False),                           # a role: the office is in the quote
    ("約40分間", "40分", False),
    ("厳島神社を訪れ", "厳島神社", False),
    ("会談", "", True),                                    # a bare word
    ("ゼレンスキー大統領", "ウクライナ大統領", False),
])
def test_thin_evidence(quote, obj, is_thin):
    assert thin(quote, agreement(obj, ("a", quote))) is is_thin


def test_an_agreement_two_sources_do_not_show_is_not_listed():
    weak = agreement("2023-05-19", ("wire", "サミット"), ("blog", "広島サミットは2023年5月19日から"))
    strong = agreement("2023-05-19", ("wire", "サミット"), ("wire", "サミットは19日に開幕"),
                       ("blog", "広島サミットは2023年5月19日から"))
    shown = shown_agreements([weak, strong])
    assert [(srcs, [e.quote for e in evs]) for _, srcs, evs in shown] == [
        (["blog", "wire"], ["サミットは19日に開幕", "広島サミットは2023年5月19日から"])]


def test_markdown_emphasis_is_not_shown():
    assert plain_markdown("**G7広島サミット**(ジーセブンひろしまサミット)は") == "G7広島サミット(ジーセブンひろしまサミット)は"
    assert plain_markdown("__注__と`code`") == "注とcode"
    assert plain_markdown("3*4=12") == "3*4=12"


@pytest.fixture(scope="module")
def examples_page():
    data, html, _ = report(EXAMPLES)
    return data, BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def test_each_quote_once_per_finding_and_no_own_quote_on_the_other_side(examples_page):
    _, soup = examples_page
    for art in soup.select("article.finding"):
        captions = [(fig.find_parent("div", class_="side")["class"][1], fig.figcaption.a.get_text())
                    for fig in art.select("figure.quote")]
        assert len(captions) == len(set(captions)), captions
        source = art["data-source"]
        if art["data-type"] != "internal_contradiction":
            other = art.select("div.side.other figcaption a")
            assert not any(a.get_text().startswith(source + ",") for a in other)


def test_agreements_show_no_markdown_and_no_bare_word(examples_page):
    _, soup = examples_page
    section = soup.find(id="agreements")
    assert "**" not in section.get_text()
    for row in section.select("tbody tr"):
        quotes = [li.get_text(" ", strip=True).split(" ", 3)[-1] for li in row.select("ul.said li")
                  if not li.get("class")]
        assert len(quotes) >= 2
        assert "サミット" not in quotes


def test_claim_counts_agree_everywhere(examples_page):
    data, soup = examples_page
    summary = soup.select_one("p.summary").get_text(" ", strip=True)
    total = int(re.search(r"(\d+) claims", summary).group(1))
    assert total == len(data["claims"]) == sum(s["counts"]["claims"] for s in data["sources"])
    table = {tr.th.get_text(strip=True): int(tr.find_all("td")[5].get_text()) for tr in soup.select("table.ranking tbody tr")}
    assert sum(table.values()) == total
    for s in data["sources"]:
        art = soup.find(id=lambda i: i and i.startswith("S") and i.endswith(s["id"]))
        n = int(re.search(r"Claims \((\d+)\)", art.select_one("details.claims summary").get_text()).group(1))
        rows = art.select("table.claims tbody tr[id]")
        assert table[s["id"]] == n == len(rows) == s["counts"]["claims"]
        assert f"{n} claims," in art.select_one("table.explain tfoot").get_text()


def test_counts_in_the_header_are_plural_where_they_should_be(examples_page):
    data, soup = examples_page
    summary = soup.select_one("p.summary").get_text(" ", strip=True)
    errors = sum(f["severity"] == "error" for f in data["findings"])
    warnings = sum(f["severity"] == "warning" for f in data["findings"])
    assert re.search(rf"\b{errors} errors?\b", summary) and re.search(r"\b4 sources\b", summary)
    assert not re.search(r"(?<![\d.])(?:[02-9]|\d\d+) (?:error|warning|source|claim|finding|agreement)\b", summary)
    assert not re.search(r"(?<![\d.])1 (?:errors|warnings|sources|claims|findings|agreements)\b", summary)
    title = soup.title.get_text()
    assert f"{errors} error{'' if errors == 1 else 's'}" in title
    assert f"{warnings} warning{'' if warnings == 1 else 's'}" in title


@pytest.mark.parametrize("n, noun, text", [(0, "warning", "0 warnings"), (1, "error", "1 error"), (2, "error", "2 errors"),
                                           (1, "source", "1 source"), (3, "info", "3 info")])
def test_counted(n, noun, text):
    assert counted(n, noun) == text
