"""The Japanese parse: GiNZA loaded once, sentences batched through ``nlp.pipe``, results cached.

Only plain :class:`Tok` tuples leave this module.  Parses are cached on disk by the sha256 of the
sentence text and the model version, so a corpus is parsed once however often it is checked.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path
from typing import Callable, Iterable, NamedTuple, Sequence

# the model and the components left out of it (NER: names, places and offices come from the SudachiPy
# part-of-speech tags and the office lexicon, see roles.py): claims.model
from .model import DISABLED, MODEL, load, ud_label  # noqa: F401
# SudachiPy refuses an input of more than 49,149 bytes; segment.py keeps sentences far shorter, and
# this last guard cuts any text that would still reach the limit instead of failing the run
MAX_PARSE_BYTES = 48_000
# GiNZA's bunsetu and clause pass took time cubic in the tokens of a sentence: 300 tokens parsed in under
# a second, 600 (a 600-character run of "1,1,1,") in seven.  No sentence of the test corpora comes near
# 300 tokens; a longer one is parsed up to its 300th token (the pass is left out now, see claims.model;
# the cut stays, so that such a sentence's parse, and claims, stay what they were)
MAX_TOKENS = 300


class Tok(NamedTuple):
    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    idx: int  # character offset in the sentence text


def default_cache_dir() -> Path:
    env = os.environ.get("CLAIMCHECK_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimcheck"


def _stack() -> str:
    """The versions of everything that shapes a parse: an upgraded model never reuses old parses."""
    from importlib import metadata

    parts = []
    for dist in ("ja-ginza", "ginza", "spacy", "sudachipy", "sudachidict-core"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=none")
    return ";".join(parts)


STACK = _stack()


class Parser:
    """Holds the loaded model and the parse cache.  Create one per process and pass it around."""

    def __init__(self, cache_dir: Path | None = None, use_cache: bool = True, batch_size: int = 64):
        self._nlp = None
        self.version = ""
        self.cache_dir = cache_dir or default_cache_dir()
        self.use_cache = use_cache
        self.batch_size = batch_size
        self.calls = 0  # sentences sent to the model (tests count these)
        self._memory: dict[str, list[Tok]] = {}

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load(MODEL)
            self.version = f"{MODEL}-{self._nlp.meta.get('version', '?')}"
        return self._nlp

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{MODEL}\0{STACK}\0{text}".encode("utf-8")).hexdigest()

    def _cache_file(self, doc_key: str) -> Path:
        return self.cache_dir / "parses" / doc_key[:2] / f"{doc_key}.json.gz"

    def _doc_key(self, sentences: Sequence[str]) -> str:
        return self._key("\n".join(sentences) + f"\0{len(sentences)}")

    def cached(self, sentences: Sequence[str]) -> bool:
        """Whether this document's parse is in the cache (so parsing it costs no model time)."""
        key = self._doc_key(sentences)
        return key in self._memory or (self.use_cache and self._cache_file(key).exists())

    def parse_document(self, sentences: Sequence[str], progress: Callable[[int], None] | None = None
                       ) -> list[list[Tok]]:
        """Parse one document's sentences, from the cache when its text was parsed before."""
        doc_key = self._doc_key(sentences)
        if doc_key in self._memory:
            return self._memory[doc_key]  # type: ignore[return-value]
        path = self._cache_file(doc_key)
        if self.use_cache and path.exists():
            try:
                data = json.loads(gzip.decompress(path.read_bytes()))
                result = [[Tok(*t) for t in sent] for sent in data]
                if len(result) == len(sentences):
                    if progress:
                        progress(sum(len(s) for s in sentences))
                    return result
            except (OSError, ValueError, TypeError):
                pass  # a damaged cache entry is parsed again
        # a page that repeats itself (a 200,000-character line of one sentence) is parsed once a text
        unique = list(dict.fromkeys(sentences))
        parsed = dict(zip(unique, self._parse(unique, progress)))
        result = [parsed[s] for s in sentences]
        if self.use_cache:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp")
                tmp.write_bytes(gzip.compress(json.dumps(result, ensure_ascii=False).encode("utf-8")))
                tmp.replace(path)
            except OSError:
                pass  # a read-only cache only costs speed
        return result

    def _fit_tokens(self, text: str) -> str:
        if len(text) <= MAX_TOKENS:  # a token is at least one character
            return text
        toks = self.nlp.tokenizer(text)
        return text if len(toks) <= MAX_TOKENS else text[:toks[MAX_TOKENS].idx]

    def _parse(self, sentences: Sequence[str], progress) -> Iterable[list[Tok]]:
        safe = [self._fit_tokens(_fit(s)) for s in sentences]
        for doc, text in zip(self.nlp.pipe(safe, batch_size=self.batch_size), sentences):
            self.calls += 1
            yield [Tok(t.i, t.text, t.lemma_, t.pos_, t.tag_, ud_label(t.dep_), t.head.i, t.idx) for t in doc]
            if progress:
                progress(len(text))


def _fit(text: str) -> str:
    """``text``, cut to at most MAX_PARSE_BYTES of UTF-8 (a cut sentence loses only its tail tokens)."""
    if len(text) * 4 <= MAX_PARSE_BYTES or len(text.encode("utf-8")) <= MAX_PARSE_BYTES:
        return text
    return text.encode("utf-8")[:MAX_PARSE_BYTES].decode("utf-8", "ignore")
