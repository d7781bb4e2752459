"""--reference: trusted facts the user supplies, a source of fixed high trust."""
from __future__ import annotations

import json

from _runs import EXAMPLES, cli

FACTS = """offices:
  - person: 林芳正
    office: 官房長官
    country: 日本
    from: 2023-12-14
    to: 2024-10-01
  - person: 松野博一
    office: 官房長官
    country: 日本
    from: 2021-10-04
    to: 2023-12-14
"""
DOC = ("2024年1月3日 9:00更新\n\n"
       "松野博一官房長官は2日、首相官邸で記者会見し「被害の全容把握を急ぐ」と述べた。\n")


def test_reference_decides_who_held_the_office(tmp_path):
    (tmp_path / "facts.yaml").write_text(FACTS, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "blog.txt").write_text(DOC, encoding="utf-8")
    out = tmp_path / "r.json"
    r = cli("report", str(tmp_path / "docs"), "-o", str(tmp_path / "r.html"), "--json", str(out),
            "--reference", str(tmp_path / "facts.yaml"), "-q")
    assert r.returncode == 0, r.stderr
    rep = json.loads(out.read_text(encoding="utf-8"))
    ref = next(s for s in rep["sources"] if s["id"] == "facts")
    assert ref["reference"] and ref["score"] == 0.95
    (f,) = [f for f in rep["findings"] if f["source"] == "blog" and f["severity"] == "error"]
    assert f["type"] == "role_conflict" and "林芳正" in f["message"]  # the title, not the words, is wrong
    ev = f["contradicted_by"][0]
    assert ev["source"] == "facts" and "林芳正" in ev["quote"] and ev["line"] == 2


def test_reference_on_the_demo_corpus(tmp_path):
    out = tmp_path / "r.json"
    r = cli("report", str(EXAMPLES), "-o", str(tmp_path / "r.html"), "--json", str(out),
            "--reference", str(EXAMPLES / "facts.yaml"), "-q")
    assert r.returncode == 0, r.stderr
    rep = json.loads(out.read_text(encoding="utf-8"))
    assert not [f for f in rep["findings"] if f["source"] == "facts"]
    mis = [f for f in rep["findings"] if f["type"] == "misattribution"]
    assert mis and mis[0]["source"] == "03_blog"
    assert any(e["source"] == "facts" for e in mis[0]["contradicted_by"])


def test_bad_reference_is_an_input_error(tmp_path):
    (tmp_path / "bad.yaml").write_text("offices: [ {person: x", encoding="utf-8")
    r = cli("report", str(EXAMPLES), "-o", str(tmp_path / "r.html"), "--reference", str(tmp_path / "bad.yaml"))
    assert r.returncode == 2 and "not valid YAML" in r.stderr and "Traceback" not in r.stderr
    (tmp_path / "bad2.yaml").write_text("offices:\n  - person: x\n    office: 首相\n    from: yesterday\n",
                                        encoding="utf-8")
    r = cli("report", str(EXAMPLES), "-o", str(tmp_path / "r.html"), "--reference", str(tmp_path / "bad2.yaml"))
    assert r.returncode == 2 and "not a date" in r.stderr
