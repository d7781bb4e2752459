"""Every quote in every report is the exact text at its offsets and line, in the file as it is."""
from __future__ import annotations

from pathlib import Path

import pytest

from _runs import CORPUS2, EXAMPLES, SEEDS, report


def _text(path: str) -> str:
    return Path(path).read_text(encoding="utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("corpus", [SEEDS, CORPUS2, EXAMPLES, CORPUS2.parent / "corpus3", CORPUS2.parent / "corpus4",
                                    CORPUS2.parent / "corpus5", CORPUS2.parent / "corpus6"],
                         ids=lambda p: p.name)
def test_quotes_match_offsets_and_lines(corpus):
    rep, _, _ = report(corpus)
    paths = {s["id"]: s["path"] for s in rep["sources"]}
    texts = {sid: _text(p) for sid, p in paths.items()}
    evidence = []
    for f in rep["findings"]:
        evidence += f["evidence"] + f["contradicted_by"] + f["supported_by"]
    for a in rep["agreements"]:
        evidence += a["evidence"]
    evidence += rep["claims"]
    assert evidence
    for e in evidence:
        text = texts[e["source"]]
        assert text[e["start"]:e["end"]] == e["quote"], e
        assert text.count("\n", 0, e["start"]) + 1 == e["line"], e


def test_report_is_deterministic(tmp_path):
    from _runs import cli

    outputs = []
    for k in range(2):  # two processes: different hash seeds, same bytes
        html, js = tmp_path / f"r{k}.html", tmp_path / f"r{k}.json"
        r = cli("report", str(EXAMPLES), "-o", str(html), "--json", str(js), "-q")
        assert r.returncode == 0, r.stderr
        outputs.append((html.read_bytes(), js.read_bytes()))
    assert outputs[0] == outputs[1]
