"""Checking new documents against a corpus: findings on the new documents only, and a score diff.

The corpus is a claim store (parsed once, see :mod:`checker.store`) or document paths (read into an
in-memory store).  Only the new documents are parsed.  They are compared with the stored documents
that share something checkable with them (:meth:`Store.related`), so the cost of a check does not
grow with the size of the corpus.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from dataclasses import dataclass, field
from typing import Callable, Iterable, Literal, Optional, Sequence, Union

from pydantic import BaseModel, ConfigDict

from claims.extract import extract_documents
from claims.ingest import InputError, read_documents
from claims.files import shown
from claims.language import left_out_note, partition
from claims.models import Evidence, Extraction
from claims.parse import Parser

from .config import CHECK_CODES, MAX_RELATED, Suppression, apply_baseline, read_suppressions
from .pipeline import analyse
from .records import Finding, FindingType, Report
from .store import Store, is_store

Status = Literal["corroborated", "contradicted", "unsupported"]


class CheckFinding(Finding):
    """A finding about the check itself (a suppression comment that suppresses nothing)."""

    type: Union[FindingType, Literal["bad_suppression"]]  # type: ignore[assignment]


class SourceChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    before: Optional[float]  # None: a new document
    after: float
    label_before: Optional[str]
    label_after: str
    counts: dict[str, int]


class ClaimChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    source: str
    line: int
    quote: str
    before: Status
    after: Status


class ScoreDiff(BaseModel):
    """How source scores and claim statuses moved once the new documents joined the corpus."""

    model_config = ConfigDict(extra="forbid")
    sources: list[SourceChange]
    claims: list[ClaimChange]


@dataclass
class CheckResult:
    new: list[str]  # source ids of the documents checked
    findings: list[Finding]  # what is reported: new documents only, after ignores, suppressions, baseline
    report: Report  # the analysis of the related corpus documents plus the new ones
    diff: ScoreDiff
    compared: list[str] = field(default_factory=list)  # corpus documents compared with
    related: int = 0  # corpus documents sharing anything with the new ones
    corpus: int = 0  # documents in the corpus
    suppressed: list[tuple[Finding, str]] = field(default_factory=list)  # (finding, reason)
    baselined: int = 0
    notes: list[str] = field(default_factory=list)  # files left out: unreadable ones in folders, NEW ones not Japanese


def open_corpus(against: Sequence[str], parser: Parser, skip: set[str],
                progress: Callable[[int], None] | None = None, notes: list[str] | None = None) -> Store:
    """One claim store, or documents read into an in-memory store (the checked ones left out)."""
    stores = [a for a in against if is_store(a)]
    if stores:
        if len(against) > 1:
            raise InputError("--against takes one claim store or document paths, not both")
        return Store.open(stores[0])
    if len(against) == 1 and Path(against[0]).is_file() and Path(against[0]).stem not in skip:
        # one file that is not a store: the user meant a store (a corpus of one document is no corpus)
        raise InputError(f"{shown(against[0])}: not a claim store (make one with: claimcheck store add CORPUS "
                         f"--store corpus.db); to check against documents, give a folder or two or more files")
    docs = [d for d in read_documents(against, notes=notes) if d.id not in skip]
    store = Store.open(":memory:", create=True)
    store.put(extract_documents(docs, parser, progress=progress)[0])
    return store


def check(new: Sequence[str], against: Sequence[str], parser: Parser | None = None, *,
          ignore: Iterable[str] = (), baseline: Counter | None = None, max_related: int = MAX_RELATED,
          diff: bool = True, progress: Callable[[int], None] | None = None) -> CheckResult:
    """Judge the documents under ``new`` against the corpus ``against``.

    ``ignore`` holds finding codes; ``baseline`` fingerprint counts (see :mod:`checker.config`);
    ``diff=False`` skips the analysis of the corpus alone that the score diff needs.  The result's
    ``notes`` name the files left out (see :func:`claims.ingest.read_documents`) and the NEW documents
    that are not Japanese.
    """
    parser = parser or Parser()
    ignore = set(ignore)
    read_notes: list[str] = []  # files found in folders and left out (unreadable, a link out of the folder)
    new_docs, foreign = partition(read_documents(new, notes=read_notes))
    notes = read_notes + [left_out_note(d) for d in foreign]
    if not new_docs:
        raise InputError("no Japanese document to check: claimcheck reads Japanese text"
                         + "".join(f"\n  {n}" for n in notes))
    ids = {d.id for d in new_docs} | {d.id for d in foreign}
    with open_corpus(against, parser, ids, progress, notes) as store:
        corpus_size = len(set(store.hashes()) - ids)
        if not corpus_size:
            raise InputError("the corpus has no documents besides the ones being checked")
        new_ex, _ = extract_documents(new_docs, parser, names=store.names(exclude=ids), progress=progress)
        related = store.related(new_ex, limit=max_related)
        corpus = store.load(related.ids)
    before = analyse(corpus) if corpus and diff else None
    after = analyse(corpus + new_ex)

    findings = [f for f in after.findings if f.source in ids and f.code not in ignore]
    findings, suppressed = _suppress(findings, [s for ex in new_ex for s in read_suppressions(ex.document)],
                                     new_ex, ignore)
    hidden = 0
    if baseline is not None:
        findings, hidden = apply_baseline(findings, baseline)
    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (f.source, f.evidence[0].start if f.evidence else 0, order[f.severity], f.code))
    changes = score_diff(before, after) if diff else ScoreDiff(sources=[], claims=[])
    return CheckResult(new=sorted(d.id for d in new_docs), notes=notes, findings=findings, report=after, diff=changes,
                       compared=related.ids, related=related.total, corpus=corpus_size, suppressed=suppressed,
                       baselined=hidden)


def _suppress(findings: list[Finding], sups: list[Suppression], new_ex: list[Extraction],
              ignore: set[str]) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    kept, suppressed = [], []
    for f in findings:
        s = next((s for s in sups if s.covers(f)), None)
        if s is None:
            kept.append(f)
        else:
            suppressed.append((f, s.reason))
    code = CHECK_CODES["bad_suppression"]
    if code not in ignore:
        texts = {ex.document.id: ex.document.text for ex in new_ex}
        for s in sups:
            if s.problem:
                quote = texts[s.source][s.start:s.end]
                kept.append(CheckFinding(
                    type="bad_suppression", code=code, severity="warning", source=s.source,
                    message=f"suppression comment ignored: {s.problem}",
                    evidence=[Evidence(source=s.source, quote=quote, start=s.start, end=s.end, line=s.first)]))
    return kept, suppressed


def score_diff(before: Report | None, after: Report) -> ScoreDiff:
    """Sources whose score or label changed (new ones included) and claims whose status changed."""
    old = {s.id: s for s in before.sources} if before else {}
    sources = []
    for s in sorted(after.sources, key=lambda s: s.id):
        b = old.get(s.id)
        if b is not None and (b.score, b.label) == (s.score, s.label):
            continue
        sources.append(SourceChange(id=s.id, before=b.score if b else None, after=s.score,
                                    label_before=b.label if b else None, label_after=s.label,
                                    counts={k: s.counts[k] for k in ("claims", "corroborated", "contradicted",
                                                                     "unsupported") if k in s.counts}))
    status = {c.id: c.status for c in before.claims} if before else {}
    claims = [ClaimChange(id=c.id, source=c.source, line=c.line, quote=c.quote, before=status[c.id], after=c.status)
              for c in after.claims if c.id in status and status[c.id] != c.status]
    return ScoreDiff(sources=sources, claims=claims)
