"""Finding the documents under the user's paths, and reading their bytes safely.

Only regular files are read: a FIFO, socket or device would block or never end, so it is refused
(named on the command line) or left out with a note (found in a folder).  Inside a folder, a link
is followed only when it stays inside that folder; one that leads out of it is left out with a
note, so that a folder's report holds nothing but that folder's files.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable

SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
MAX_BYTES = 20_000_000


class InputError(Exception):
    """A problem with the user's input that the CLI reports without a traceback."""


def shown(path: str | Path) -> str:
    """A path as it can be printed: bytes that are not UTF-8 shown as \\xNN escapes."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def discover(paths: Iterable[str | Path], skipped: list[Path] | None = None,
             notes: list[str] | None = None) -> list[Path]:
    """Every supported file under ``paths``, each once: files in the order given, a folder's files sorted.

    A named path that is missing, of another type, or not a regular file raises InputError.  In a
    folder, files that are not documents (other extensions) go to ``skipped`` and files left out for
    another reason (a link out of the folder, a FIFO, a file name that is not UTF-8) to ``notes``.
    Hidden files and folders are ignored.
    """
    paths = list(paths)
    notes = notes if notes is not None else []
    found: dict[Path, None] = {}
    for raw in paths:
        p = Path(raw)
        try:
            st = p.stat()
        except OSError:
            raise InputError(f"{shown(raw)}: no such file or directory") from None
        if stat.S_ISDIR(st.st_mode):
            for f in _walk(p, skipped, notes):
                found[f] = None
        elif p.suffix.lower() not in SUFFIXES:
            raise InputError(f"{shown(raw)}: unsupported file type (use .txt, .md or .html)")
        elif not stat.S_ISREG(st.st_mode):
            raise InputError(f"{shown(raw)}: {_kind(st.st_mode)}, not a document file; only regular files are read")
        else:
            found[p] = None
    if not found:
        raise InputError("no .txt, .md or .html documents found under " + ", ".join(shown(p) for p in paths))
    return list(found)


def _walk(root: Path, skipped: list[Path] | None, notes: list[str]) -> list[Path]:
    """The document files under ``root``, sorted; links are followed only within ``root``."""
    real_root = os.path.realpath(root)
    out: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        for d in sorted(dirs):
            link = Path(folder) / d
            if not d.startswith(".") and link.is_symlink() and not _inside(real_root, link):
                notes.append(f"{shown(link)}: a link that leads outside {shown(root)}, not followed")
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (Path(folder) / d).is_symlink())
        for name in sorted(files):
            f = Path(folder) / name
            if name.startswith("."):
                continue
            if f.suffix.lower() not in SUFFIXES:
                if skipped is not None:
                    skipped.append(f)
                continue
            why = _unreadable(f, real_root)
            if why:
                notes.append(f"{shown(f)}: {why.replace('ROOT', shown(root))}, left out")
            else:
                out.append(f)
    return sorted(out)


def _inside(real_root: str, link: Path) -> bool:
    return os.path.commonpath([real_root, os.path.realpath(link)]) == real_root


def _unreadable(f: Path, real_root: str) -> str | None:
    """Why the file ``f`` found in a folder is not read; None when it is a regular file to read."""
    try:
        str(f).encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8 (rename it)"
    if f.is_symlink() and not _inside(real_root, f):
        return "a link that leads outside ROOT, not followed"
    try:
        st = f.stat()
    except OSError:
        return "a broken link" if f.is_symlink() else "cannot be read"
    if not stat.S_ISREG(st.st_mode):
        return f"{_kind(st.st_mode)}, not a regular file"
    return None


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file, never blocking on a FIFO or a device; at most MAX_BYTES."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{shown(path)}: the file name is not valid UTF-8 (rename it)") from None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise InputError(f"{shown(path)}: cannot read ({exc.strerror})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{shown(path)}: {_kind(st.st_mode)}, not a document file; only regular files are read")
        if st.st_size > MAX_BYTES:
            raise InputError(f"{shown(path)}: file is larger than {MAX_BYTES // 1_000_000} MB")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{shown(path)}: cannot read ({exc.strerror})") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise InputError(f"{shown(path)}: file is larger than {MAX_BYTES // 1_000_000} MB")
    return data
