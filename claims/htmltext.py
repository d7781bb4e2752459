"""HTML to plain text that remembers, for every character, where it came from in the page.

Every offset a claim carries points into the decoded file itself (the contract), so the visible text
of an HTML page is built together with a map back to the raw markup.  Script, style and similar
elements are dropped; block elements start new lines; table cells become ``| a | b |`` rows with a
separator after a header row, so that tables read the same as in Markdown.
"""
from __future__ import annotations

import html
from html.parser import HTMLParser

SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "math", "select"}
BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table", "section", "article", "header",
         "footer", "blockquote", "dd", "dt", "ul", "ol", "main", "nav", "aside", "figure", "figcaption", "pre",
         "hr", "form", "address", "title"}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


class _Extractor(HTMLParser):
    def __init__(self, raw: str):
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.line_starts = [0] + [i + 1 for i, ch in enumerate(raw) if ch == "\n"]
        self.chars: list[str] = []
        self.where: list[int] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False
        self.row: list[str] | None = None
        self.row_header = False
        self.tables = 0  # open <table> elements
        self.cell = 0  # open <td>/<th> elements

    def parse_html_declaration(self, i: int) -> int:
        """``<!…>`` and ``<![…]>``; a malformed one (``<![3]``) is skipped to its ``>`` as a browser
        skips a bogus comment, instead of the AssertionError the standard parser raises."""
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            j = self.rawdata.find(">", i + 2)
            return j + 1 if j >= 0 else -1

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(self, s: str, at: int) -> None:
        for k, ch in enumerate(s):
            self.chars.append(ch)
            self.where.append(at + k if at >= 0 else -at)

    def _newline(self) -> None:
        if self.chars and self.chars[-1] != "\n":
            self.chars.append("\n")
            self.where.append(self._pos())

    def handle_starttag(self, tag, attrs):
        if tag in SKIP and tag not in VOID:
            self.skip += 1
            if tag == "head":
                self.skip -= 1  # the head's <title> is read; the rest of <head> has no text
        if tag == "title":
            self.in_title = True
        if self.skip:
            return
        if tag in BLOCK or tag == "tr":
            self._newline()
        if tag == "table":
            self.tables += 1
        if tag == "tr":
            self.row_header = True
            self._emit("| ", -self._pos())
        if tag in ("td", "th"):
            self.cell += 1
            if tag == "td":
                self.row_header = False

    def handle_endtag(self, tag):
        if tag in SKIP and tag not in VOID and tag != "head":
            self.skip = max(0, self.skip - 1)
            return
        if tag == "title":
            self.in_title = False
        if self.skip:
            return
        if tag == "table":
            self.tables = max(0, self.tables - 1)
        if tag in ("td", "th"):
            self.cell = max(0, self.cell - 1)
            self._emit(" | ", -self._pos())
        if tag == "tr":
            while self.chars and self.chars[-1] == " ":
                self.chars.pop()
                self.where.pop()
            at = self._pos()
            if self.row_header:
                self._emit("\n|---|", -at)
            self._newline()
        elif tag in BLOCK:
            self._newline()

    def handle_startendtag(self, tag, attrs):
        if tag in ("br", "hr") and not self.skip:
            self._newline()

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        if self.skip or self.in_title:
            return
        if self.tables and not self.cell and not data.strip():
            return  # the indentation between rows: rows of one table stay on consecutive lines
        self._emit(data, self._pos())

    def handle_entityref(self, name):
        self._ref(f"&{name};")

    def handle_charref(self, name):
        self._ref(f"&#{name};")

    def _ref(self, text):
        if self.in_title:
            self.title.append(html.unescape(text))
        if self.skip or self.in_title:
            return
        at = self._pos()
        for ch in html.unescape(text):
            self.chars.append(ch)
            self.where.append(at)


def html_text(raw: str) -> tuple[str, list[int], str]:
    """(visible text, map from each text character to its offset in ``raw``, page title)."""
    p = _Extractor(raw)
    p.feed(raw)
    p.close()
    # collapse runs of spaces and blank lines, keeping the first character's position
    out, where = [], []
    for ch, at in zip(p.chars, p.where):
        if ch in " \t\r\u3000" and (not out or out[-1] in " \n"):
            continue
        if ch == "\n":
            while out and out[-1] == " ":
                out.pop()
                where.pop()
            if len(out) >= 2 and out[-1] == "\n" and out[-2] == "\n":
                continue
        if ch in "\t\r\u3000":
            ch = " "
        out.append(ch)
        where.append(at)
    while out and out[0] in "\n ":
        out.pop(0)
        where.pop(0)
    title = " ".join("".join(p.title).split())
    return "".join(out), where, title
