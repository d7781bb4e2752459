"""A large synthetic corpus, cheaply: a few template documents parsed once, many variants extracted.

Each variant fills a template with other names, places, dates and figures of the same length, so the
template's parse fits it token for token; :class:`TemplateParser` hands that parse to the real
extractor.  A thousand documents cost three parses and a few seconds of extraction, and every
variant talks about different people, places and days, like an unrelated corner of a real corpus.

:func:`hot_extractions` is the hard case for blocking: every document is about one of a few events
(the same people, cities and days over and over), with a figure or a date changed now and then, so
that the keys a head of state or a country give are shared by thousands of documents.
"""
from __future__ import annotations

import hashlib
import random
from typing import Sequence

from claims.extract import extract_documents
from claims.ingest import find_published, find_title
from claims.models import Document, Extraction
from claims.parse import Parser, Tok
from claims.segment import split

KATAKANA = ("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
            "ガギグゲゴザジズゼゾダデドバビブベボパピプペポ")

# template values; every variant replaces each with a random string of the same length
BASE = {"country": "ドルナバ", "given": "ホセ", "name": "アルベルダ", "country2": "ミレニア", "given2": "サンドロ",
        "name2": "ベルキニ", "city": "カルタヘナ", "minister": "オルテガ", "year": "2019", "month": "10", "day": "15",
        "minutes": "45", "pct": "63", "count": "120"}

TEMPLATES = [
    ("txt", "{country}首脳会談\n公開日:{year}年{month}月{day}日\n"
            "【{city}=共同】{country}の{given}・{name}大統領は{year}年{month}月{day}日、{city}で{country2}の"
            "{given2}・{name2}首相と会談した。\n会談は{minutes}分間に及んだ。{name}大統領は「両国の協力を強化する」と"
            "述べた。\n{name2}首相も経済協力の拡大に意欲を示した。世論調査では国民の{pct}%が会談を支持している。\n"),
    ("txt", "{country}政府、新経済計画を発表\n{year}年{month}月{day}日\n"
            "{country}の{minister}財務相は{year}年{month}月{day}日、首都{city}で記者会見し、新たな経済計画を発表した。\n"
            "{minister}財務相は「物価の安定を最優先する」と述べた。\n同国統計局によると、失業率は{pct}%に低下した。\n"
            "計画には{count}億ドルの投資が含まれる。\n"),
    ("md", "# {city}国際会議\n\n{year}年{month}月{day}日、{city}で国際会議が開かれ、{count}か国の代表が参加した。\n\n"
           "議長を務めた{given2}・{name2}外相は「協力の時代が来た」と語った。会議は{minutes}時間続いた。\n\n"
           "| 項目 | 内容 |\n|---|---|\n| 開催地 | {city} |\n| 参加国 | {count}か国 |\n"),
]


def variant_values(rng: random.Random) -> dict[str, str]:
    out = {}
    for key, value in BASE.items():
        if key == "year":
            out[key] = str(rng.randint(1990, 2019))
        elif key == "month":
            out[key] = str(rng.randint(10, 12))
        elif key == "day":
            out[key] = str(rng.randint(10, 28))
        elif value.isdigit():
            out[key] = str(rng.randint(10 ** (len(value) - 1), 10 ** len(value) - 1))
        else:
            out[key] = "".join(rng.choice(KATAKANA) for _ in value)
    return out


def make_document(doc_id: str, text: str, fmt: str) -> Document:
    return Document(id=doc_id, path=f"synthetic/{doc_id}.{fmt}", title=find_title(text),
                    published=find_published(text), format=fmt, text=text,
                    sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


class TemplateParser:
    """Stands in for :class:`Parser`: the template's parse, re-sliced onto a same-length variant."""

    def __init__(self, parses: list[list[Tok]]):
        self.parses = parses
        self.calls = 0  # never sends anything to the model

    def parse_document(self, sentences: Sequence[str], progress=None) -> list[list[Tok]]:
        if len(sentences) != len(self.parses):
            raise ValueError("a variant must split into the template's sentences")
        out = []
        for s, toks in zip(sentences, self.parses):
            sent = []
            for t in toks:
                text = s[t.idx:t.idx + len(t.text)]
                sent.append(t._replace(text=text, lemma=text if t.lemma == t.text else t.lemma))
            out.append(sent)
        return out


def hot_values(rng: random.Random, events: list[dict[str, str]]) -> dict[str, str]:
    """One of the few events, with a figure or the day changed in about one document in ten."""
    values = dict(rng.choice(events))
    if rng.random() < 0.1:
        key = rng.choice(("minutes", "pct", "count", "day"))
        values[key] = variant_values(rng)[key]
    return values


def synthetic_extractions(parser: Parser, n: int, seed: int = 0, hot: int = 0) -> list[Extraction]:
    """``n`` extracted documents (ids syn00000…) from the templates, parsing only the templates.

    With ``hot`` > 0 every document is about one of ``hot`` events (the same people, places, days)."""
    rng = random.Random(seed)
    events = [variant_values(rng) for _ in range(hot)]
    out: list[Extraction] = []
    for t, (fmt, template) in enumerate(TEMPLATES):
        base = make_document(f"template{t}", template.format(**BASE), fmt)
        stub = TemplateParser(parser.parse_document([s.text for s in split(base.text).sentences]))
        docs = [make_document(f"syn{k:05d}", template.format(**(hot_values(rng, events) if hot
                                                                 else variant_values(rng))), fmt)
                for k in range(t, n, len(TEMPLATES))]
        out += extract_documents(docs, stub)[0]  # type: ignore[arg-type]
    return sorted(out, key=lambda ex: ex.document.id)
