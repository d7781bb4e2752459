"""A person's name written one character off: 「中居正弘」 where the other sources write 「中居正広」.

A copied or machine-written page often gets a name's kanji wrong, and a misspelt name is a wrong
name: the reader looks up someone else.  The check is narrow so that two real people are never
taken for one:

- only names of four kanji or more (a surname and a given name of their own); in three (佐藤健 /
  佐藤優) one character is the whole given name, another person's;
- the two forms have one length and differ in exactly one character, and that pair is not one
  character in two scripts (髙/高, 澤/沢, 齋/斎: either is the name);
- the other form is written by at least two independent witnesses, this one by no other;
- this document never writes the other form (or slips once: the odd form written once, with the
  title the right form has elsewhere, 長瀬拓矢王座 beside 永瀬拓矢), and the other documents never
  write this one;
- a form inside title or quotation brackets (『中井正広のブラックバラエティ』 is a programme's real
  name) is not held against its document.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from claims.models import Extraction

from .common import Corpus
from .records import Finding

KANJI_NAME = re.compile(r"[\u4e00-\u9fff\U00020000-\U0002ffff々]{4,7}")
# one name in two scripts (新字体 / 旧字体, printing variants): either spelling is the person's
VARIANTS = ["斉齊", "斎齋", "高髙", "崎﨑嵜碕", "辺邊邉", "沢澤", "浜濱", "広廣", "桜櫻", "竜龍", "国國",
            "富冨", "島嶋嶌", "吉𠮷", "徳德", "恵惠", "栄榮", "真眞", "実實", "亜亞", "条條", "来來", "学學",
            "蔵藏", "滝瀧", "関關", "黒黑", "将將", "壮壯", "亀龜", "寿壽", "万萬", "与與", "礼禮", "芸藝",
            "円圓", "応應", "児兒", "豊豐", "巌巖", "晋晉", "峰峯", "舘館", "槙槇", "柳栁", "凛凜", "遥遙",
            "桧檜", "穂穗", "鉄鐵", "継繼", "県縣", "瀬瀨", "野埜", "曽曾", "惠恵", "祢禰",
            "弥彌", "薗園", "渕淵", "籠篭", "剣劍", "郎郞", "彦彥", "顕顯"]
_SAME = {frozenset((a, b)) for group in VARIANTS for i, a in enumerate(group) for b in group[i + 1:]}
MIN_WITNESSES = 2


def _form(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "").replace("・", "")


def _bracketed(text: str, start: int) -> bool:
    """Whether ``start`` sits inside a bracket opened earlier on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    depth = 0
    for ch in text[line_start:start]:
        if ch in "『「《〈【“":
            depth += 1
        elif ch in "』」》〉】”" and depth:
            depth -= 1
    return depth > 0


def _one_off(a: str, b: str) -> bool:
    if len(a) != len(b) or a == b:
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diff) == 1 and frozenset(diff[0]) not in _SAME


KIN = re.compile(r"兄|弟|姉|妹|父|母|息子|娘|妻|夫|長男|次男|長女|次女|親族|家族")
WORD = re.compile(r"[\u4e00-\u9fffァ-ヴー]{2,6}")


def _next_word(text: str, end: int) -> str:
    m = WORD.match(text, end)
    return "" if m is None or m.group(0)[0] in "氏様君殿" else m.group(0)[:2]


def _slip(texts: dict[str, str], source: str, m, v: str, right: str, extractions: list[Extraction]) -> bool:
    """A document that writes both forms slipped once (長瀬拓矢王座 beside 永瀬拓矢): the odd form
    written once, with the title the right form has elsewhere (王座, 通訳), and no kin word near it
    (a brother of the same name pattern is another person)."""
    text = texts[source]
    if text.count(v) != 1 or KIN.search(text[max(0, m.start - 6):m.end + 6]):
        return False
    title = _next_word(text, m.end)
    return bool(title) and any(_next_word(texts[ex.document.id], n.end) == title
                               for ex in extractions for n in ex.mentions if _form(n.text) == right)


def name_variant_findings(corpus: Corpus, extractions: list[Extraction]) -> list[Finding]:
    witnesses: dict[str, set[str]] = defaultdict(set)  # form -> witness groups that write it
    texts = {ex.document.id: unicodedata.normalize("NFKC", ex.document.text) for ex in extractions}
    for ex in extractions:
        for m in ex.mentions:
            f = _form(m.text)
            if m.type == "person" and KANJI_NAME.fullmatch(f):
                witnesses[f].add(corpus.witness.get(ex.document.id, ex.document.id))
    out: list[Finding] = []
    for ex in extractions:
        source = ex.document.id
        if source in corpus.references:
            continue
        mine = corpus.witness.get(source, source)
        seen: set[str] = set()
        for m in sorted(ex.mentions, key=lambda m: m.start):
            v = _form(m.text)
            if m.type != "person" or v in seen or not KANJI_NAME.fullmatch(v) or witnesses[v] - {mine}:
                continue
            if _bracketed(ex.document.text, m.start):
                continue
            for right, by in sorted(witnesses.items()):
                others = by - {mine}
                if len(others) < MIN_WITNESSES or not _one_off(v, right):
                    continue
                if right in texts[source] and not _slip(texts, source, m, v, right, extractions):
                    continue  # the document writes the other form too: two people, unless a slip of one
                if any(v in texts[d] for d in corpus.docs if d != source and corpus.witness.get(d, d) in others):
                    continue
                cites = [ex2 for ex2 in extractions if ex2.document.id != source
                         and corpus.witness.get(ex2.document.id, ex2.document.id) in others]
                against = []
                for ex2 in cites:
                    hit = next((n for n in sorted(ex2.mentions, key=lambda n: n.start) if _form(n.text) == right), None)
                    if hit is not None:
                        against.append(corpus.span(ex2.document.id, hit.start, hit.end))
                seen.add(v)
                out.append(Finding(
                    type="misattribution", severity="error", source=source,
                    message=(f"the name 「{m.text}」 differs by one character from 「{right}」, which "
                             f"{len(others)} independent sources write"
                             + ("; this document writes 「" + right + "」 elsewhere" if right in texts[source]
                                else f"; this document never writes 「{right}」")
                             + f" and no other source writes 「{m.text}」"),
                    evidence=[corpus.span(source, m.start, m.end)],
                    contradicted_by=against[:4],
                    claims=[c.id for c in corpus.by_source[source] if c.start < m.end and m.start < c.end]))
                break
    return out
