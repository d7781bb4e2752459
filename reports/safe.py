"""Text from documents and file names, made safe for a line of terminal or CI output.

A document or a file name may hold a newline, an ESC sequence or ``::error file=…``.  Printed as
they are, they would start a new line, drive the terminal, or start a GitHub workflow command (the
runner reads any line that begins with ``::`` once leading blanks are trimmed).  Control
characters become visible ``\\xNN`` escapes, so each printed record stays on its line, and a line
that would begin with ``::`` has its first colon escaped.  JSON and SARIF need none of this (JSON
escapes control characters itself), and HTML is escaped by its templates.
"""
from __future__ import annotations

import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, lone surrogates
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _escape(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def one_line(s: str) -> str:
    """``s`` with every control character (newline, tab, ESC …) as a visible escape."""
    return CONTROL.sub(_escape, s)


def path(p: str) -> str:
    """A file path for a line of output: one line, and never the start of a workflow command."""
    p = one_line(p)
    return "./" + p if p.startswith(":") else p


def line(s: str) -> str:
    """One output line that cannot be read as a CI command: controls escaped, a leading ``::`` defused."""
    s = one_line(s)
    stripped = s.lstrip()
    if stripped.startswith("::"):
        s = s[:len(s) - len(stripped)] + "\\x3a" + stripped[1:]
    return s


def lines(text: str) -> str:
    """Every line of a block of output through :func:`line`; the line breaks themselves are kept."""
    return "\n".join(line(ln) for ln in text.split("\n"))
