"""The command line as a user runs it: help with examples, clean errors, exit codes, extract."""
from __future__ import annotations

import json
import re

import pytest

from _runs import EXAMPLES, ROOT, cli


@pytest.mark.parametrize("command", ["report", "check", "extract"])
def test_help_has_examples(command):
    r = cli(command, "--help")
    assert r.returncode == 0
    assert "examples:" in r.stdout and f"claimcheck {command}" in r.stdout


def test_readme_documents_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("report", "check", "extract", "store add", "store list"):
        assert f"claimcheck {command}" in readme


def test_no_command_prints_help_and_exits_2():
    r = cli()
    assert r.returncode == 2 and "usage:" in r.stderr


@pytest.mark.parametrize("args,message", [
    (["report", "does/not/exist", "-o", "x.html"], "no such file"),
    (["report", ".ci", "-o", "x.html"], "no .txt"),
    (["extract", "pyproject.toml"], "unsupported file type"),
])
def test_bad_input_is_one_clear_line(args, message, tmp_path):
    args = [a if a != "x.html" else str(tmp_path / "x.html") for a in args]
    r = cli(*args)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert message in r.stderr and r.stderr.startswith("claimcheck: error:")


def test_binary_and_odd_files_do_not_crash(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\xff" * 500)
    r = cli("report", str(tmp_path / "bin.txt"), "-o", str(tmp_path / "r.html"))
    assert r.returncode == 2 and "binary" in r.stderr and "Traceback" not in r.stderr
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "sjis.txt").write_bytes("ヘグセス米国防長官は12日、演説した。".encode("shift_jis"))
    r = cli("report", str(tmp_path / "empty.txt"), str(tmp_path / "sjis.txt"), "-o", str(tmp_path / "r.html"),
            "--json", str(tmp_path / "r.json"), "-q")
    assert r.returncode == 0, r.stderr
    rep = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {s["id"] for s in rep["sources"]} == {"empty", "sjis"}


def test_extract_writes_json_lines(tmp_path):
    out = tmp_path / "claims.jsonl"
    r = cli("extract", str(EXAMPLES), "-o", str(out), "-q")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 50
    for row in rows:
        assert {"id", "source", "kind", "subject", "predicate", "object", "qualifiers", "quote", "start", "end",
                "line"} <= row.keys()
    roles = [r for r in rows if r["kind"] == "role" and r["subject"] == "松野博一"]
    assert roles and roles[0]["qualifiers"]["role"] == "官房長官"


def test_report_summary_on_stderr(tmp_path):
    r = cli("report", str(EXAMPLES), "-o", str(tmp_path / "r.html"))
    assert r.returncode == 0, r.stderr
    assert re.search(r"\d+ sources, \d+ claims", r.stderr)
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!doctype html>")
