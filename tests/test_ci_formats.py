"""The CI renderings of a check: text, JSON, GitHub annotations, JUnit XML, SARIF 2.1.0 (schema-valid)."""
from __future__ import annotations

import json
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from checker.check import check
from checker.config import CODES, fingerprint
from checker.store import Store, add_documents
from claims.ingest import read_documents
from claims.parse import Parser
from reports.ci import _gh_prop, _uri, render_check

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
CORPUS = [SEEDS / f"{i}.txt" for i in ("000_931b40af5cfd0f8d", "002_ef34caf79d6341c1", "003_cefe247cd97587d1",
                                       "004_c0298d739a49e9f8")]
NEW = Path(tempfile.mkdtemp(prefix="claimcheck-ci-")) / "001_8a2d6b2a3bfeeda8.txt"
if (SEEDS / NEW.name).is_file():  # the seed with template residue left in it, so that it has a warning
    NEW.write_text((SEEDS / NEW.name).read_text(encoding="utf-8")
                   + "\n次回の会談は2025年XX月XX日に予定されている。\n", encoding="utf-8")
FINDING_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>CC\d{3}) (?P<type>[a-z_]+) (?P<msg>.+)$")


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    parser = Parser()
    db = str(tmp_path_factory.mktemp("store") / "store.db")
    with Store.open(db, create=True) as store:
        add_documents(store, read_documents(CORPUS), parser)
    r = check([str(NEW)], [db], parser)
    assert {f.severity for f in r.findings} >= {"error", "warning"}
    return r


@pytest.fixture(scope="module")
def text():
    return NEW.read_text(encoding="utf-8").splitlines()


def at(text, line, col) -> str:
    return text[line - 1][col - 1:]


def test_text_lines_point_at_the_evidence(result, text):
    out = render_check(result, "text")
    hits = [m for m in map(FINDING_LINE.match, out.splitlines()) if m]
    assert len(hits) == len(result.findings)
    for m, f in zip(hits, result.findings):
        assert (m["path"], m["code"], m["type"], m["msg"]) == (str(NEW), f.code, f.type, f.message)
        assert at(text, int(m["line"]), int(m["col"])).startswith(f.evidence[0].quote.split("\n")[0])
    errors = sum(1 for f in result.findings if f.severity == "error")
    assert any(ln.startswith(f"{len(result.findings)} findings ({errors} errors, ") for ln in out.splitlines())


def test_json(result):
    data = json.loads(render_check(result, "json"))
    assert data["checked"] == [NEW.stem] and data["schema_version"] == 1
    assert len(data["findings"]) == len(result.findings)
    for row, f in zip(data["findings"], result.findings):
        assert (row["path"], row["code"], row["line"], row["fingerprint"]) == (str(NEW), f.code, f.evidence[0].line,
                                                                               fingerprint(f))
    assert {"sources", "claims"} <= set(data["score_diff"])


def test_github_annotations(result, text):
    out = render_check(result, "github")
    lines = out.splitlines()
    assert len(lines) == len(result.findings)
    pat = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+)(?:,endColumn=(\d+))?,"
                     r"title=(CC\d{3}) ([a-z_]+)::(.+)$")
    for ln, f in zip(lines, result.findings):
        m = pat.match(ln)
        assert m, ln
        assert m[1] == {"error": "error", "warning": "warning", "info": "notice"}[f.severity]
        assert m[2] == str(NEW) and m[7] == f.code
        assert at(text, int(m[3]), int(m[4])).startswith(f.evidence[0].quote.split("\n")[0])


def test_github_escaping():
    assert _gh_prop("a,b:c%d\ne") == "a%2Cb%3Ac%25d%0Ae"


def test_junit_failures_follow_fail_on(result):
    errors = sum(1 for f in result.findings if f.severity == "error")
    flagged = sum(1 for f in result.findings if f.severity in ("error", "warning"))
    for fail_on, failures in (("error", errors), ("warning", flagged), ("never", 0)):
        root = ET.fromstring(render_check(result, "junit", fail_on))
        assert root.tag == "testsuites" and int(root.get("failures")) == failures
        (suite,) = root.findall("testsuite")
        assert suite.get("name") == str(NEW)
        cases = suite.findall("testcase")
        assert len(cases) == len(result.findings)
        assert sum(1 for c in cases if c.find("failure") is not None) == failures


def test_sarif_validates_against_the_2_1_0_schema(result):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(render_check(result, "sarif"))
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, "\n".join(e.message for e in errors[:5])
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(CODES.values())
    for res, f in zip(run["results"], result.findings):
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == f.code
        region = res["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["snippet"]["text"]) == (f.evidence[0].line, f.evidence[0].quote)
        assert res["partialFingerprints"]["claimcheck/v1"] == fingerprint(f)
        assert len(res.get("relatedLocations", [])) == len(f.contradicted_by)


def test_sarif_without_findings_validates(result):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    empty = type(result)(new=result.new, findings=[], report=result.report, diff=result.diff)
    log = json.loads(render_check(empty, "sarif"))
    assert not list(jsonschema.Draft4Validator(schema).iter_errors(log))
    assert log["runs"][0]["results"] == []


def test_uris():
    assert _uri("docs/記事 1.md") == "docs/%E8%A8%98%E4%BA%8B%201.md"
    assert _uri("/tmp/a b.txt") == "file:///tmp/a%20b.txt"


def test_renderings_are_deterministic(result):
    for fmt in ("text", "json", "github", "junit", "sarif"):
        assert render_check(result, fmt) == render_check(result, fmt)


def test_every_code_is_documented():
    """The README's codes table lists every finding code with its type."""
    doc = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "README.md", ROOT / "docs" / "ci.md")
                    if p.is_file())
    for typ, code in CODES.items():
        assert re.search(rf"\|\s*`?{code}`?\s*\|\s*`?{typ}`?\s*\|", doc), f"{code} {typ} is not documented"
