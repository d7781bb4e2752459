"""The HTML report as a document: built from small hand-made reports, parsed, asserted on elements.

No parser model and no browser here (see test_browser.py for the page in Chromium).
"""
from __future__ import annotations

import base64
import hashlib
import re

import pytest
from bs4 import BeautifulSoup

from checker.records import Agreement, ClaimOut, Finding, Report, ScoreComponent, SourceScore
from claims.models import Document, Evidence
from reports.render import CONTEXT_CHARS, anchor, render_html, sentence_context

HOSTILE = ['<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=1">',
           '<a href="javascript:window.__pwned=1">x</a>', '"><svg onload=window.__pwned=1>', "{{ 7*7 }}"]

A_TEXT = ("米ロ首脳会談の記事\n"
          "2025年2月12日、トランプ大統領はプーチン大統領と電話会談を行った。会談はおよそ1時間半に及んだ。\n"
          "ヘグセス国防長官はブリュッセルで述べた。\n")
B_TEXT = ("トランプ前大統領の会談\n"
          "トランプ前大統領はプーチン大統領と電話協議を行った。会談はおよそ3時間に及んだ。\n"
          "世論調査では87.3%が支持した。\n")
# the hostile source: its id (a file name), title and text are all markup
H_ID = '05_"><svg onload=window.__pwned=1>'
H_TEXT = "".join(HOSTILE) + "\n会談は<script>window.__pwned=1</script>およそ5時間に及んだ。\n" + "x" * 5000 + "\n"


def ev(source: str, text: str, quote: str, nth: int = 0) -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return Evidence(source=source, quote=quote, start=start, end=start + len(quote),
                    line=text.count("\n", 0, start) + 1)


def claim(cid: str, e: Evidence, status: str, subject: str = "トランプ", predicate: str = "会談",
          obj: str | None = None) -> ClaimOut:
    return ClaimOut(id=cid, source=e.source, kind="event", subject=subject, subject_id=None, predicate=predicate,
                    object=obj, object_id=None, qualifiers={"time": "2025-02-12"}, quote=e.quote, start=e.start,
                    end=e.end, line=e.line, status=status)


def source(sid: str, score: float, label: str, title: str, claims: int) -> SourceScore:
    return SourceScore(id=sid, path=f"corpus/{sid}.txt", title=title, published="2025-02-13", score=score,
                       label=label, counts={"claims": claims, "corroborated": 1, "contradicted": 1, "unsupported": 0},
                       explanation=[ScoreComponent(label="base", value=0.5, detail="every source starts here"),
                                    ScoreComponent(label="findings", value=-0.0, detail="<b>none</b>")])


def make_report() -> Report:
    a_call = ev("a", A_TEXT, "トランプ大統領はプーチン大統領と電話会談を行った")
    a_hours = ev("a", A_TEXT, "およそ1時間半")
    b_role = ev("b", B_TEXT, "トランプ前大統領", nth=1)
    b_hours = ev("b", B_TEXT, "およそ3時間")
    b_stat = ev("b", B_TEXT, "87.3%")
    h_hours = ev(H_ID, H_TEXT, "およそ5時間")
    h_bad = ev(H_ID, H_TEXT, HOSTILE[0])
    claims = [claim("a#1", a_call, "corroborated"), claim("a#2", a_hours, "contradicted", obj="1時間半"),
              claim("b#1", b_role, "contradicted", predicate="holds_office", obj="前大統領"),
              claim("b#2", b_hours, "contradicted", obj="3時間"), claim("b#3", b_stat, "unsupported"),
              claim(f"{H_ID}#1", h_hours, "contradicted", obj="5時間"),
              claim(f"{H_ID}#2", h_bad, "unsupported", subject=HOSTILE[1], predicate=HOSTILE[2], obj=HOSTILE[3])]
    findings = [
        Finding(id="F1", type="number_conflict", code="CC105", severity="error", source="b",
                message="およそ3時間 here; a gives およそ1時間半", evidence=[b_hours], contradicted_by=[a_hours],
                claims=["b#2"]),
        Finding(id="F2", type="role_conflict", code="CC102", severity="error", source="b",
                message="トランプ is called former 大統領", evidence=[b_role], contradicted_by=[a_call],
                claims=["b#1"]),
        Finding(id="F3", type="unsourced_statistic", code="CC301", severity="warning", source="b",
                message="87.3% with no attribution", evidence=[b_stat], claims=["b#3"]),
        Finding(id="F4", type="number_conflict", code="CC105", severity="error", source=H_ID,
                message="およそ5時間 " + HOSTILE[0], evidence=[h_hours], contradicted_by=[a_hours],
                claims=[f"{H_ID}#1"]),
        Finding(id="F5", type="unsupported_claim", code="CC201", severity="info", source=H_ID,
                message=HOSTILE[1], evidence=[h_bad], claims=[f"{H_ID}#2"]),
    ]
    agreements = [Agreement(subject="ドナルド・トランプ", predicate="会談", object="ウラジーミル・プーチン",
                            sources=["a", "b"], evidence=[a_call, ev("b", B_TEXT, "プーチン大統領")])]
    docs = [Document(id="a", path="corpus/a.txt", text=A_TEXT, sha256="0"),
            Document(id="b", path="corpus/b.txt", text=B_TEXT, sha256="1"),
            Document(id=H_ID, path=f"corpus/{H_ID}.txt", text=H_TEXT, sha256="2", title=HOSTILE[0])]
    return Report(sources=[source("b", 0.31, "low", "トランプ前大統領の会談", 3),
                           source(H_ID, 0.2, "low", HOSTILE[0] + HOSTILE[1], 2),
                           source("a", 0.82, "high", "米ロ首脳会談の記事", 2)],
                  findings=findings, agreements=agreements, entities=[], claims=claims, documents=docs)


@pytest.fixture(scope="module")
def report() -> Report:
    return make_report()


@pytest.fixture(scope="module")
def html(report) -> str:
    return render_html(report)


@pytest.fixture(scope="module")
def soup(html) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def csp_of(soup) -> str:
    return soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]


# --- the page is one self-contained, script-safe file ------------------------------------------

def test_loads_nothing_from_outside(soup):
    assert not soup.find_all(["link", "img", "iframe", "object", "embed", "base", "audio", "video", "source"])
    for tag in soup.find_all(True):
        for attr in ("src", "href", "action", "srcset", "xlink:href", "poster", "data"):
            value = tag.get(attr)
            if value is not None and tag.name != "object":
                assert value.startswith(("#", "data:")), f"<{tag.name} {attr}={value!r}>"
    assert "url(" not in soup.style.string and "@import" not in soup.style.string


def test_csp_allows_only_the_pages_own_style_and_script(soup):
    csp = csp_of(soup)
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    scripts, styles = soup.find_all("script"), soup.find_all("style")
    assert len(scripts) == 1 and len(styles) == 1
    assert f"script-src {sha256_source(scripts[0].string)}" in csp
    assert f"style-src {sha256_source(styles[0].string)}" in csp
    assert not soup.find_all(style=True), "inline style attributes would be blocked by the CSP"


def test_render_is_deterministic_and_does_not_touch_the_report(report, html):
    before = report.model_dump()
    assert render_html(report) == html
    assert render_html(make_report()) == html
    assert report.model_dump() == before


def test_hostile_text_is_escaped_everywhere(html, soup):
    for bad in HOSTILE[:4]:
        assert bad not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert 'onerror=&#34;window.__pwned=1&#34;' in html
    assert "{{ 7*7 }}" in soup.get_text() and "49" not in soup.get_text()
    for tag in soup.find_all(True):
        assert not any(a.lower().startswith("on") for a in tag.attrs), tag.name
        assert not str(tag.get("href", "")).lower().startswith("javascript:")
    assert soup.find_all("svg", recursive=True) and not soup.select("svg [onload]")
    # the hostile source keeps its name as text and gets a plain anchor
    assert soup.find(id=anchor(H_ID, "S")).h3.get_text().find(H_ID) >= 0
    assert soup.find("option", attrs={"value": H_ID}) is not None


# --- structure ---------------------------------------------------------------------------------

def test_japanese_page_with_sound_headings(soup):
    assert soup.html["lang"] == "ja"
    assert soup.find("meta", charset=True)["charset"].lower() == "utf-8"
    assert len(soup.find_all("h1")) == 1
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), "a heading level is skipped"
    sections = [s["id"] for s in soup.main.find_all("section", recursive=False)]
    assert sections == ["verdict", "graph", "findings", "agreements", "sources"]
    for s in soup.main.find_all("section", recursive=False):
        assert s.find("h2")["id"] == s["aria-labelledby"]
    assert "Noto Sans CJK JP" in soup.style.string and "@media print" in soup.style.string


def test_tables_have_captions_and_scoped_headers(soup):
    tables = soup.find_all("table")
    assert len(tables) >= 6
    for t in tables:
        assert t.caption and t.caption.get_text(strip=True), t
        assert t.thead and all(th.get("scope") == "col" for th in t.thead.find_all("th"))
        for th in t.tbody.find_all("th"):
            assert th.get("scope") == "row"


def test_nav_lists_every_section_and_source(soup, report):
    nav = soup.find("nav")
    links = [a["href"] for a in nav.find_all("a")]
    for section in ("#verdict", "#graph", "#findings", "#agreements", "#sources"):
        assert section in links
    for s in report.sources:
        assert "#" + anchor(s.id, "S") in links


def test_ids_are_unique_valid_and_every_link_lands(soup):
    ids = [t["id"] for t in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for i in ids:
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_.\-]*", i), i
    for a in soup.find_all("a", href=True):
        assert a["href"][1:] in ids, a["href"]


@pytest.mark.parametrize("raw, prefix, expected", [
    ("000_931b40af5cfd0f8d#12", "C", "C000_931b40af5cfd0f8d-12"),
    ("a b", "S", "Sa.20.b"),
    ("記事#3", "C", "C.8a18..4e8b.-3"),
    ('"><x', "S", "S.22..3e..3c.x"),
    ("", "F", "F"),
])
def test_anchor(raw, prefix, expected):
    assert anchor(raw, prefix) == expected


def test_anchor_never_merges_two_ids():
    raws = ["a#1", "a-1", "a.1", "a_1", "a 1", "a#1#", "a.23.1", "a1", "A1", "a\u30001", "a#11", "a1#1"]
    assert len({anchor(r, "C") for r in raws}) == len(raws)


# --- content -----------------------------------------------------------------------------------

def test_verdict_ranks_sources_and_counts_findings(soup, report):
    bars = soup.select("#verdict svg rect.bar")
    assert [r["class"][1] for r in bars] == ["label-high", "label-low", "label-low"]
    assert [float(r["width"]) for r in bars] == sorted((float(r["width"]) for r in bars), reverse=True)
    assert "82 · high" in soup.select_one("#verdict svg").get_text()
    rows = soup.select("#verdict table.ranking tbody tr")
    assert [r.th.get_text(strip=True) for r in rows] == ["a", "b", H_ID]
    counts = {r.th.get_text(strip=True): [td.get_text(strip=True) for td in r.find_all("td")]
              for r in soup.select("#verdict table.counts tbody tr")}
    assert counts["number_conflict"] == ["2", "–", "–", "2"]
    assert counts["unsourced_statistic"] == ["–", "1", "–", "1"]
    foot = [td.get_text(strip=True) for td in soup.select("#verdict table.counts tfoot td")]
    assert foot == ["3", "1", "1", "5"]


def test_graph_draws_nodes_and_both_kinds_of_edge(soup):
    svg = soup.select_one("#graph svg")
    assert len(svg.select("circle.node:not(.key)")) == 3
    agree, contra = svg.select(".edges line.agree"), svg.select(".edges line.contra")
    assert len(agree) == 1 and len(contra) == 2  # a–b agree; a–b and a–hostile contradict
    # the pair that both agrees and contradicts is drawn as two separate lines
    assert (agree[0]["x1"], agree[0]["y1"]) not in {(c["x1"], c["y1"]) for c in contra}
    radii = {c.title.get_text().split(":")[0]: float(c["r"]) for c in svg.select("circle.node:not(.key)")}
    assert radii["b"] > radii["a"]  # size follows the number of claims
    assert re.search(r"\.edge\.contra\{[^}]*stroke-dasharray", soup.style.string)
    # the same edges as a table, pairs in rank order
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in soup.select("#graph table tbody tr")]
    assert rows == [["1. a 2. b", "1", "2"], [f"1. a 3. {H_ID}", "–", "1"]]  # F1, F2 / F4


def test_finding_shows_severity_in_text_and_border_style(soup):
    articles = soup.select("#findings article.finding")
    assert [a["id"] for a in articles] == ["F1", "F2", "F4", "F3", "F5"]  # errors first
    for a in articles:
        sev = a["data-severity"]
        assert f"sev-{sev}" in a["class"]
        assert a.select_one("h3 .badge").get_text(" ", strip=True).endswith(sev)
    css = soup.style.string
    styles = {sev: re.search(r"\.finding\.sev-%s\{border-left:6px (\w+)" % sev, css).group(1)
              for sev in ("error", "warning", "info")}
    assert styles == {"error": "solid", "warning": "dashed", "info": "dotted"}


def test_finding_quotes_are_highlighted_in_their_sentence_and_link_to_claims(soup):
    f1 = soup.find(id="F1")
    flagged, other = f1.select(".side.flagged .quote"), f1.select(".side.other .quote")
    assert len(flagged) == 1 and len(other) == 1
    assert flagged[0].mark.get_text() == "およそ3時間"
    assert flagged[0].blockquote.get_text() == "会談はおよそ3時間に及んだ。"  # the sentence, not the line
    assert other[0].blockquote.get_text() == "会談はおよそ1時間半に及んだ。"
    assert flagged[0].figcaption.a["href"] == "#Cb-2"
    assert other[0].figcaption.a["href"] == "#Ca-2"
    assert "b, line 2" in flagged[0].figcaption.get_text()
    # the claim row links back to the finding
    row = soup.find(id="Cb-2")
    assert row.name == "tr" and row.find("a", href="#F1")
    assert "contradicted" in row.select_one(".status").get_text()


def test_filters_are_hidden_until_the_script_runs_and_nothing_else_is(soup):
    form = soup.find("form", id="filters")
    assert form.has_attr("hidden")
    assert {s["name"] for s in form.find_all("select")} == {"source", "type", "severity"}
    assert not [t for t in soup.find_all(True) if t.has_attr("hidden") and t is not form]


def test_sources_explain_their_score_and_list_their_claims(soup, report):
    for s in report.sources:
        art = soup.find(id=anchor(s.id, "S"))
        assert art.name == "article"
        explain = art.find("table", class_="explain")
        assert [th.get_text() for th in explain.tbody.find_all("th")] == ["base", "findings"]
        assert "±0.000" in explain.get_text() and "<b>none</b>" in explain.get_text()
        ids = [tr["id"] for tr in art.select("table.claims tbody tr[id]")]
        assert ids == [anchor(c.id, "C") for c in report.claims if c.source == s.id]


def test_agreements_list_each_source_once(soup):
    row = soup.select_one("#agreements tbody tr")
    assert "ドナルド・トランプ" in row.th.get_text()
    assert row.select_one("td.num").get_text(" ", strip=True).startswith("2")
    assert [a["href"] for a in row.select(".said a")] == ["#Ca-1", "#Sb"]  # b's quote is no claim: its source


def test_empty_report_renders():
    html = render_html(Report(sources=[], findings=[], agreements=[], entities=[], claims=[]))
    soup = BeautifulSoup(html, "html.parser")
    assert "No findings" in soup.find(id="findings").get_text()
    assert "No fact is stated by two sources" in soup.find(id="agreements").get_text()


# --- sentence contexts -------------------------------------------------------------------------

def ctx(text: str, quote: str, **kw) -> dict:
    i = text.index(quote)
    return sentence_context(text, i, i + len(quote), quote, **kw)


@pytest.mark.parametrize("text, quote, shown", [
    ("前の文。会談はおよそ3時間に及んだ。次の文。", "およそ3時間", "会談は[およそ3時間]に及んだ。"),
    ("見出し\n会談は2月12日に行われた\n次の行", "2月12日", "会談は[2月12日]に行われた"),
    ("前。「本当か?」と彼は言った。", "彼は", "「本当か?」と[彼は]言った。"),
    ("<p>会談は<b>3時間</b>に及んだ。</p>", "3時間", "[3時間]"),
])
def test_context_is_the_sentence(text, quote, shown):
    markup = text.startswith("<")
    c = ctx(text, quote, markup=markup)
    assert f"{c['before']}[{c['quote']}]{c['after']}" == shown
    assert not c["cut_before"] and not c["cut_after"]


def test_context_of_a_huge_line_is_cut_to_the_limit():
    text = "あ" * 100_000 + "問題の引用" + "い" * 100_000
    c = ctx(text, "問題の引用")
    assert len(c["before"]) + len(c["quote"]) + len(c["after"]) == CONTEXT_CHARS
    assert c["cut_before"] and c["cut_after"] and c["quote"] == "問題の引用"


def test_context_of_a_long_quote_keeps_the_quote():
    text = "前。" + "長" * 500 + "。後"
    c = ctx(text, "長" * 500)
    assert c["before"] == c["after"] == "" and len(c["quote"]) == CONTEXT_CHARS and c["quote"].endswith("…")


def test_context_falls_back_to_the_quote_when_offsets_do_not_match():
    c = sentence_context("まったく別の文。", 0, 3, "引用文")
    assert c["quote"] == "引用文" and c["before"] == c["after"] == ""
