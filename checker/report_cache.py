"""The report cache: run again on the same documents, ``claimcheck report`` writes the report it wrote.

The report is a pure function of the documents, the reference files, the notes on the input, the
code and the parser model.  An entry is keyed by the code version (a digest of the sources of
``claims``, ``checker`` and ``reports``, templates and model weights included), the model's name and
the versions of everything that shapes a parse, and every document and reference file (id, path,
format, sha256 of the text) in order, with the notes.  It holds the HTML, the JSON (when it was
asked for) and what the command prints.  A hit skips parsing, extraction and analysis; any edit to
a document, a file added or removed, another claimcheck or model version is another key.

Entries live under ``<cache>/reports`` (``~/.cache/claimcheck`` or ``$CLAIMCHECK_CACHE``).  The most
recently used are kept, up to ``BUDGET`` bytes in all, and a report larger than ``MAX_BYTES`` (HTML
and JSON) is not kept at all: a very large corpus is re-analysed from its cached extractions.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Sequence

from claims.cache import code_version, document_key
from claims.models import Document
from claims.parse import MODEL, STACK

FORMAT = 1
BUDGET = 512_000_000  # bytes of entries kept, the most recently used first
MAX_BYTES = 64_000_000  # a larger report is not kept


class ReportCache:
    def __init__(self, cache_dir: Path, enabled: bool = True):
        self.folder = Path(cache_dir) / "reports"
        self.enabled = enabled

    def key(self, docs: Sequence[Document], refs: Sequence[Document], notes: Sequence[str]) -> str:
        h = hashlib.sha256(f"{FORMAT}\0{code_version('claims', 'checker', 'reports')}\0{MODEL}\0{STACK}\0"
                           .encode("utf-8"))
        for group in (docs, refs):
            for d in group:
                h.update(document_key(d).encode("utf-8") + b"\1")
            h.update(b"\2")
        h.update(json.dumps(list(notes), ensure_ascii=False).encode("utf-8"))
        return h.hexdigest()

    def load(self, key: str, want_json: bool) -> tuple[str, str | None, dict] | None:
        """(HTML, JSON or None, summary), or None on a miss (or without the JSON asked for)."""
        if not self.enabled:
            return None
        entry = self.folder / key
        try:
            summary = json.loads((entry / "summary.json").read_text(encoding="utf-8"))
            html = (entry / "report.html").read_text(encoding="utf-8")
            js = (entry / "report.json").read_text(encoding="utf-8") if want_json else None
        except (OSError, ValueError):
            return None
        try:
            os.utime(entry)  # recently used: kept longest
        except OSError:
            pass
        return html, js, summary

    def store(self, key: str, html: str, js: str | None, summary: dict) -> None:
        if not self.enabled or len(html) + len(js or "") > MAX_BYTES:
            return
        entry = self.folder / key
        tmp = self.folder / f".{key}.{os.getpid()}.tmp"
        try:
            tmp.mkdir(parents=True, exist_ok=True)
            (tmp / "report.html").write_text(html, encoding="utf-8")
            if js is not None:
                (tmp / "report.json").write_text(js, encoding="utf-8")
            (tmp / "summary.json").write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
            if entry.exists():
                shutil.rmtree(entry, ignore_errors=True)
            tmp.rename(entry)
            self._evict()
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)  # a read-only cache only costs speed

    def _evict(self) -> None:
        entries = [p for p in self.folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
        entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        used = 0
        for entry in entries:
            used += sum(f.stat().st_size for f in entry.iterdir())
            if used > BUDGET:
                shutil.rmtree(entry, ignore_errors=True)
