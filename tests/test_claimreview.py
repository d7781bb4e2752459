"""``claimcheck report … --claimreview out.jsonld``: every error as a schema.org ClaimReview, run as a
user runs it and validated against the ClaimReview properties it uses."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from _runs import EXAMPLES, ROOT, SEEDS, cli
from claims.ingest import read_document
from reports.claimreview import page_meta

SCHEMA = json.loads((ROOT / "tests" / "data" / "claimreview.schema.json").read_text(encoding="utf-8"))


def run(corpus: Path, out: Path, *extra: str) -> tuple[dict, list, BeautifulSoup]:
    html, js, cr = out / "report.html", out / "report.json", out / "claims.jsonld"
    r = cli("report", str(corpus), "-o", str(html), "--json", str(js), "--claimreview", str(cr), "-q", *extra)
    assert r.returncode == 0, r.stderr
    return (json.loads(js.read_text(encoding="utf-8")), json.loads(cr.read_text(encoding="utf-8")),
            BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser"))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not beside the clone")
    return run(SEEDS, tmp_path_factory.mktemp("claimreview-seeds"))


def test_seeds_export_holds_one_review_per_error(seeds):
    report, reviews, _ = seeds
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors, "the seeds have error-level findings"
    assert len(reviews) == len(errors)
    assert [r["url"].rsplit("#", 1)[1] for r in reviews] == [f["id"] for f in errors]


def test_seeds_export_is_valid_claimreview(seeds):
    _, reviews, _ = seeds
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(reviews, SCHEMA)
    for r in reviews:
        rating = r["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["ratingValue"] == rating["worstRating"]  # an error: the bottom of the scale


def test_each_review_quotes_the_flagged_text_and_links_to_its_finding(seeds):
    report, reviews, soup = seeds
    findings = {f["id"]: f for f in report["findings"]}
    paths = {s["id"]: s["path"] for s in report["sources"]}
    for r in reviews:
        page, fragment = r["url"].split("#")
        assert page == "report.html"
        article = soup.find(id=fragment)
        assert article is not None and article.name == "article"
        f = findings[fragment]
        assert r["claimReviewed"] in {e["quote"] for e in f["evidence"]}
        assert r["claimReviewed"] in Path(paths[f["source"]]).read_text(encoding="utf-8")
        assert r["itemReviewed"]["appearance"][0]["url"] == paths[f["source"]]
        assert r["reviewBody"] == f["message"]


def test_author_and_url_come_from_the_page(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    blog = corpus / "03_blog.html"
    page = blog.read_text(encoding="utf-8").replace(
        "<head>\n", '<head>\n<meta name="author" content="山田花子">\n'
        '<link rel="canonical" href="https://blog.example.jp/g7-matome">\n', 1)
    blog.write_text(page, encoding="utf-8")
    report, reviews, _ = run(corpus, tmp_path, "--reference", str(corpus / "facts.yaml"))
    jsonschema.validate(reviews, SCHEMA)
    mine = [r for r in reviews if r["itemReviewed"]["appearance"][0]["url"] == "https://blog.example.jp/g7-matome"]
    assert mine, reviews
    assert all(r["itemReviewed"]["author"] == {"@type": "Person", "name": "山田花子"} for r in mine)
    assert not any(f["source"] == "02_encyclopedia" and f["severity"] == "error" for f in report["findings"])


def test_a_byline_names_the_author_desk():
    author, url = page_meta(read_document(EXAMPLES / "01_wire.txt"))
    assert (author, url) == ("本社サミット取材班", None)
    assert page_meta(read_document(EXAMPLES / "02_encyclopedia.md")) == (None, None)


def test_export_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        out.mkdir()
        r = cli("report", str(EXAMPLES), "-o", str(out / "r.html"), "--claimreview", str(out / "c.jsonld"), "-q")
        assert r.returncode == 0, r.stderr
    assert (a / "c.jsonld").read_bytes() == (b / "c.jsonld").read_bytes()
    reviews = json.loads((a / "c.jsonld").read_text(encoding="utf-8"))
    assert [r["url"].split("#")[0] for r in reviews] == ["r.html"] * len(reviews)
