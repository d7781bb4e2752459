"""The extraction and report caches: a warm run gives the cold run's output and skips the work."""
from __future__ import annotations

import pytest

from checker.cli import main

DOCS = {
    "a": "【東京＝共同】東京都知事選挙は2024年6月20日に告示された。投開票は7月7日に行われた。\n（共同通信 山田太郎）\n",
    "b": "2024年の東京都知事選挙は6月20日に告示され、56人が立候補した。投開票は7月7日だった。\n",
    "c": "東京都知事選挙は2024年6月18日に告示された。投開票は7月7日。\n",
}


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    from claims.parse import default_cache_dir

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in DOCS.items():
        (docs / f"{name}.txt").write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    (default_cache_dir() / "parses").mkdir(parents=True, exist_ok=True)
    (cache / "parses").symlink_to(default_cache_dir() / "parses", target_is_directory=True)
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(cache))
    return docs, cache


def _report(docs, out, name: str) -> tuple[bytes, bytes]:
    html, js = out / f"{name}.html", out / f"{name}.json"
    assert main(["report", str(docs), "-o", str(html), "--json", str(js), "-q", "--jobs", "1"]) == 0
    return html.read_bytes(), js.read_bytes()


def _refuse(*_a, **_k):
    raise AssertionError("a warm run must not do this")


@pytest.mark.slow
def test_a_warm_report_is_the_cold_one_and_skips_extraction_and_analysis(corpus, tmp_path, monkeypatch):
    import checker.pipeline
    import claims.extract

    docs, cache = corpus
    cold = _report(docs, tmp_path, "cold")
    assert any((cache / "reports").iterdir()) and any((cache / "extractions").rglob("*.pkl"))
    with monkeypatch.context() as m:
        m.setattr(checker.pipeline, "analyse", _refuse)
        m.setattr(claims.extract.DocExtractor, "run", _refuse)
        assert _report(docs, tmp_path, "warm") == cold
    # the analysis changed (another code version): analysed again, from the cached extractions
    for entry in (cache / "reports").iterdir():
        for f in entry.iterdir():
            f.unlink()
        entry.rmdir()
    with monkeypatch.context() as m:
        m.setattr(claims.extract.DocExtractor, "run", _refuse)
        assert _report(docs, tmp_path, "analysed") == cold


@pytest.mark.slow
def test_an_edited_document_is_a_new_report(corpus, tmp_path):
    docs, _ = corpus
    cold = _report(docs, tmp_path, "cold")
    (docs / "c.txt").write_text(DOCS["c"].replace("6月18日", "6月20日"), encoding="utf-8")
    edited = _report(docs, tmp_path, "edited")
    assert edited != cold and "6月18日".encode() not in edited[1]
    (docs / "c.txt").write_text(DOCS["c"], encoding="utf-8")
    assert _report(docs, tmp_path, "back") == cold


def test_keys_change_with_the_code_and_the_model(tmp_path, monkeypatch):
    import checker.report_cache as RC
    import claims.cache as EC
    from claims.ingest import read_documents

    d = tmp_path / "a.txt"
    d.write_text(DOCS["a"], encoding="utf-8")
    docs = read_documents([d])
    ext, rep = EC.ExtractionCache(tmp_path), RC.ReportCache(tmp_path)
    path, key = ext._path(docs[0]), rep.key(docs, [], [])
    monkeypatch.setattr(EC, "STACK", EC.STACK.replace("ja-ginza=", "ja-ginza=0.0.0+"))
    monkeypatch.setattr(RC, "STACK", EC.STACK)
    assert EC.ExtractionCache(tmp_path)._path(docs[0]) != path
    assert rep.key(docs, [], []) != key
    monkeypatch.undo()
    monkeypatch.setattr(EC, "code_version", lambda *p: "another version")
    monkeypatch.setattr(RC, "code_version", lambda *p: "another version")
    assert EC.ExtractionCache(tmp_path)._path(docs[0]) != path
    assert rep.key(docs, [], []) != key
    assert rep.key(docs, [], ["a note"]) != rep.key(docs, [], [])


def test_the_parse_cache_key_names_the_model_version(monkeypatch):
    import claims.parse as P

    assert "ja-ginza=" in P.STACK  # the model package's version
    before = P.Parser()._doc_key(["文。"])
    monkeypatch.setattr(P, "STACK", P.STACK.replace("ja-ginza=", "ja-ginza=0.0.0+"))
    assert P.Parser()._doc_key(["文。"]) != before
