"""The extraction cache: each document's claims kept on disk, so that a warm run extracts nothing.

A document's extraction is a pure function of the document, the corpus's pool of names (see
:func:`claims.extract.extract_documents`), the extractor's code and the parser model.  An entry is
keyed by the code version (:func:`code_version` of this package's sources), the model's name and
the versions of everything that shapes a parse (:data:`claims.parse.STACK`), and the document (its
id, path, format and the sha256 of its text).  It holds the names the document marks as people (the
first pass), a digest of the pool of names it was extracted with, and the extraction.

A run reads every document's entry and pools the marked names as the first pass would; when every
entry was extracted with that very pool, the extractions are the run's (no parse, no extraction).
Otherwise the documents are extracted again (the parses still come from the parse cache) and the
entries rewritten.  Entries live under ``<cache>/extractions`` (``~/.cache/claimcheck`` or
``$CLAIMCHECK_CACHE``); deleting the folder only costs time.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from .models import Document, Extraction
from .parse import MODEL, STACK

FORMAT = 1  # of an entry; a change of layout is a change of key


@lru_cache(maxsize=None)
def code_version(*packages: str) -> str:
    """A digest of the source of the named packages (their .py files and package data): any edit
    to the code is a new version, and no cache entry made by other code is used."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for pkg in packages or ("claims",):
        folder = root / pkg
        for p in sorted(folder.rglob("*")):
            if p.is_file() and p.suffix in (".py", ".json", ".html", ".css", ".js", ".j2") \
                    and "__pycache__" not in p.parts:
                h.update(str(p.relative_to(root)).encode("utf-8") + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def document_key(d: Document) -> str:
    """What identifies a document's content and place in the report (the text through its sha256)."""
    return "\0".join((d.id, d.path, d.format, d.encoding, d.title, d.published or "", d.sha256))


def names_digest(known: Iterable[str], surnames: Iterable[str], given: Iterable[str]) -> str:
    h = hashlib.sha256()
    for part in (known, surnames, given):
        h.update("\n".join(sorted(part)).encode("utf-8") + b"\1")
    return h.hexdigest()


class ExtractionCache:
    """Entries of one cache folder, for the current code and model."""

    def __init__(self, cache_dir: Path, enabled: bool = True):
        self.folder = Path(cache_dir) / "extractions"
        self.enabled = enabled
        self.version = hashlib.sha256(
            f"{FORMAT}\0{code_version('claims')}\0{MODEL}\0{STACK}".encode("utf-8")).hexdigest()

    def _path(self, d: Document) -> Path:
        key = hashlib.sha256(f"{self.version}\0{document_key(d)}".encode("utf-8")).hexdigest()
        return self.folder / key[:2] / f"{key}.pkl"

    def load(self, docs: Sequence[Document]) -> list[tuple[list[str], str, Extraction]] | None:
        """Every document's (marked names, pool digest, extraction), or None when one is missing."""
        if not self.enabled:
            return None
        out = []
        for d in docs:
            try:
                entry = pickle.loads(self._path(d).read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
                return None  # missing, damaged or of other code: extract again
            if not (isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[2], Extraction)
                    and entry[2].document == d):
                return None
            out.append(entry)
        return out

    def store(self, docs: Sequence[Document], marked: Sequence[list[str]], pool: str,
              extractions: Sequence[Extraction]) -> None:
        if not self.enabled:
            return
        for d, m, ex in zip(docs, marked, extractions):
            path = self._path(d)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
                tmp.write_bytes(pickle.dumps((list(m), pool, ex), protocol=pickle.HIGHEST_PROTOCOL))
                tmp.replace(path)
            except OSError:
                return  # a read-only cache only costs speed
