"""Checking new documents against a corpus: findings on the new documents only."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from claims.extract import extract_documents
from claims.ingest import InputError, read_documents
from claims.parse import Parser

from .pipeline import analyse
from .records import Finding, Report


@dataclass
class CheckResult:
    new: list[str]  # source ids of the documents checked
    findings: list[Finding]
    report: Report


def check(new: Sequence[str], against: Sequence[str], parser: Parser | None = None, quiet: bool = True) -> CheckResult:
    new_docs = read_documents(new)
    corpus_docs = [d for d in read_documents(against) if d.id not in {n.id for n in new_docs}]
    if not corpus_docs:
        raise InputError("the corpus has no documents besides the ones being checked")
    ex, _ = extract_documents(corpus_docs + new_docs, parser or Parser())
    report = analyse(ex)
    ids = {d.id for d in new_docs}
    return CheckResult(new=sorted(ids), findings=[f for f in report.findings if f.source in ids], report=report)
