"""Bytes to text: the encodings a document may be in, each decoded strictly, or refused.

Read: UTF-8 (with or without a byte-order mark), UTF-16 and UTF-32 with a byte-order mark,
ISO-2022-JP (JIS, 7-bit escapes), Shift_JIS/CP932 and EUC-JP.  Every decode is strict: a file
that claims one encoding (a BOM, JIS escapes) and breaks it is refused, never read with
replacement characters, and a file that is none of them is refused with charset-normalizer's
guess of what it is.  Nothing is ever decoded "best effort".
"""
from __future__ import annotations

import re

# longest first: the UTF-32-LE mark starts with the UTF-16-LE one
BOMS = [
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig", "UTF-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16", "UTF-16"),
]
# the escapes that switch ISO-2022-JP into JIS X 0208 / 0212 / 0213, JIS-Roman or half-width kana
JIS_ESCAPE = re.compile(rb"\x1b(?:\$[@B]|\$\([DOPQ]|\([BJI])")
JIS_CODECS = ("iso2022_jp", "iso2022_jp_2004", "iso2022_jp_ext", "iso2022_jp_2")
# Shift_JIS is read as CP932 (its Windows superset: ①, 髙, ㈱); both legacy codecs are tried
LEGACY = ("cp932", "euc_jp")
KANA = re.compile("[\u3041-\u30ff]")
# what the non-ASCII characters of Japanese text are: kana, kanji, CJK and full-width punctuation, the
# symbols, Greek and Cyrillic of JIS X 0208.  Half-width katakana is left out: it is what EUC-JP
# bytes read as CP932 turn into.  A legacy decode whose wide characters are not nearly all of these
# is the wrong encoding.
COMMON = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\u2010-\u27bf"
                    "\u0391-\u0451\u00a7-\u00f7\ufeff]")
MIN_COMMON_SHARE = 0.9
READ = "UTF-8, UTF-16/UTF-32 with a byte-order mark, Shift_JIS, EUC-JP or ISO-2022-JP"


class DecodeError(ValueError):
    """The bytes are not text in an encoding claimcheck reads; the message says why."""


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of ``data``; :class:`DecodeError` when it cannot be read exactly."""
    for bom, codec, name, label in BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):], codec, f"starts with a {label} byte-order mark but is not valid {label}",
                           offset=len(bom))
            return _text(text), name
    if b"\x00" in data:
        raise DecodeError("looks like a binary file, not text (it holds NUL bytes; UTF-16 and UTF-32 text needs a "
                          "byte-order mark)")
    if data.isascii():
        if JIS_ESCAPE.search(data):
            return _jis(data), "iso2022_jp"
        return data.decode("ascii"), "utf-8"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first = exc
    best: tuple[int, str, str] | None = None
    for codec in LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = sum(1 for ch in text if ord(ch) > 0x7F)
        if len(COMMON.findall(text)) < MIN_COMMON_SHARE * wide:
            continue
        kana = len(KANA.findall(text))
        if best is None or kana > best[0]:
            best = (kana, text, codec)
    if best is not None:
        return _text(best[1]), best[2]
    raise DecodeError(f"not valid UTF-8 (byte 0x{data[first.start]:02x} at offset {first.start}) and not "
                      f"Japanese text in Shift_JIS or EUC-JP{_guess(data)}; claimcheck reads {READ}")


def _strict(data: bytes, codec: str, what: str, offset: int = 0) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"{what} ({exc.reason} at byte {exc.start + offset})") from None


def _jis(data: bytes) -> str:
    for codec in JIS_CODECS:
        try:
            return _text(data.decode(codec))
        except UnicodeDecodeError:
            continue
    return _text(_strict(data, JIS_CODECS[0], "has ISO-2022-JP escape sequences but is not valid ISO-2022-JP"))


def _text(text: str) -> str:
    if "\x00" in text:
        raise DecodeError("looks like a binary file, not text (it holds NUL characters)")
    return text


def _guess(data: bytes) -> str:
    """charset-normalizer's guess, to help the user convert the file; never used to decode it."""
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data[:65536]).best()
    except Exception:  # a guess is a courtesy: it must not turn a clear refusal into a crash
        return ""
    return f" (it looks like {best.encoding})" if best is not None else ""
