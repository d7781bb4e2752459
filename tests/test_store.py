"""The claim store: documents parsed once, kept in SQLite; store add / store list as a user runs them."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main
from checker.store import Store, _office_keys, add_documents, entity_rows, is_store
from claims.ingest import InputError, read_documents
from claims.parse import Parser

ROOT = Path(__file__).resolve().parents[1]

DOCS = {
    "a_wire.txt": "ドルナバのホセ・アルベルダ大統領は2019年10月15日、カルタヘナでミレニアのサンドロ・ベルキニ首相と会談した。\n"
                  "会談は45分間に及んだ。\n",
    "b_blog.md": "# 会談のまとめ\n\nアルベルダ大統領は2019年10月15日、カルタヘナでベルキニ首相と会談した。\n\n"
                 "アルベルダ大統領は「両国の協力を強化する」と述べた。\n",
}


@pytest.fixture(scope="module")
def parser(tmp_path_factory):
    """One model load for the module; a fresh parse cache so that parses can be counted."""
    return Parser(cache_dir=tmp_path_factory.mktemp("parse-cache"))


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_add_stores_documents_claims_and_entities(tmp_path, corpus, parser):
    with Store.open(str(tmp_path / "c.db"), create=True) as store:
        result = add_documents(store, read_documents([corpus]), parser)
        assert result.added == ["a_wire", "b_blog"] and not result.updated and not result.unchanged
        rows = {r.id: r for r in store.documents()}
        assert set(rows) == {"a_wire", "b_blog"}
        assert all(r.claims > 0 and r.entities > 0 and len(r.sha256) == 64 for r in rows.values())
        people = {n for (n,) in store.conn.execute("SELECT name FROM entities WHERE type = 'person'")}
        assert "ホセ・アルベルダ" in people
        assert "ホセ・アルベルダ" in store.names().known  # the corpus-wide name pool, from stored mentions


def test_stored_extractions_round_trip(tmp_path, corpus, parser):
    from claims.extract import extract_documents

    docs = read_documents([corpus])
    extractions, _ = extract_documents(docs, parser)
    with Store.open(str(tmp_path / "c.db"), create=True) as store:
        store.put(extractions)
        assert store.load() == extractions
        assert store.load(["b_blog"]) == [extractions[1]]


def test_unchanged_file_is_not_parsed_again(tmp_path, corpus, parser):
    db = str(tmp_path / "c.db")
    with Store.open(db, create=True) as store:
        add_documents(store, read_documents([corpus]), parser)
        before = store.conn.execute("SELECT id, extraction FROM documents ORDER BY id").fetchall()
    calls = parser.calls
    with Store.open(db) as store:
        result = add_documents(store, read_documents([corpus]), parser)
        assert result.unchanged == ["a_wire", "b_blog"] and not result.added and not result.updated
        assert store.conn.execute("SELECT id, extraction FROM documents ORDER BY id").fetchall() == before
    assert parser.calls == calls


def test_changed_file_replaces_its_claims(tmp_path, corpus, parser):
    db = str(tmp_path / "c.db")
    with Store.open(db, create=True) as store:
        add_documents(store, read_documents([corpus]), parser)
        old = {q for (q,) in store.conn.execute("SELECT quote FROM claims WHERE source = 'a_wire'")}
    (corpus / "a_wire.txt").write_text("ミレニアのサンドロ・ベルキニ首相は2020年11月20日、ドルナバを訪問した。\n", encoding="utf-8")
    with Store.open(db) as store:
        result = add_documents(store, read_documents([corpus]), parser)
        assert result.updated == ["a_wire"] and result.unchanged == ["b_blog"]
        new = {q for (q,) in store.conn.execute("SELECT quote FROM claims WHERE source = 'a_wire'")}
        assert new and not new & {q for q in old if "アルベルダ" in q}
        (ex,) = store.load(["a_wire"])
        assert {c.quote for c in ex.claims} == new
        assert store.conn.execute("SELECT count(*) FROM entities WHERE source = 'a_wire' AND name = 'ホセ・アルベルダ'"
                                  ).fetchone() == (0,)


def test_a_failed_replacement_leaves_the_old_document(tmp_path, corpus, parser):
    from claims.extract import extract_documents

    db = str(tmp_path / "c.db")
    with Store.open(db, create=True) as store:
        add_documents(store, read_documents([corpus]), parser)
        before = store.conn.execute("SELECT count(*) FROM claims WHERE source = 'a_wire'").fetchone()
        (ex,), _ = extract_documents(read_documents([corpus / "a_wire.txt"]), parser)
        broken = ex.model_copy(update={"claims": ex.claims + ex.claims[:1]})  # a duplicate claim id
        with pytest.raises(InputError, match="cannot write"):
            store.put([broken])
        assert store.conn.execute("SELECT count(*) FROM claims WHERE source = 'a_wire'").fetchone() == before
        assert [d.id for d in store.documents()] == ["a_wire", "b_blog"]


def test_moved_file_keeps_its_claims_and_records_the_new_path(tmp_path, corpus, parser):
    db = str(tmp_path / "c.db")
    with Store.open(db, create=True) as store:
        add_documents(store, read_documents([corpus]), parser)
    moved = tmp_path / "elsewhere"
    corpus.rename(moved)
    calls = parser.calls
    with Store.open(db) as store:
        result = add_documents(store, read_documents([moved]), parser)
        assert result.unchanged == ["a_wire", "b_blog"]
        assert {r.path for r in store.documents()} == {str(moved / n) for n in DOCS}
        assert {ex.document.path for ex in store.load()} == {str(moved / n) for n in DOCS}
    assert parser.calls == calls


@pytest.mark.parametrize("role, time, query, expected", [
    ("国防長官", "2025-02-12", False, {"o:国防長官@2025-02"}),
    ("国防長官", "2025", False, {"o:国防長官@2025"}),
    ("国防長官", None, False, set()),
    ("国防長官", "2025-02-12", True, {"o:国防長官@2025"} | {f"o:国防長官@{m}" for m in (
        "2024-11", "2024-12", "2025-01", "2025-02", "2025-03", "2025-04", "2025-05")}),
    ("首相", "2025", True, {"o:首相@2025"} | {f"o:首相@2025-{m:02d}" for m in range(1, 13)}),
])
def test_office_keys_cover_every_date_near_in_time(role, time, query, expected):
    assert _office_keys(role, time, query) == expected


def test_entity_rows_name_people_places_offices_and_days(tmp_path, corpus, parser):
    from claims.extract import extract_documents

    (ex,), _ = extract_documents(read_documents([corpus / "a_wire.txt"]), parser)
    rows = entity_rows(ex)
    types = {t for t, *_ in rows}
    assert {"person", "place", "office", "date"} <= types
    assert ("date", "d:2019-10-15") in {(t, k) for t, k, *_ in rows}


# -- the command line -------------------------------------------------------------------------------

def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "checker", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT)


def test_store_add_and_list_as_a_user_runs_them(tmp_path, corpus):
    db = tmp_path / "corpus.db"
    r = run_cli("store", "add", corpus, "--store", db)
    assert r.returncode == 0, r.stderr
    assert "2 added, 0 updated, 0 unchanged; 2 documents" in r.stderr
    r = run_cli("store", "add", corpus / "a_wire.txt", "--store", db)
    assert r.returncode == 0 and "0 added, 0 updated, 1 unchanged; 2 documents" in r.stderr
    r = run_cli("store", "list", "--store", db)
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert lines[0].split()[:4] == ["document", "claims", "entities", "sha256"]
    assert [ln.split()[0] for ln in lines[1:3]] == ["a_wire", "b_blog"]
    assert lines[-1].startswith("2 documents, ")


def test_store_list_json(tmp_path, corpus, capsys):
    db = str(tmp_path / "corpus.db")
    assert main(["store", "add", str(corpus), "--store", db, "-q"]) == 0
    assert main(["store", "list", "--store", db, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ["a_wire", "b_blog"]
    assert set(rows[0]) == {"id", "path", "sha256", "claims", "entities"}


def test_store_path_from_pyproject(tmp_path, corpus, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text('[tool.claimcheck]\nstore = "data/corpus.db"\n', encoding="utf-8")
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["store", "add", str(corpus), "-q"]) == 0
    assert (tmp_path / "data" / "corpus.db").is_file()


@pytest.mark.parametrize("setup, args, message", [
    (None, ["store", "list", "--store", "{tmp}/missing.db"], "no such claim store"),
    ("garbage", ["store", "list", "--store", "{tmp}/bad.db"], "not a claim store"),
    ("other-sqlite", ["store", "list", "--store", "{tmp}/other.db"], "not a claim store"),
    (None, ["store", "add", "{corpus}", "--store", "{tmp}/no/such/folder/c.db"], "does not exist"),
    (None, ["store", "add", "{tmp}/nothing-here", "--store", "{tmp}/c.db"], "no such file"),
    (None, ["store", "list"], "no claim store"),
])
def test_bad_store_input_exits_2_without_traceback(tmp_path, corpus, monkeypatch, capsys, setup, args, message):
    monkeypatch.chdir(tmp_path)
    if setup == "garbage":
        (tmp_path / "bad.db").write_bytes(b"this is not a database at all" * 10)
    if setup == "other-sqlite":
        sqlite3.connect(tmp_path / "other.db").execute("CREATE TABLE t (x)").connection.close()
    argv = [a.format(tmp=tmp_path, corpus=corpus) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "c.db").exists()


def test_store_without_action_prints_usage(capsys):
    assert main(["store"]) == 2
    assert "add" in capsys.readouterr().err


def test_is_store():
    assert is_store("corpus.db") and is_store("x.sqlite")
    assert not is_store(str(ROOT / "pyproject.toml"))
