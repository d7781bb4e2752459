"""A report of many sources stays small: bounded charts and claim tables, every link still lands."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import reports.render as R
from checker.pipeline import analyse
from claims.extract import extract_documents
from claims.ingest import read_documents
from claims.parse import Parser

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the clone")


def test_large_report_bounds_what_it_shows_and_keeps_every_anchor(monkeypatch):
    report = analyse(extract_documents(read_documents([SEEDS]), Parser())[0])
    monkeypatch.setattr(R, "LARGE", 2)  # the seeds' five sources count as a large corpus
    monkeypatch.setattr(R, "CHART_SOURCES", 2)
    monkeypatch.setattr(R, "CLAIMS_SHOWN", 3)
    monkeypatch.setattr(R, "AGREEMENTS_SHOWN", 4)
    soup = BeautifulSoup(R.render_html(report), "html.parser")
    assert len(soup.select("svg.bars rect.bar")) == 2
    assert len(soup.select("table.agreements tbody tr")) == 4
    assert len(soup.select("article.source")) == len(report.sources)  # every source keeps its section
    named = {R.anchor(cid, "C") for f in report.findings for cid in f.claims}
    named |= {a["href"][1:] for a in soup.select("article.finding a[href^='#C']")}
    for art in soup.select("article.source"):
        rows = art.select("table.claims tbody tr[id]")
        assert len([r for r in rows if r["id"] not in named]) <= 3
        if art.select("tr.more"):
            assert "more claims of this source are in the JSON report" in art.select_one("tr.more").text
    ids = {t["id"] for t in soup.select("[id]")}
    for a in soup.select("a[href^='#']"):
        assert a["href"][1:] in ids, a["href"]
