"""What a quote looks like on the page: anchors, the sentence around a quote, Markdown markup
taken out of what is shown, one quote per span in a finding, and agreements thin evidence cannot carry.
"""
from __future__ import annotations

import re

from checker.records import Agreement, Evidence, Finding

CONTEXT_CHARS = 200  # a quote's context: its sentence, cut to about this many characters
FULL_STOPS = "。！？!?"
OPEN, CLOSE = "「『（(【", "」』）)】"
SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def anchor(raw: str, prefix: str) -> str:
    """A valid, unique HTML id / URL fragment for any string: ``000_x#12`` -> ``C000_x-12``.

    ASCII letters, digits and ``_`` are kept, ``#`` becomes ``-`` and every other character
    ``.hex.``, so different strings never share an anchor.
    """
    out = [prefix]
    for ch in raw:
        out.append(ch if ch in SAFE else "-" if ch == "#" else f".{ord(ch):x}.")
    return "".join(out)


def counted(n: int, noun: str) -> str:
    """``1 source``, ``2 sources``; ``info`` is a mass noun: ``3 info``."""
    return f"{n} {noun}" if n == 1 or noun == "info" else f"{n} {noun}s"


def clip(text: str | None, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sentence_context(text: str, start: int, end: int, quote: str, limit: int = CONTEXT_CHARS,
                     markup: bool = False) -> dict:
    """The sentence around ``text[start:end]``, cut to about ``limit`` characters around the quote.

    A sentence ends at 。！？!? outside brackets, or at a line break (and, in an HTML document, at a
    tag's ``<`` or ``>``).
    Returns ``before``/``quote``/``after`` strings and whether either side was cut.  Falls back to
    the bare quote when the document text is missing or does not match the offsets.
    """
    if not text or not (0 <= start <= end <= len(text)) or text[start:end] != quote:
        return {"before": "", "quote": clip(quote, limit), "after": "", "cut_before": False, "cut_after": False}
    hard = "\n<>" if markup else "\n"  # always end a sentence; full stops only outside brackets
    scan = 4 * limit  # a sentence-less 200,000-character line costs no more than this
    a, depth = start, 0
    while a > 0 and start - a < scan:
        ch = text[a - 1]
        if ch in hard or (ch in FULL_STOPS and depth == 0):
            break
        depth = depth + 1 if ch in CLOSE else max(0, depth - 1) if ch in OPEN else depth
        a -= 1
    b, depth = end, 0
    while b < len(text) and b - end < scan:
        ch = text[b]
        if ch in hard or (ch in FULL_STOPS and depth == 0):
            break
        depth = depth + 1 if ch in OPEN else max(0, depth - 1) if ch in CLOSE else depth
        b += 1
    long_before = start - a >= scan and a > 0
    long_after = b - end >= scan and b < len(text)
    if b < len(text) and text[b] in FULL_STOPS:
        b += 1  # keep the sentence's own full stop
    before, after = text[a:start].lstrip(), text[end:b].rstrip()
    q = quote if len(quote) <= limit else quote[: limit - 1] + "…"
    room = max(0, limit - len(q))
    keep_before = min(len(before), max(room // 2, room - len(after)))
    keep_after = min(len(after), room - keep_before)
    return {"before": before[len(before) - keep_before:], "quote": q, "after": after[:keep_after],
            "cut_before": keep_before < len(before) or long_before,
            "cut_after": keep_after < len(after) or long_after}




MARKDOWN_EMPHASIS = re.compile(r"\*{2,}|_{2,}|`+")


def plain_markdown(text: str) -> str:
    """A Markdown quote as a reader sees it: ``**G7広島サミット**`` -> ``G7広島サミット``.  Only for
    showing; the JSON keeps the exact file text, so that ``text[start:end] == quote``."""
    return MARKDOWN_EMPHASIS.sub("", text)


def distinct(evidence: list[Evidence], drop: set[tuple[str, int, int]] = frozenset()) -> list[Evidence]:
    """Each span once: an exact repeat, or a span inside a longer one of the same source, shows the
    same sentence again and is left out (the longer span is kept); so is any span in ``drop``."""
    spans = [(e.source, e.start, e.end) for e in evidence]
    out, seen = [], set(drop)
    for k, e in enumerate(evidence):
        key = spans[k]
        inside = any(s == e.source and a <= e.start and e.end <= b and (b - a > e.end - e.start or j < k)
                     for j, (s, a, b) in enumerate(spans) if j != k)
        if key in seen or inside:
            continue
        seen.add(key)
        out.append(e)
    return out


def sides(f: Finding) -> tuple[list[Evidence], list[Evidence], list[Evidence]]:
    """(flagged, contradicted by, supported by), each quote once.  The other side holds only other
    sources' quotes, except for a contradiction inside one document, whose two sides are both its own."""
    flagged = distinct(f.evidence)
    shown = {(e.source, e.start, e.end) for e in flagged}
    own = f.type != "internal_contradiction"

    def other(evs: list[Evidence]) -> list[Evidence]:
        return distinct([e for e in evs if not (own and e.source == f.source)], shown)

    return flagged, other(f.contradicted_by), other(f.supported_by)


WORD_RUN = re.compile(r"^(?:[\u4e00-\u9fff々〆ヵヶ]+|[\u30a0-\u30ffｦ-ﾟ]+|[\u3041-\u309f]+|[A-Za-z]+)$")
DIGITS = re.compile(r"[0-9０-９一二三四五六七八九十百千万]")


def thin(quote: str, agreement: Agreement) -> bool:
    """A quote too thin to show a fact: a value (date, figure) it does not state, or a single word
    (one run of kanji, katakana, hiragana or Latin letters) that is not the fact's own object."""
    text = plain_markdown(quote).strip()
    if DIGITS.search(agreement.object or "") and not DIGITS.search(text):
        return True
    return bool(WORD_RUN.match(text)) and not (agreement.object and agreement.object in text)


def shown_agreements(agreements: list[Agreement]) -> list[tuple[Agreement, list[str], list[Evidence]]]:
    """The agreements worth listing, each with the sources whose quotes show the fact and one quote per
    source; an agreement that fewer than two sources show in more than a bare word is left out."""
    out = []
    for a in agreements:
        best: dict[str, Evidence] = {}
        for e in a.evidence:
            if not thin(e.quote, a):
                best.setdefault(e.source, e)
        if len(best) >= 2:
            out.append((a, sorted(best), list(best.values())))
    return out
