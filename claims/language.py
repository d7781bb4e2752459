"""Is a document Japanese?  claimcheck reads only Japanese, so a document in another language is
left out of the comparison and the scores, with a note, rather than silently scored.

Japanese is told from its script: every Japanese text writes kana (the particles, the verb endings),
whereas English has none and Chinese writes only Han characters.  A text counts as Japanese when
kana make up a fair share of its letters, or it holds a few sentences' worth of kana whatever else
it holds.
"""
from __future__ import annotations

from typing import Sequence

from .models import Document

MIN_KANA_SHARE = 0.05  # of all letters; Japanese prose runs at 30-60 %, a Japanese page with English in it above 5 %
MIN_LETTERS = 20  # fewer letters than this say nothing about the language
ENOUGH_KANA = 50  # this much kana is Japanese text, however much else (code, a long Latin line) the file holds


def _kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u30ff" and ch not in "\u30fb\u30fc" or "\uff66" <= ch <= "\uff9d" or \
        "\u31f0" <= ch <= "\u31ff"


def kana_share(text: str) -> tuple[float, int]:
    """The share of kana among the letters of ``text``, and the number of letters."""
    letters = kana = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            kana += _kana(ch)
    return (kana / letters if letters else 0.0), letters


def is_japanese(text: str) -> bool:
    """True unless the text has enough letters to tell and too few of them are kana."""
    share, letters = kana_share(text)
    return letters < MIN_LETTERS or share >= MIN_KANA_SHARE or share * letters >= ENOUGH_KANA


def partition(docs: Sequence[Document]) -> tuple[list[Document], list[Document]]:
    """(Japanese documents, documents in another language), each in input order."""
    ja, other = [], []
    for d in docs:
        (ja if is_japanese(d.visible) else other).append(d)
    return ja, other


def left_out_note(doc: Document) -> str:
    return (f"{doc.path} is not Japanese text: claimcheck reads Japanese, so this document is left out of "
            "the comparison and the scores")
