"""Reading documents: file discovery, encoding detection, HTML to text, titles and dates."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Iterable

from charset_normalizer import from_bytes

from .models import Document

SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
MAX_BYTES = 20_000_000


class InputError(Exception):
    """A problem with the user's input that the CLI reports without a traceback."""


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Every supported file under ``paths``, sorted, each once.  Unknown paths raise InputError."""
    found: dict[Path, None] = {}
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(f"{raw}: no such file or directory")
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            for f in files:
                found[f] = None
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


def html_to_text(html: str) -> tuple[str, str]:
    """Visible text of an HTML page with block elements on their own lines, and its <title>."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup(["script", "style", "noscript", "template", "head", "svg", "iframe", "object"]):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: type(s).__name__ == "Comment"):
        comment.extract()
    blocks = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table",
              "section", "article", "header", "footer", "blockquote", "dd", "dt", "ul", "ol"}
    for tag in soup.find_all(True):
        if tag.name in ("td", "th"):
            tag.insert_before(" | ")
        if tag.name == "tr":
            tag.append(" |")
        if tag.name in blocks:
            tag.insert_before("\n")
            tag.append("\n")
    text = soup.get_text()
    lines = [re.sub(r"[ \t\u3000]+", " ", ln).strip() for ln in text.splitlines()]
    out, blank = [], False
    for ln in lines:
        if ln:
            out.append(ln)
            blank = False
        elif not blank:
            out.append("")
            blank = True
    return "\n".join(out).strip() + "\n", title


DATE_PATTERNS = [
    # 公開日:2025/02/13, 更新日 2025-02-13, (2025/03/21 04:36 UTC 版)
    re.compile(r"(?:公開日|投稿日|更新日|掲載日|配信日|発行日|作成日)\s*[:：]?\s*(\d{4})[/\-.年](\d{1,2})[/\-.月](\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*\d{1,2}:\d{2}\s*(?:更新|配信|公開|投稿)"),
    re.compile(r"\((\d{4})/(\d{1,2})/(\d{1,2})\s+\d{1,2}:\d{2}\s*UTC\s*版\)"),
    re.compile(r"(?:Source|出典)[:：].{0,40}?(\d{4})年(\d{1,2})月(\d{1,2})日"),
]


def find_published(text: str) -> str | None:
    """The publication date the page states about itself, earliest in the text."""
    hits = []
    for pat in DATE_PATTERNS:
        for m in pat.finditer(text[:20000]):
            y, mo, d = (int(g) for g in m.groups()[:3])
            if 1900 < y < 2200 and 1 <= mo <= 12 and 1 <= d <= 31:
                hits.append((m.start(), f"{y:04d}-{mo:02d}-{d:02d}"))
    return min(hits)[1] if hits else None


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
    title = ""
    if fmt == "html":
        text, title = html_to_text(text)
    title = title or find_title(text)
    return Document(
        id=path.stem, path=str(path), title=title, published=find_published(text),
        encoding=encoding, format=fmt, text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def read_documents(paths: Iterable[str | Path]) -> list[Document]:
    files = discover(paths)
    docs = [read_document(f) for f in files]
    seen: dict[str, str] = {}
    for d in docs:
        if d.id in seen:
            raise InputError(f"two documents share the source id {d.id!r}: {seen[d.id]} and {d.path}")
        seen[d.id] = d.path
    return docs
