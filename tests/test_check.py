"""check: new documents judged against a claim store or paths; exit codes, config, baseline, suppressions."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from checker.check import check
from checker.cli import main
from checker.config import MAX_RELATED, load_config, parse_directive
from checker.pipeline import run
from checker.store import Store, add_documents
from claims.ingest import InputError, read_documents
from claims.parse import Parser
from claims.segment import split

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = [SEEDS / f"{i}.txt" for i in ("000_931b40af5cfd0f8d", "002_ef34caf79d6341c1", "003_cefe247cd97587d1",
                                       "004_c0298d739a49e9f8")]
NEW = SEEDS / "001_8a2d6b2a3bfeeda8.txt"
S004 = SEEDS / "004_c0298d739a49e9f8.txt"
FINDING_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>CC\d{3}) (?P<type>[a-z_]+) (?P<msg>.+)$")


def run_cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "checker", *map(str, args)], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def parser():
    return Parser()  # the default parse cache: seeds are parsed once per machine


@pytest.fixture(scope="module")
def store_db(tmp_path_factory, parser):
    """Seeds 000, 002, 003 and 004 in a claim store."""
    db = str(tmp_path_factory.mktemp("store") / "store.db")
    with Store.open(db, create=True) as store:
        add_documents(store, read_documents(CORPUS), parser)
    return db


@pytest.fixture(scope="module")
def result(store_db, parser):
    return check([str(NEW)], [store_db], parser)


def key(findings):
    return sorted((f.code, f.evidence[0].line, f.severity, f.message) for f in findings)


# -- the two runs the issue asks for ----------------------------------------------------------------

def test_misattribution_against_a_store_exits_1(tmp_path):
    db = tmp_path / "store.db"
    r = run_cli("store", "add", *CORPUS, "--store", db, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = run_cli("check", NEW, "--against", db, cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    lines = [m for m in map(FINDING_LINE.match, r.stdout.splitlines()) if m]
    hits = [m for m in lines if m["code"] == "CC101" and "オースティン" in m["msg"]]
    assert len(hits) == 1
    m = hits[0]
    assert m["path"] == str(NEW) and m["type"] == "misattribution"
    text_line = NEW.read_text(encoding="utf-8").splitlines()[int(m["line"]) - 1]
    assert text_line[int(m["col"]) - 1:].startswith("ロイド・オースティン")


def test_004_against_000_exits_0(tmp_path):
    db = tmp_path / "store.db"
    assert run_cli("store", "add", CORPUS[0], "--store", db, cwd=tmp_path).returncode == 0
    r = run_cli("check", S004, "--against", db, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert not [m for m in map(FINDING_LINE.match, r.stdout.splitlines()) if m and "[error]" in m["msg"]]


# -- the same judgement whatever the corpus is ------------------------------------------------------

def test_store_and_paths_and_full_report_agree(result, parser):
    by_paths = check([str(NEW)], [str(p) for p in CORPUS], parser)
    assert key(by_paths.findings) == key(result.findings)
    full = run([SEEDS], parser)
    assert key(f for f in full.findings if f.source == NEW.stem) == key(result.findings)


def test_only_new_documents_are_reported(result):
    assert result.new == [NEW.stem]
    assert {f.source for f in result.findings} == {NEW.stem}
    assert sorted(result.compared) == sorted(p.stem for p in CORPUS) and result.corpus == 4


def test_a_document_already_in_the_store_is_judged_as_its_new_version(store_db, parser):
    r = check([str(CORPUS[1])], [store_db], parser)
    assert CORPUS[1].stem not in r.compared and r.corpus == 3


def test_large_store_parses_only_the_new_document(tmp_path, parser):
    """1,000 synthetic documents and the seeds in a store: the check parses 001's sentences and nothing else."""
    sys.path.insert(0, str(ROOT / "bench"))
    from synth import synthetic_extractions

    from claims.extract import extract_documents

    seeds, _ = extract_documents(read_documents(CORPUS), parser)
    db = str(tmp_path / "big.db")
    with Store.open(db, create=True) as store:
        store.put(synthetic_extractions(parser, 1000) + seeds)
        assert len(store.documents()) == 1004
    counting = Parser(cache_dir=tmp_path / "fresh-cache")
    r = check([str(NEW)], [db], counting)
    sentences = {s.text for s in split(read_documents([NEW])[0].text).sentences}  # repeats are parsed once
    assert counting.calls == len(sentences)
    assert r.corpus == 1004 and len(r.compared) <= MAX_RELATED
    assert {p.stem for p in CORPUS} <= set(r.compared)
    assert any(f.code == "CC101" and "オースティン" in f.message for f in r.findings)


# -- exit codes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("fail_on, status", [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on(store_db, fail_on, status, capsys):
    assert main(["check", str(NEW), "--against", store_db, "--fail-on", fail_on, "-q"]) == status


def test_fail_on_warning_counts_warnings(store_db, capsys, tmp_path):
    new = tmp_path / NEW.name  # the seed with template residue left in it: a warning (CC301)
    new.write_text(NEW.read_text(encoding="utf-8") + "\n次回の会談は2025年XX月XX日に予定されている。\n",
                   encoding="utf-8")
    argv = ["check", str(new), "--against", store_db, "-q", "--ignore", "CC101", "--ignore", "role_conflict"]
    assert main(argv) == 0
    assert main(argv + ["--fail-on", "warning"]) == 1
    out = capsys.readouterr().out
    assert "CC101" not in out and "CC102" not in out and "CC301" in out


@pytest.mark.parametrize("argv, message", [
    (["check", "{tmp}/missing.txt", "--against", "{db}"], "no such file"),
    (["check", str(NEW), "--against", "{tmp}/missing.db"], "no such claim store"),
    (["check", str(NEW), "--against", "{tmp}/corrupt.db"], "not a claim store"),
    (["check", str(NEW), "--against", "{db}", str(SEEDS)], "one claim store or document paths"),
    (["check", str(NEW)], "no corpus to check against"),
    (["check", str(NEW), "--against", str(NEW)], "no documents besides"),
    (["check", str(NEW), "--against", "{db}", "--ignore", "CC999"], "unknown finding code"),
    (["check", str(NEW), "--against", "{db}", "--baseline", "{tmp}/none.json"], "cannot read the baseline"),
])
def test_input_errors_exit_2(tmp_path, store_db, monkeypatch, capsys, argv, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corrupt.db").write_bytes(b"\x00garbage" * 100)
    assert main([a.format(tmp=tmp_path, db=store_db) for a in argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize("args, message", [
    (["--format", "xml"], "invalid choice"),
    (["--max-related", "0"], "at least 1"),
])
def test_usage_error_exits_2(tmp_path, args, message):
    r = run_cli("check", *args, NEW, cwd=tmp_path)
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr


# -- configuration ------------------------------------------------------------------------------------

def test_pyproject_settings(tmp_path, store_db, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.claimcheck]\nfail-on = "never"\nignore = ["CC102", "unsupported_claim"]\nstore = "{store_db}"\n',
        encoding="utf-8")
    sub = tmp_path / "docs"
    sub.mkdir()
    monkeypatch.chdir(sub)  # found by walking up, as ruff does
    assert main(["check", str(NEW), "-q"]) == 0
    out = capsys.readouterr().out
    assert "CC101" in out and "CC102" not in out and "CC201" not in out
    assert main(["check", str(NEW), "-q", "--fail-on", "error"]) == 1  # the command line wins


@pytest.mark.parametrize("body, message", [
    ('fail_on = "error"', "fail_on: Extra inputs are not permitted"),
    ('fail-on = "sometimes"', "fail-on: Input should be"),
    ('ignore = ["CC555"]', "unknown finding code CC555"),
    ("fail-on = ", "Invalid value"),
])
def test_bad_config_is_an_input_error(tmp_path, body, message):
    p = tmp_path / "pyproject.toml"
    p.write_text(f"[tool.claimcheck]\n{body}\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_config(str(p))


def test_config_paths_are_relative_to_the_pyproject(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.claimcheck]\nstore = "corpus.db"\nbaseline = "b.json"\n')
    monkeypatch.chdir(tmp_path / ".." )
    c = load_config(start=tmp_path)
    assert Path(c.store).resolve() == tmp_path / "corpus.db" and Path(c.baseline).resolve() == tmp_path / "b.json"


# -- baseline -----------------------------------------------------------------------------------------

def test_baseline_hides_known_findings_and_shows_new_ones(tmp_path, store_db, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    base = tmp_path / "baseline.json"
    assert main(["check", str(NEW), "--against", store_db, "-q", "--write-baseline", str(base)]) == 0
    data = json.loads(base.read_text(encoding="utf-8"))
    assert {r["code"] for r in data["findings"]} >= {"CC101", "CC102"}
    assert all("line" not in r for r in data["findings"])
    capsys.readouterr()
    assert main(["check", str(NEW), "--against", store_db, "-q", "--baseline", str(base)]) == 0
    assert "hidden by the baseline" in capsys.readouterr().out

    # the same text moved down two lines: still known; one more 前大統領: new
    text = NEW.read_text(encoding="utf-8")
    edited = tmp_path / NEW.name
    edited.write_text("\n\n" + text, encoding="utf-8")
    assert main(["check", str(edited), "--against", store_db, "-q", "--baseline", str(base)]) == 0
    edited.write_text("\n\n" + text + "\nトランプ前大統領は同日、声明を出した。\n", encoding="utf-8")
    assert main(["check", str(edited), "--against", store_db, "-q", "--baseline", str(base)]) == 1
    out = capsys.readouterr().out
    assert len([ln for ln in out.splitlines() if FINDING_LINE.match(ln)]) == 1


# -- inline suppressions --------------------------------------------------------------------------------

@pytest.mark.parametrize("body, codes, reason, problem", [
    (" ignore CC101 quoted verbatim from the wire ", ("CC101",), "quoted verbatim from the wire", None),
    (" ignore CC101,role_conflict both as printed", ("CC101", "CC102"), "both as printed", None),
    (" ignore CC101 ", ("CC101",), "", "needs a reason"),
    (" ignore CC999 typo", (), "", "unknown finding code CC999"),
    (" ignore", (), "", "no finding code"),
    (" skip CC101 why", (), "", "not a claimcheck directive"),
])
def test_parse_directive(body, codes, reason, problem):
    got_codes, got_reason, got_problem = parse_directive(body)
    assert (got_codes, got_reason) == (codes, reason)
    assert (problem is None and got_problem is None) or problem in got_problem


def _with_comment(comment: str, before: str = "ロイド・オースティン") -> list[str]:
    lines = NEW.read_text(encoding="utf-8").splitlines()
    k = next(i for i, ln in enumerate(lines) if before in ln)
    return lines[:k] + [comment] + lines[k:]


def test_markdown_suppression_with_a_reason(tmp_path, store_db, parser):
    doc = tmp_path / f"{NEW.stem}.md"
    doc.write_text("\n".join(_with_comment("<!-- claimcheck: ignore CC101 the wire printed this name -->")) + "\n",
                   encoding="utf-8")
    r = check([str(doc)], [store_db], parser)
    assert "CC101" not in {f.code for f in r.findings}
    assert [(f.code, reason) for f, reason in r.suppressed] == [("CC101", "the wire printed this name")]
    assert "CC102" in {f.code for f in r.findings}  # only the named code


def test_suppression_without_reason_is_reported_and_suppresses_nothing(tmp_path, store_db, parser):
    doc = tmp_path / f"{NEW.stem}.md"
    doc.write_text("\n".join(_with_comment("<!-- claimcheck: ignore CC101 -->")) + "\n", encoding="utf-8")
    r = check([str(doc)], [store_db], parser)
    codes = [f.code for f in r.findings]
    assert "CC101" in codes and "CC901" in codes and not r.suppressed
    bad = next(f for f in r.findings if f.code == "CC901")
    assert bad.severity == "warning" and "needs a reason" in bad.message
    assert bad.evidence[0].quote == "<!-- claimcheck: ignore CC101 -->"


def test_html_suppression_read_from_the_raw_file(tmp_path, store_db, parser):
    lines = _with_comment("<!-- claimcheck: ignore misattribution quoted as published -->")
    body = "\n".join(ln if ln.startswith("<!--") else f"<p>{ln}</p>" for ln in lines if ln.strip())
    doc = tmp_path / f"{NEW.stem}.html"
    doc.write_text(f"<html><head><title>t</title></head><body>\n{body}\n</body></html>\n", encoding="utf-8")
    r = check([str(doc)], [store_db], parser)
    assert "CC101" not in {f.code for f in r.findings}
    assert [f.code for f, _ in r.suppressed] == ["CC101"]


# -- score diff -----------------------------------------------------------------------------------------

def test_score_diff_when_004_joins_000(tmp_path, parser):
    db = str(tmp_path / "one.db")
    with Store.open(db, create=True) as store:
        add_documents(store, read_documents(CORPUS[:1]), parser)
    r = check([str(S004)], [db], parser)
    by_id = {s.id: s for s in r.diff.sources}
    assert by_id[S004.stem].before is None and by_id[S004.stem].counts["claims"] > 0
    old = by_id[CORPUS[0].stem]
    assert old.after > old.before  # 004 corroborates 000
    assert r.diff.claims and all(c.source == CORPUS[0].stem for c in r.diff.claims)
    assert {(c.before, c.after) for c in r.diff.claims} >= {("unsupported", "corroborated")}


def test_score_diff_in_text_and_json(store_db, capsys):
    main(["check", str(NEW), "--against", store_db, "-q"])
    out = capsys.readouterr().out
    assert "source scores:" in out and f"{NEW.stem}  new" in out
    main(["check", str(NEW), "--against", store_db, "-q", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["score_diff"]["sources"][0]["id"] == NEW.stem or any(
        s["id"] == NEW.stem and s["before"] is None for s in data["score_diff"]["sources"])
