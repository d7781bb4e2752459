"""Reading documents: file discovery, encoding detection, HTML to text, titles and dates."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Iterable

from charset_normalizer import from_bytes

from .htmltext import html_text
from .models import Document

SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
MAX_BYTES = 20_000_000


class InputError(Exception):
    """A problem with the user's input that the CLI reports without a traceback."""


def discover(paths: Iterable[str | Path], skipped: list[Path] | None = None) -> list[Path]:
    """Every supported file under ``paths``, sorted, each once.  Unknown paths raise InputError.

    Files in folders that are not documents (other extensions, hidden files) go to ``skipped``,
    so the caller can say what it left out.
    """
    found: dict[Path, None] = {}
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(f"{raw}: no such file or directory")
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                hidden = any(part.startswith(".") for part in f.relative_to(p).parts)
                if f.suffix.lower() in SUFFIXES and not hidden:
                    found[f] = None
                elif skipped is not None and not hidden:
                    skipped.append(f)
        elif p.suffix.lower() in SUFFIXES:
            found[p] = None
        else:
            raise InputError(f"{raw}: unsupported file type (use .txt, .md or .html)")
    if not found:
        raise InputError("no .txt, .md or .html documents found under " + ", ".join(map(str, paths)))
    return list(found)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to text: BOMs and UTF-8 first, then charset-normalizer's best guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot detect the text encoding (is this a binary file?)")
    return str(best), best.encoding


DATE_PATTERNS = [
    # 公開日:2025/02/13, 更新日 2025-02-13, (2025/03/21 04:36 UTC 版)
    re.compile(r"(?:公開日|投稿日|更新日|掲載日|配信日|発行日|作成日)\s*[:：]?\s*(\d{4})[/\-.年](\d{1,2})[/\-.月](\d{1,2})"),
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
# a stamp on a line of its own near the top: 2024年3月19日 15:30, 2024/03/19 12:00, 2025-08-16
STAMP = re.compile(r"^\s*(?:date\s+\S+\s+)?(\d{4})(?:年|/|-)(\d{1,2})(?:月|/|-)(\d{1,2})日?(?:[ 　(（][^\n]{0,24})?\s*$", re.M)


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
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: file is larger than {MAX_BYTES // 1_000_000} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: looks like a binary file, not text")
    try:
        text, encoding = decode(data)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from exc
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


def read_documents(paths: Iterable[str | Path], skipped: list[Path] | None = None) -> list[Document]:
    files = discover(paths, skipped)
    docs = [read_document(f) for f in files]
    seen: dict[str, str] = {}
    for d in docs:
        if d.id in seen:
            raise InputError(f"two documents share the source id {d.id!r}: {seen[d.id]} and {d.path}")
        seen[d.id] = d.path
    return docs
