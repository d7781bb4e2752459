"""Reading documents: bytes to a :class:`Document` (encoding, HTML to text, title, publication date)."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Iterable

from .decode import DecodeError
from .decode import decode as _decode
from .files import MAX_BYTES, SUFFIXES, InputError, discover, read_bytes, shown
from .htmltext import html_text
from .models import Document

__all__ = ["InputError", "MAX_BYTES", "SUFFIXES", "decode", "discover", "find_published", "read_document",
           "read_documents"]


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to (text, encoding); see :mod:`claims.decode` for what is read and what is refused."""
    try:
        return _decode(data)
    except DecodeError as exc:
        raise InputError(str(exc)) from None


DATE_PATTERNS = [
    # 公開日:2025/02/13, 更新日 2025-02-13, (2025/03/21 04:36 UTC 版)
    re.compile(r"(?:公開日|投稿日|更新日|掲載日|配信日|発行日|作成日)\s*[:：]?\s*(\d{4})[/\-.．年](\d{1,2})[/\-.．月](\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*\d{1,2}:\d{2}\s*(?:更新|配信|公開|投稿)"),
    re.compile(r"\((\d{4})/(\d{1,2})/(\d{1,2})\s+\d{1,2}:\d{2}\s*UTC\s*版\)"),
    re.compile(r"(?:Source|出典)[:：].{0,40}?(\d{4})年(\d{1,2})月(\d{1,2})日"),
]


# the page's own metadata: <meta property="article:published_time" content="2024-03-19T…">, <time datetime=…>
META_PATTERNS = [
    re.compile(r"""<meta[^>]+(?:published_time|pubdate|publishdate|date)["'][^>]*content=["'](\d{4})-(\d{2})-(\d{2})""",
               re.I),
    re.compile(r"""<meta[^>]+content=["'](\d{4})-(\d{2})-(\d{2})[^>]*(?:published_time|pubdate|publishdate)""", re.I),
    re.compile(r"""<time[^>]+datetime=["'](\d{4})-(\d{2})-(\d{2})""", re.I),
]
# a stamp on a line of its own near the top: 2024年3月19日 15:30, 2024/03/19 12:00, 2025-08-16, 2025.8.16
STAMP = re.compile(r"^\s*(?:date\s+\S+\s+)?(\d{4})(?:年|/|-|\.|．)(\d{1,2})(?:月|/|-|\.|．)(\d{1,2})日?"
                   r"(?:[ 　(（][^\n]{0,24})?\s*$", re.M)


def find_published(text: str, raw: str | None = None) -> str | None:
    """The publication date the page states about itself: its metadata first, then the earliest
    labelled date or stamp near the top; a date of the body text is not one."""
    found: list[tuple[float, tuple[str, ...]]] = []
    for pat in META_PATTERNS if raw else ():
        m = pat.search(raw[:200000])
        if m:
            found.append((-1, m.groups()))
    head = "\n".join(text[:20000].splitlines()[:8])
    found += [(m.start(), m.groups()) for m in STAMP.finditer(head)][:1]
    found += [(m.start(), m.groups()) for pat in DATE_PATTERNS for m in pat.finditer(text[:20000])]
    dated = [(at, f"{y:04d}-{mo:02d}-{d:02d}") for at, g in found
             for y, mo, d in [tuple(int(x) for x in g[:3])] if 1900 < y < 2200 and _valid(y, mo, d)]
    return min(dated)[1] if dated else None


def _valid(y: int, mo: int, d: int) -> bool:
    try:
        dt.date(y, mo, d)
    except ValueError:
        return False
    return True


def find_title(text: str) -> str:
    for line in text.splitlines():
        s = line.strip().lstrip("#").strip()
        if s:
            return s[:120]
    return ""


def read_document(path: Path) -> Document:
    data = read_bytes(path)
    try:
        text, encoding = decode(data)
    except InputError as exc:
        raise InputError(f"{shown(path)}: {exc}") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = SUFFIXES[path.suffix.lower()]
    plain, plain_map, title = None, (), ""
    if fmt == "html":
        plain, where, title = html_text(text)
        plain_map = tuple(where)
    visible = plain if plain is not None else text
    return Document(
        id=path.stem, path=str(path), title=title or find_title(visible), published=find_published(visible, text if fmt == "html" else None),
        encoding=encoding, format=fmt, text=text, plain=plain, plain_map=plain_map,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def read_documents(paths: Iterable[str | Path], skipped: list[Path] | None = None,
                   notes: list[str] | None = None) -> list[Document]:
    """The documents under ``paths``, sorted by source id, so that any order of the same paths gives
    the same documents in the same order (and so the same report).

    A file named in ``paths`` that cannot be read is an InputError; a file found in a folder that
    cannot be read (binary, undecodable, too large, not a regular file) is left out with a note
    in ``notes``, so one bad file does not stop a corpus.
    """
    paths = list(paths)
    notes = notes if notes is not None else []
    named = {Path(p) for p in paths}
    docs = []
    for f in discover(paths, skipped, notes):
        try:
            docs.append(read_document(f))
        except InputError as exc:
            if f in named:
                raise
            notes.append(f"{exc}; left out")
    if not docs:
        raise InputError("no readable .txt, .md or .html documents under " + ", ".join(shown(p) for p in paths))
    docs.sort(key=lambda d: (d.id, d.path))
    seen: dict[str, str] = {}
    for d in docs:
        if d.id in seen:
            raise InputError(f"two documents share the source id {d.id!r}: {shown(seen[d.id])} and {shown(d.path)}")
        seen[d.id] = d.path
    return docs
