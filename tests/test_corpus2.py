"""A second corpus we wrote (2024 Noto earthquake): every finding type, one clean document."""
from __future__ import annotations

from _runs import CORPUS2, report


def test_every_finding_type_appears():
    rep, _, _ = report(CORPUS2)
    types = {f["type"] for f in rep["findings"] if f["severity"] in ("error", "warning")}
    expected = {"misattribution", "role_conflict", "location_conflict", "date_conflict", "number_conflict",
                "negation_conflict", "internal_contradiction", "unsupported_claim", "unsourced_statistic",
                "placeholder"}
    assert expected <= types, expected - types


def test_clean_document_has_no_flags():
    rep, _, _ = report(CORPUS2)
    assert not [f for f in rep["findings"] if f["source"] == "03_newspaper" and f["severity"] != "info"]
