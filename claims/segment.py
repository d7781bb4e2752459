"""Splitting a page into blocks and sentences that keep their offsets into the original text.

A :class:`Sentence` carries a cleaned text for the parser (footnote markers, bullets, emoji and
decorative brackets removed) and a map from every cleaned character back to the original offset,
so that any span found in the cleaned text can be quoted exactly from the document.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Sequence

from .lexicon import GENERIC_HEADERS

MAX_SENTENCE = 600  # characters; longer runs are cut so that no single line can stall the parser
# a table cell, and the text a table row gives the parser, are cut too: SudachiPy refuses an input of
# more than 49,149 bytes, and no line or cell of a page may get that far
MAX_CELL = 400
MAX_ROW = 2000

FOOTNOTE_LINE = re.compile(r"^\s*(?:[-*•]\s*|\d{1,3}\.\s*)?\^\s")
FOOTNOTE_MARK = re.compile(r"\[(?:\d{1,3}|注\s*\d{1,3}|[a-z])\]")
TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
BULLET = re.compile(r"^\s*(?:[-*•・]|\d{1,2}[.)．]|[①-⑳])\s*")
HEADING = re.compile(r"^\s*#{1,6}\s*")
# characters dropped for parsing: emoji, dingbats, decorative brackets
DROP = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F【】㊧㊨]")
# Markdown emphasis (**決勝**) and a reading in kana after a name (岸田文雄（きしだ ふみお）) split a
# phrase for the parser; they say nothing it needs
MARKUP = re.compile(r"\*+|__|[（(][ぁ-ゖー 　・]{2,40}[）)]")
ENDERS = "。！？!?"
OPEN, CLOSE = "「『（(", "」』）)"


@dataclass
class Sentence:
    start: int  # offset of the first original character
    end: int
    line: int
    text: str  # cleaned text given to the parser
    offsets: list[int] = field(repr=False)  # offsets[i] = original offset of text[i]
    block: int = 0  # paragraph number; sentences of one block share context
    table: "TableRow | None" = None
    row: "TableRow | None" = None  # a key-value row read as this sentence: its cells, for the venue rule

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original (start, end) of cleaned characters text[i:j]."""
        i = max(0, min(i, len(self.offsets) - 1))
        j = max(i + 1, min(j, len(self.offsets)))
        return self.offsets[i], self.offsets[j - 1] + 1


@dataclass
class TableRow:
    header: list[str]
    cells: list[str]
    cell_spans: list[tuple[int, int]]  # original offsets of each cell's text


@dataclass
class Page:
    sentences: list[Sentence]
    footnotes: int  # reference-list entries
    footnote_marks: int  # [1] markers in running text
    # table cells no row sentence reads (header cells, cells past the header, rows of a table without
    # one): (offset of the cell's text, the text), so that a date there that cannot be is still noted
    cells: list[tuple[int, str]] = field(default_factory=list)


def line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def line_of(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)


def _clean(text: str, base: int) -> tuple[str, list[int]]:
    """Drop markers and decoration, NFKC each kept character, keep the offset map."""
    keep = [True] * len(text)
    for pat in (FOOTNOTE_MARK, DROP, MARKUP):
        for m in pat.finditer(text):
            for k in range(m.start(), m.end()):
                keep[k] = False
    out, offs = [], []
    for k, ch in enumerate(text):
        if not keep[k]:
            continue
        norm = unicodedata.normalize("NFKC", ch) if ch not in "・〜～" else ch
        if norm in ("(", ")"):
            norm = "（" if norm == "(" else "）"
        for c in norm:
            out.append(c)
            offs.append(base + k)
    return "".join(out), offs


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in ``text``; enders inside 「」 or () do not end a sentence."""
    spans, start, depth = [], 0, 0
    for k, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        if (ch in ENDERS and depth == 0) or k - start >= MAX_SENTENCE:
            spans.append((start, k + 1))
            start = k + 1
            depth = 0
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _table_cells(line: str, base: int) -> tuple[list[str], list[tuple[int, int]]]:
    cells, spans = [], []
    pos = 0
    parts = line.split("|")
    for idx, part in enumerate(parts):
        s = pos
        pos += len(part) + 1
        if (idx == 0 or idx == len(parts) - 1) and not part.strip():
            continue
        lead = len(part) - len(part.lstrip())
        cell = part.strip()[:MAX_CELL]
        cells.append(cell)
        spans.append((base + s + lead, base + s + lead + len(cell)))
    return cells, spans


def _row_sentences(cells: list[str], spans: list[tuple[int, int]], base: int, starts: list[int],
                   block: int, header: list[str]) -> list[Sentence]:
    """A row of a table with no header: its label cell, は, and its other cells joined by 、, with
    every character mapped to where it stands (a joining character to the cell it leads into)."""
    text, offs = "", []
    pieces = [(c, sp) for c, sp in zip(cells, spans) if c]
    for n, (cell, (a, _)) in enumerate(pieces):
        if n:
            joint = "は" if n == 1 and not cell.startswith(("は", "、")) else "、"
            text += joint
            offs.append(offs[-1] if joint == "は" else a)
        clean, o = _clean(cell, a)
        text += clean
        offs += o
    row = TableRow(header, [c for c, _ in pieces], [sp for _, sp in pieces])
    return _sentences(text[:MAX_ROW], offs, starts, block, row)


def _sentences(clean: str, offs: list[int], starts: list[int], block: int,
               row: "TableRow | None" = None) -> list[Sentence]:
    """The sentences of a cleaned stretch of text, trimmed of spaces, each with its offset map."""
    out = []
    for s, e in _split_sentences(clean):
        while s < e and clean[s].isspace():
            s += 1
        while e > s and clean[e - 1].isspace():
            e -= 1
        if e - s >= 2:
            o = offs[s:e]
            out.append(Sentence(o[0], o[-1] + 1, line_of(starts, o[0]), clean[s:e], o, block, row=row))
    return out


def split(text: str, origin: Sequence[int] = ()) -> Page:
    """Sentences of ``text``.  With ``origin`` (HTML: visible text -> page offsets), every offset a
    sentence reports is mapped back into the page, so quotes come from the file as it is."""
    page = _split(text)
    if not origin:
        return page
    last = len(origin) - 1

    def m(i: int) -> int:
        return origin[min(max(i, 0), last)]

    for s in page.sentences:
        s.offsets = [m(i) for i in s.offsets]
        s.start, s.end = m(s.start), m(s.end - 1) + 1
        if s.table is not None:
            s.table.cell_spans = [(m(a), m(b - 1) + 1) for a, b in s.table.cell_spans]
        if s.row is not None:
            s.row.cell_spans = [(m(a), m(b - 1) + 1) for a, b in s.row.cell_spans]
    page.cells = [(m(a), cell) for a, cell in page.cells]
    return page


def _split(text: str) -> Page:
    starts = line_starts(text)
    lines = text.split("\n")
    sentences: list[Sentence] = []
    footnotes = 0
    unread: list[tuple[int, str]] = []  # table cells no row sentence reads
    header: list[str] | None = None
    block = 0
    k = 0
    while k < len(lines):
        ln = lines[k]
        base = starts[k]
        stripped = ln.strip()
        if not stripped:
            block += 1
            header = None
            k += 1
            continue
        if FOOTNOTE_LINE.match(ln):
            footnotes += 1
            k += 1
            continue
        if stripped.startswith("|") and stripped.count("|") >= 2:
            if TABLE_SEP.match(stripped):
                k += 1
                continue
            cells, spans = _table_cells(ln, base)
            nxt = lines[k + 1].strip() if k + 1 < len(lines) else ""
            if header is None and TABLE_SEP.match(nxt):
                header = cells
                block += 1
                unread += [(a, c) for (a, _), c in zip(spans, cells) if c]
            elif (header is None or len(header) < 2 or all(h in GENERIC_HEADERS for h in header if h)) \
                    and len(cells) >= 2 and cells[0] and any(cells[1:]):
                # a key-value row (発生日時 | 2025年2月28日, under 項目 | 内容 or no header at all): read as
                # the sentence 「発生日時は2025年2月28日」
                if header is None:
                    block += 1
                    header = []
                sentences += _row_sentences(cells, spans, base, starts, block, header)
            elif header is not None and cells:
                unread += [(a, c) for (a, _), c in list(zip(spans, cells))[len(header):] if c]
                row_text = "、".join(f"{h}は{c}" for h, c in zip(header, cells))
                clean = _clean(row_text, 0)[0][:MAX_ROW]
                # map every cleaned character to the row's first cell; cells keep exact spans
                s0, e0 = base + len(ln) - len(ln.lstrip()), base + len(ln.rstrip())
                sentences.append(Sentence(s0, e0, k + 1, clean, [s0] * len(clean), block,
                                          TableRow(header, cells, spans)))
            else:  # a row of a table without a header line
                unread += [(a, c) for (a, _), c in zip(spans, cells) if c]
            k += 1
            continue
        header = None
        # join a line that ends inside a sentence (after 、 or an open bracket) with the next
        end_line = k
        seg_end = base + len(ln)
        while end_line + 1 < len(lines) and lines[end_line + 1].strip() and (
            lines[end_line].rstrip().endswith(("、", "(", "（"))
            or text.count("(", base, seg_end) + text.count("（", base, seg_end)
            > text.count(")", base, seg_end) + text.count("）", base, seg_end)
        ) and seg_end - base < 2000:
            end_line += 1
            seg_end = starts[end_line] + len(lines[end_line])
        raw = text[base:seg_end]
        m = HEADING.match(raw) or BULLET.match(raw)
        offset = m.end() if m else 0
        clean, offs = _clean(raw[offset:], base + offset)
        # newlines inside a joined paragraph are dropped for the parser
        pairs = [(c, o) for c, o in zip(clean, offs) if c != "\n"]
        clean = "".join(c for c, _ in pairs)
        offs = [o for _, o in pairs]
        sentences += _sentences(clean, offs, starts, block)
        k = end_line + 1
    marks = len(FOOTNOTE_MARK.findall(text))
    return Page(sentences, footnotes, marks, unread)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of 「…」 and 『…』 quotations, brackets included."""
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch in "「『":
            stack.append(i)
        elif ch in "」』" and stack:
            spans.append((stack.pop(), i + 1))
    return spans
