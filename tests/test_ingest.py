"""Reading files: encodings, HTML text with offsets into the page, publication dates, bad input."""
from __future__ import annotations

import pytest

from claims.ingest import InputError, discover, find_published, read_document
from claims.segment import split

TEXT = "トランプ米大統領は12日、プーチン大統領と電話協議した。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "shift_jis", "euc_jp", "utf-16"])
def test_encodings(tmp_path, encoding):
    p = tmp_path / "a.txt"
    p.write_bytes((TEXT * 5).encode(encoding))
    doc = read_document(p)
    assert doc.text == TEXT * 5


def test_html_offsets_point_into_the_page(tmp_path):
    raw = ("<html><head><title>T &amp; T</title><script>var x='ignored';</script></head><body>"
           "<h1>見出し</h1><p>ヘグセス米国防長官は<b>12日</b>、演説した。</p>"
           "<table><tr><th>開催都市</th><th>年月</th></tr><tr><td>大阪</td><td>2019年6月</td></tr></table>"
           "</body></html>")
    p = tmp_path / "page.html"
    p.write_text(raw, encoding="utf-8")
    doc = read_document(p)
    assert doc.title == "T & T"
    assert "ignored" not in doc.plain and "ヘグセス米国防長官は12日、演説した。" in doc.plain
    page = split(doc.plain, doc.plain_map)
    texts = [s.text for s in page.sentences]
    assert any("ヘグセス" in t for t in texts)
    s = next(s for s in page.sentences if "ヘグセス" in s.text)
    a, b = s.span(0, 4)
    assert raw[a:b] == "ヘグセス"
    row = next(s for s in page.sentences if s.table is not None)
    assert [raw[x:y] for x, y in row.table.cell_spans] == ["大阪", "2019年6月"]


@pytest.mark.parametrize("text,expected", [
    ("Source: Nikkei Online, 2025年2月13日 3:59更新", "2025-02-13"),
    ("公開日:2025/02/13", "2025-02-13"),
    ("出典: フリー百科事典『ウィキペディア(Wikipedia)』 (2025/03/21 04:36 UTC 版)", "2025-03-21"),
    ("本文だけで日付はない。", None),
])
def test_published(text, expected):
    assert find_published(text) == expected


def test_bad_input(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        discover([tmp_path / "missing.txt"])
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="unsupported"):
        discover([tmp_path / "x.pdf"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no .txt"):
        discover([tmp_path / "empty"])
    b = tmp_path / "bin.txt"
    b.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputError, match="binary"):
        read_document(b)


def test_footnotes_tables_and_markers_are_split():
    text = ("2月12日、ヘグセスは述べた[11][12]\n\n  1. ^ “記事” (英語). 2025年2月17日閲覧。\n"
            "| 開催都市 | 年月 |\n|---|---|\n| ベルリン | 予定協議 |\n")
    page = split(text)
    assert page.footnotes == 1 and page.footnote_marks == 2
    assert page.sentences[0].text == "2月12日、ヘグセスは述べた"
    row = page.sentences[-1]
    assert row.table.header == ["開催都市", "年月"] and row.table.cells == ["ベルリン", "予定協議"]


def test_the_parse_cache_key_names_the_model_versions():
    from claims.parse import STACK, Parser

    assert "ja-ginza=" in STACK and "sudachipy=" in STACK and "none" not in STACK.split(";")[0]
    p = Parser(use_cache=False)
    assert p._key("同じ文。") == p._key("同じ文。") != p._key("違う文。")


def test_markdown_emphasis_and_a_kana_reading_are_not_given_to_the_parser():
    """**決勝** and （けっしょう） split the phrase the parser reads; the offsets still point into the text."""
    text = "**ワールドカップ決勝**（わーるどかっぷ けっしょう）は、2023年10月28日に行われた。"
    s = split(text).sentences[0]
    assert "*" not in s.text and "わーるど" not in s.text
    assert s.text.startswith("ワールドカップ決勝は")
    i = s.text.index("2023")
    assert text[s.offsets[i]:s.offsets[i] + 11] == "2023年10月28日"
    assert "（フランス）" in split("会場は（フランス）のパリ。").sentences[0].text  # not a reading
