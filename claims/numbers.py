"""Numbers as Japanese text writes them: Arabic, full-width, comma-grouped, kanji, and mixed with the
myriad units (4万2000, 3兆1234億, 1億2400万, 二千五百, 一万二千, ３万５千).

``NUMBER`` is a regular expression for one whole number; ``parse_number`` reads what it matched.
``half_width`` maps full-width digits and signs to ASCII one character for one, so offsets into the
mapped text are offsets into the original.
"""
from __future__ import annotations

import re

_FULL = "０１２３４５６７８９，．％＋－"
_HALF = "0123456789,.%+-"
HALF_WIDTH = str.maketrans(_FULL, _HALF)

KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
MYRIAD = {"万": 10**4, "億": 10**8, "兆": 10**12}

ARABIC = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
KANJI = r"[〇零一二三四五六七八九十百千]+"
_SEG = rf"(?:(?:{ARABIC})[千百]?|{KANJI})"
# one number: segments before 兆/億/万 then an optional last segment; or a plain Arabic number;
# or kanji of two characters or more (a lone 一 is too often part of a word: 一部, 一方)
NUMBER = (rf"(?<![\d.,〇零一二三四五六七八九十百千])"
          rf"(?:(?:{_SEG})[兆億万])+(?:{_SEG})?(?![\d])"
          rf"|(?<![\d.,])(?:{ARABIC})[千百]?(?![\d.,]\d)"
          rf"|(?<![〇零一二三四五六七八九十百千])[〇零一二三四五六七八九十百千]{{2,}}")
NUMBER_RE = re.compile(NUMBER)


# newspapers write a decimal point as a nakaguro (0・25%, 6・6): read as one where what follows is a
# share, a multiple or a magnitude, never a list (1・2号機, 1・2月)
_NAKAGURO_DECIMAL = re.compile(r"(?<=\d)・(?=\d+(?:%|ポイント|倍))|(?<=(?:M|Ｍ|ド|\)|）)\d)・(?=\d)")


def half_width(text: str) -> str:
    """Full-width digits and signs as ASCII, and a nakaguro decimal point as a dot: one character for
    one, so offsets hold."""
    return _NAKAGURO_DECIMAL.sub(".", text.translate(HALF_WIDTH))


def _kanji(s: str) -> int | None:
    if not s or any(ch not in KANJI_DIGITS and ch not in KANJI_UNITS for ch in s):
        return None
    if not any(ch in KANJI_UNITS for ch in s):
        return int("".join(str(KANJI_DIGITS[ch]) for ch in s))  # 二〇二四: digit by digit
    total, cur, last = 0, None, 10**5
    for ch in s:
        if ch in KANJI_DIGITS:
            if cur is not None:
                return None  # 二三百 is not a number
            cur = KANJI_DIGITS[ch]
        else:
            unit = KANJI_UNITS[ch]
            if unit >= last:
                return None  # 百千 is not a number
            total += (1 if cur is None else cur) * unit
            cur, last = None, unit
    return total + (cur or 0)


def _segment(s: str) -> float | None:
    if not s:
        return None
    mult = 1
    if s[-1] in "千百" and s[:-1] and s[-2].isdigit():
        mult, s = KANJI_UNITS[s[-1]], s[:-1]
    if re.fullmatch(ARABIC, s):
        return float(s.replace(",", "")) * mult
    value = _kanji(s)
    return None if value is None else float(value * mult)


def parse_number(s: str) -> float | None:
    """The value of one number as NUMBER matched it (after ``half_width``); None when it is not one."""
    s = half_width(s)
    parts = re.split(r"([兆億万])", s)
    total, last = 0.0, float("inf")
    for i in range(0, len(parts) - 1, 2):
        seg, unit = parts[i], MYRIAD[parts[i + 1]]
        value = _segment(seg)
        if value is None or unit >= last or value >= 10**4:
            return None  # 3万2万, 2億億 and 12345万 are not numbers
        total += value * unit
        last = unit
    tail = parts[-1]
    if tail:
        value = _segment(tail)
        if value is None or (last != float("inf") and value >= last):
            return None
        total += value
    return total
