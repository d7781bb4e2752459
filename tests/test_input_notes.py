"""What a new user runs into first, run as the user runs it: the reference file beside the corpus, one
document alone, documents with nothing in common, a document that is not Japanese."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from _runs import EXAMPLES, ROOT, cli
from claims.language import is_japanese

ENGLISH = """G7 leaders wrap up Hiroshima summit

Leaders of the Group of Seven wrapped up their three-day summit in Hiroshima on Sunday. Prime Minister
Fumio Kishida, who chaired the meeting, said the leaders had confirmed that a nuclear war cannot be won.
Ukrainian President Volodymyr Zelensky attended in person after arriving on a French government plane.
"""
CHINESE = "七国集团峰会在广岛闭幕。岸田文雄首相主持会议并发表讲话，乌克兰总统泽连斯基亲自出席了会议。\n"


def report(paths, out: Path, *extra: str) -> tuple[dict, str, BeautifulSoup]:
    html, js = out / "r.html", out / "r.json"
    r = cli("report", *map(str, paths), "-o", str(html), "--json", str(js), *extra)
    assert r.returncode == 0, r.stderr
    return (json.loads(js.read_text(encoding="utf-8")), r.stderr,
            BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser"))


def page_notes(soup: BeautifulSoup) -> list[str]:
    return [li.get_text(" ", strip=True) for li in soup.select("ul.notes li")]


def test_reference_beside_the_corpus_is_not_called_left_out_and_a_year_takes_no_side(tmp_path):
    rep, err, _ = report([EXAMPLES], tmp_path, "--reference", str(EXAMPLES / "facts.yaml"))
    assert "left out" not in err and "facts.yaml" not in err
    # 02_encyclopedia's 「外務大臣の林芳正」 is dated only 2023: the tenure from 2023-12-14 takes no side
    assert [f for f in rep["findings"] if f["source"] == "02_encyclopedia" and f["severity"] == "error"] == []
    # the blog's misattribution is still decided by the reference
    assert any(f["source"] == "03_blog" and f["type"] == "misattribution" for f in rep["findings"])


def test_a_yaml_file_left_out_points_at_reference(tmp_path):
    _, err, _ = report([EXAMPLES], tmp_path)
    assert "note: 1 file that is not .txt, .md or .html was left out: " in err
    assert "examples/facts.yaml" in err and "--reference" in err


def test_one_document_says_nothing_can_be_compared_and_keeps_its_prior(tmp_path):
    rep, err, soup = report([EXAMPLES / "01_wire.txt"], tmp_path)
    assert "note: only one document (01_wire)" in err
    assert len(rep["notes"]) == 1 and "nothing to compare" in rep["notes"][0]
    assert any("only one document" in n for n in page_notes(soup))
    (src,) = rep["sources"]
    assert src["score"] == src["prior"]
    assert [f for f in rep["findings"] if f["severity"] != "info"] == []
    assert "1 source" in err and "1 sources" not in err


def test_documents_with_nothing_in_common_say_so(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(EXAMPLES / "01_wire.txt", corpus)
    shutil.copy(ROOT / "tests" / "data" / "corpus5" / "r1_wire.txt", corpus)
    rep, err, soup = report([corpus], tmp_path)
    assert "could be compared" in err and len(rep["notes"]) == 1
    assert all(s["score"] == s["prior"] for s in rep["sources"])
    assert [f for f in rep["findings"] if f["type"] == "unsupported_claim" and f["severity"] != "info"] == []


def test_a_corpus_with_something_to_compare_has_no_note(tmp_path):
    rep, err, soup = report([EXAMPLES], tmp_path, "-q")
    assert rep["notes"] == [] and err == "" and page_notes(soup) == []


def test_a_document_not_in_japanese_is_left_out_with_a_note(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    (corpus / "05_english.txt").write_text(ENGLISH, encoding="utf-8")
    (corpus / "06_chinese.txt").write_text(CHINESE, encoding="utf-8")
    rep, err, soup = report([corpus], tmp_path)
    for name in ("05_english.txt", "06_chinese.txt"):
        assert f"{name} is not Japanese text: claimcheck reads Japanese" in err
        assert any(name in n for n in rep["notes"]) and any(name in n for n in page_notes(soup))
    assert {s["id"] for s in rep["sources"]} == {"01_wire", "02_encyclopedia", "03_blog", "04_news"}
    assert not any(c["source"].startswith(("05_", "06_")) for c in rep["claims"])


def test_only_documents_not_in_japanese_is_an_input_error(tmp_path):
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    r = cli("report", str(tmp_path / "en.txt"), "-o", str(tmp_path / "r.html"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "en.txt is not Japanese text" in r.stderr
    assert r.stderr.strip().splitlines()[-1] == "claimcheck: error: no Japanese document to check: claimcheck reads Japanese text"


@pytest.mark.parametrize("text, japanese", [
    ("岸田首相は21日、広島市で記者会見を開いた。", True),
    ("ゼレンスキー大統領がG7 summitに対面で参加した。The summit ended on Sunday.", True),
    (ENGLISH, False),
    (CHINESE, False),
    ("G7 2023", True),  # too few letters to tell: not left out
    ("岸田首相は広島で会見し、核軍縮について語った。" * 8 + "x" * 100_000, True),  # Japanese beside a huge Latin line
])
def test_language_is_told_by_kana(text, japanese):
    assert is_japanese(text) is japanese


def test_check_leaves_out_a_new_document_not_in_japanese(tmp_path):
    en = tmp_path / "05_english.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    blog = tmp_path / "03_blog.html"
    shutil.copy(EXAMPLES / "03_blog.html", blog)
    corpus = [str(EXAMPLES / n) for n in ("01_wire.txt", "02_encyclopedia.md", "04_news.txt")]
    r = cli("check", str(en), str(blog), "--against", *corpus, "--format", "json", "-q")
    assert r.returncode == 1, r.stderr  # the blog's misattribution is an error
    assert json.loads(r.stdout)["checked"] == ["03_blog"]
    r = cli("check", str(en), str(blog), "--against", *corpus)
    assert f"note: {en} is not Japanese text: claimcheck reads Japanese" in r.stderr
    r = cli("check", str(en), "--against", *corpus)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "claimcheck: error: no Japanese document to check" in r.stderr


def test_readme_account_of_the_blog_is_true(tmp_path):
    """README: the blog's misattribution is an error shown with the other side's quotes; its 京都 dinner
    is a CC201 warning with only the blog's own quotes."""
    rep, _, _ = report([EXAMPLES], tmp_path, "-q")
    mis = [f for f in rep["findings"] if f["source"] == "03_blog" and f["code"] == "CC101"]
    assert mis and mis[0]["severity"] == "error" and mis[0]["contradicted_by"]
    assert all(e["source"] != "03_blog" for e in mis[0]["contradicted_by"])
    kyoto = [f for f in rep["findings"] if f["source"] == "03_blog" and any("京都" in e["quote"] for e in f["evidence"])]
    assert [(f["code"], f["severity"], f["contradicted_by"]) for f in kyoto] == [("CC201", "warning", [])]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"a warning\s+\(CC201\)", readme) and re.search(r"an error\s+\(CC101\)", readme)
