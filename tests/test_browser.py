"""The HTML report in a real browser: the seed corpus and a hostile corpus, written by the CLI as a
user runs it, opened from file:// in headless Chromium (fixtures in conftest.py, CLI runs in _runs.py).
"""
from __future__ import annotations

import json
import shutil
import struct
import time
from pathlib import Path

import pytest

from _runs import EXAMPLES, SEEDS, cli, report
from reports.render import CONTEXT_CHARS, anchor, clip

HOSTILE_DIR = Path(__file__).resolve().parent / "data" / "hostile"
HOSTILE_NAME = '05_"><svg onload=window.__pwned=1>.txt'  # a file name is a source id, shown in the page
PWNED = "window.__pwned=1"


@pytest.fixture(scope="module")
def seeds_report():
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not beside the clone")
    data, html, _ = report(SEEDS)
    return html, data


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    """hostile.html and a hostile .txt (named like markup, ending in a 200,000-character line) next to
    two ordinary documents, so that findings quote the hostile text against real sources."""
    corpus = tmp_path_factory.mktemp("hostile-corpus")
    shutil.copy(HOSTILE_DIR / "hostile.html", corpus / "hostile.html")
    unit = f"<script>{PWNED}</script>" + "x" * 967
    filler = unit * (200_000 // len(unit) + 1)
    claim = " 世論調査では国民の99.9%が会談を支持した "  # a claim, quoted from the middle of the line
    line = (filler[:100_000] + claim + filler)[:200_000]
    text = (HOSTILE_DIR / "hostile.txt").read_text(encoding="utf-8") + line + "\n"
    (corpus / HOSTILE_NAME).write_text(text, encoding="utf-8")
    others = ([SEEDS / "000_931b40af5cfd0f8d.txt", SEEDS / "004_c0298d739a49e9f8.txt"] if SEEDS.exists()
              else [EXAMPLES / "01_wire.txt", EXAMPLES / "04_news.txt"])
    for p in others:
        shutil.copy(p, corpus / p.name)
    out = tmp_path_factory.mktemp("hostile-report")
    html, js = out / "report.html", out / "report.json"
    r = cli("report", str(corpus), "-o", str(html), "--json", str(js), "-q")
    assert r.returncode == 0, r.stderr
    return html, json.loads(js.read_text(encoding="utf-8"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def assert_quiet(page) -> None:
    """No console errors, no dialogs, and no request but the page itself (data: URIs allowed)."""
    assert page.console_errors == []
    assert page.dialogs == []
    assert [u for u in page.requests if u != page.url and not u.startswith("data:")] == []


# key elements of the page, read in the page
DOM_FACTS = """(() => {
  const q = (s) => document.querySelectorAll(s);
  const ids = new Set(Array.from(q('[id]'), (e) => e.id));
  const visible = (e) => e.getClientRects().length > 0;
  return {
    h1: document.querySelector('h1').textContent,
    lang: document.documentElement.lang,
    sections: Array.from(q('main > section'), (s) => s.id),
    nav: Array.from(q('nav a'), (a) => a.getAttribute('href')),
    bars: Array.from(q('#verdict svg rect.bar'), (r) => r.getBBox().width),
    bar_labels: Array.from(q('#verdict svg text.bar-value'), (t) => t.textContent),
    nodes: q('#graph svg circle.node:not(.key)').length,
    agree_edges: q('#graph .edges line.agree').length,
    contra_edges: q('#graph .edges line.contra').length,
    contra_dash: getComputedStyle(q('#graph .edges line.contra')[0] || document.body).strokeDasharray,
    agree_dash: getComputedStyle(q('#graph .edges line.agree')[0] || document.body).strokeDasharray,
    findings: Array.from(q('#findings article.finding'), (a) => ({id: a.id, severity: a.dataset.severity,
      badge: a.querySelector('.badge').textContent.trim(), border: getComputedStyle(a).borderLeftStyle,
      visible: visible(a), marks: a.querySelectorAll('mark').length,
      links: Array.from(a.querySelectorAll('figcaption a'), (l) => l.getAttribute('href'))})),
    claim_rows: q('#sources table.claims tr[id^="C"]').length,
    longest_quote: Math.max(0, ...Array.from(q('blockquote'), (b) => b.textContent.length)),
    sources: Array.from(q('#sources article.source'), (a) => a.id),
    dangling: Array.from(q('a[href^="#"]'), (a) => a.getAttribute('href').slice(1)).filter((i) => !ids.has(i)),
    filters_visible: visible(document.getElementById('filters')),
    text: document.body.innerText,
    scroll_width: document.documentElement.scrollWidth,
    scripts: q('script').length,
  };
})()"""


def filter_count(page, **values) -> int:
    script = "".join(f"document.querySelector('#filters [name={k}]').value = {json.dumps(v)};"
                     for k, v in values.items())
    return page.evaluate(script + """
      document.getElementById('filters').dispatchEvent(new Event('change'));
      Array.from(document.querySelectorAll('#findings article.finding')).filter((a) => !a.hidden).length""")


def test_seeds_report_is_under_2_mb(seeds_report):
    html, _ = seeds_report
    assert html.stat().st_size < 2_000_000


@pytest.mark.browser
def test_seeds_report_in_chromium(seeds_report, page, tmp_path):
    html, data = seeds_report
    page.goto(html.as_uri())
    shot = page.screenshot(tmp_path / "seeds-report.png")
    assert png_size(shot) == (1280, 2000) and len(shot) > 50_000
    facts = page.evaluate(DOM_FACTS)
    assert_quiet(page)

    ranked = sorted(data["sources"], key=lambda s: (-s["score"], s["id"]))
    assert facts["lang"] == "ja" and facts["h1"]
    assert facts["sections"] == ["verdict", "graph", "findings", "agreements", "sources"]
    assert facts["nav"][:5] == ["#verdict", "#graph", "#findings", "#agreements", "#sources"]
    assert facts["nav"][5:] == ["#" + anchor(s["id"], "S") for s in ranked]
    assert facts["bars"] == sorted(facts["bars"], reverse=True) and len(facts["bars"]) == len(ranked)
    assert facts["bar_labels"] == [f"{s['score'] * 100:.0f} · {s['label']}" for s in ranked]
    assert facts["nodes"] == len(ranked) and facts["agree_edges"] > 0
    if facts["contra_edges"]:
        assert facts["contra_dash"] != "none" and facts["agree_dash"] == "none"
    assert facts["sources"] == [anchor(s["id"], "S") for s in ranked]
    assert facts["claim_rows"] == len(data["claims"])
    assert facts["dangling"] == []
    assert 0 < facts["longest_quote"] <= CONTEXT_CHARS + 2  # a sentence, cut to ~200 characters, with "…"
    assert facts["scroll_width"] <= 1280, "something is wider than the window"
    assert facts["scripts"] == 1 and facts["filters_visible"]

    assert sorted(f["id"] for f in facts["findings"]) == sorted(f["id"] for f in data["findings"])
    border = {"error": "solid", "warning": "dashed", "info": "dotted"}
    for f in facts["findings"]:
        assert f["visible"] and f["marks"] >= 1
        assert f["badge"].endswith(f["severity"]) and f["border"] == border[f["severity"]]
        assert f["links"] and all(link.startswith("#C") or link.startswith("#S") for link in f["links"])
    assert sum(link.startswith("#C") for f in facts["findings"] for link in f["links"]) > 0
    for s in data["sources"]:  # Japanese text arrives as text
        assert s["title"][:10] in facts["text"]

    # filters: each one narrows the list to what the JSON says, and "Show all" brings everything back
    for key in ("severity", "type", "source"):
        value = sorted({f[key] for f in data["findings"]})[0]
        chosen = {"severity": "", "type": "", "source": "", key: value}
        assert filter_count(page, **chosen) == sum(f[key] == value for f in data["findings"])
    assert filter_count(page, severity="", type="", source="") == len(data["findings"])

    # following a finding's evidence link opens the claim inside its collapsed per-source table
    target = next(link for f in facts["findings"] for link in f["links"] if link.startswith("#C"))
    opened = page.evaluate(f"""location.hash = {json.dumps(target)};
      new Promise((done) => setTimeout(() => {{
        const row = document.getElementById({json.dumps(target[1:])});
        const box = row.getBoundingClientRect();
        done({{open: row.closest('details').open, top: box.top, height: box.height}});
      }}, 100))""")
    assert opened["open"] and opened["height"] > 0 and 0 <= opened["top"] < 2000
    page.screenshot(tmp_path / "seeds-claim.png")
    assert_quiet(page)


@pytest.mark.browser
def test_seeds_report_without_script_shows_everything(seeds_report, browser):
    html, data = seeds_report
    page = browser.new_page(javascript=False)
    try:
        page.goto(html.as_uri())
        facts = page.evaluate(DOM_FACTS)
        assert all(f["visible"] for f in facts["findings"]) and len(facts["findings"]) == len(data["findings"])
        assert not facts["filters_visible"]  # controls that cannot work stay out of the way
        assert_quiet(page)
    finally:
        page.close()


@pytest.mark.browser
def test_hostile_documents_execute_nothing(hostile_report, page, tmp_path):
    html, data = hostile_report
    raw = html.read_text(encoding="utf-8")
    ids = {s["id"] for s in data["sources"]}
    assert HOSTILE_NAME[:-4] in ids and "hostile" in ids
    # the markup reached the report as text, escaped, never as markup
    assert raw.count("<script") == 1
    for bad in (f"<script>{PWNED}", f'onerror="{PWNED}"', f'href="javascript:{PWNED}"', "<svg onload"):
        assert bad not in raw
    assert f"&lt;script&gt;{PWNED}&lt;/script&gt;" in raw
    assert f"onerror=&#34;{PWNED}&#34;" in raw
    assert "&lt;svg onload=window.__pwned=1&gt;" in raw
    assert "x" * 400 not in raw and len(raw) < 1_000_000  # the 200,000-character line is only quoted in part

    page.goto(html.as_uri())
    time.sleep(0.3)  # room for an onerror or a timer to fire, were there any
    page.screenshot(tmp_path / "hostile-report.png")
    result = page.evaluate("""(() => ({
      pwned: typeof window.__pwned,
      scripts: document.scripts.length,
      handlers: Array.from(document.querySelectorAll('*')).flatMap((e) =>
        Array.from(e.attributes).filter((a) => /^on/i.test(a.name)).map((a) => e.tagName + ' ' + a.name)),
      js_links: document.querySelectorAll('[href^="javascript:" i]').length,
      embeds: document.querySelectorAll('img, iframe, object, embed, link, base').length,
      longest_quote: Math.max(0, ...Array.from(document.querySelectorAll('blockquote'), (b) => b.textContent.length)),
      text: document.body.innerText,
      scroll_width: document.documentElement.scrollWidth,
    }))()""")
    assert result["pwned"] == "undefined"
    assert result["scripts"] == 1 and result["handlers"] == [] and result["js_links"] == 0
    assert result["embeds"] == 0
    assert f"<script>{PWNED}</script>" in result["text"]  # shown to the reader as the text it is
    assert HOSTILE_NAME[:-4] in result["text"]
    assert result["scroll_width"] <= 1280
    assert result["longest_quote"] <= CONTEXT_CHARS + 2
    assert_quiet(page)
    # the filters still work with a source id made of markup
    assert filter_count(page, source=HOSTILE_NAME[:-4]) == sum(f["source"] == HOSTILE_NAME[:-4]
                                                              for f in data["findings"])
    assert page.evaluate("typeof window.__pwned") == "undefined"


def has_color_emoji_font() -> bool:
    import subprocess
    try:
        out = subprocess.run(["fc-list"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "color emoji" in out.lower()


@pytest.mark.browser
def test_emoji_in_documents_are_drawn_with_an_emoji_font(page, tmp_path):
    """The blog's 🍣 and 📌 bullets are drawn by a colour emoji font, not as empty boxes."""
    if not has_color_emoji_font():
        pytest.skip("no colour emoji font (apt-get install fonts-noto-color-emoji; .ci/run does)")
    html = tmp_path / "r.html"
    r = cli("report", str(EXAMPLES), "-o", str(html), "-q")
    assert r.returncode == 0, r.stderr
    page.goto(html.as_uri())
    tagged = page.evaluate(r"""(() => {
      const emoji = /\p{Extended_Pictographic}/u;
      const ps = [...document.querySelectorAll('figure.quote blockquote p')]
        .filter((el) => el.getClientRects().length && emoji.test(el.firstChild && el.firstChild.nodeValue || ''));
      ps.forEach((el, k) => { el.id = 'emoji-' + k; });
      return ps.length; })()""")
    assert tagged > 0, "the examples' blog has emoji in quoted text"
    page.send("DOM.enable")
    page.send("CSS.enable")
    root = page.send("DOM.getDocument", depth=-1)["root"]["nodeId"]
    for k in range(tagged):
        node = page.send("DOM.querySelector", nodeId=root, selector=f"#emoji-{k}")["nodeId"]
        fonts = {f["familyName"] for f in page.send("CSS.getPlatformFontsForNode", nodeId=node)["fonts"]}
        assert any("emoji" in name.lower() for name in fonts), (k, tagged, fonts)
    assert_quiet(page)


@pytest.mark.browser
def test_graph_labels_fit_inside_the_graph(page, tmp_path):
    """Whole source ids, long ASCII and long Japanese ones, are drawn inside the graph, none cut off."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = {"01_wire.txt": "01_共同通信_広島サミット閉幕の速報記事.txt",
             "02_encyclopedia.md": "02_encyclopedia_article_on_the_hiroshima_summit.md",
             "03_blog.html": "03_トレンドニュース速報ブログのまとめ記事.html", "04_news.txt": "04_news.txt"}
    for old, new in names.items():
        shutil.copy(EXAMPLES / old, corpus / new)
    html = tmp_path / "r.html"
    r = cli("report", str(corpus), "-o", str(html), "-q")
    assert r.returncode == 0, r.stderr
    page.goto(html.as_uri())
    boxes = page.evaluate("""(() => {
      const svg = document.querySelector('svg.corpus'), vb = svg.viewBox.baseVal;
      return [...svg.querySelectorAll('text.node-label')].map((t) => {
        const b = t.getBBox();
        return {text: t.querySelector('.node-id').textContent, x0: b.x, y0: b.y, x1: b.x + b.width,
                y1: b.y + b.height, w: vb.width, h: vb.height}; }); })()""")
    assert sorted(b["text"] for b in boxes) == sorted(clip(Path(n).stem, 32) for n in names.values())
    assert any(len(Path(n).stem) > 14 and b["text"] == Path(n).stem for n in names.values() for b in boxes)
    for b in boxes:
        assert 0 <= b["x0"] and b["x1"] <= b["w"] and 0 <= b["y0"] and b["y1"] <= b["h"], b
    page.screenshot(tmp_path / "graph.png")
    assert_quiet(page)
