"""Parse and extract on every core, or on a Dask cluster: the same extractions as one process.

Extraction has two passes over the corpus (see :func:`claims.extract.extract_documents`): every
document is parsed and the names it marks as people are collected; then, with the corpus's pool of
names, every document is extracted.  Both passes run per document, so they are spread over
workers in contiguous partitions of documents:

1. a worker splits and parses its partition (its parse cache first) and returns the parses and the
   names each document marks;
2. the names are pooled here, in document order, exactly as one process pools them;
3. a worker extracts its partition with that pool and returns the extractions, gathered in order.

Locally the model is loaded here, before the workers are forked: they share its weights
copy-on-write instead of each loading its own.  A Dask worker loads it once (:data:`_PARSER`, on
first use) and keeps it.  The model is loaded with the components the checker does not use left
out (``claims.model.DISABLED``).

``jobs`` > 1 uses a local process pool; ``dask`` is the address of a running ``dask.distributed``
scheduler, or ``"local"`` for a ``LocalCluster`` of ``jobs`` workers.  With Dask the parses stay on
the worker that made them: pass 3 runs where pass 1 ran and only the names travel.
"""
from __future__ import annotations

import os
from pathlib import Path
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Callable, Iterable, Sequence

from .cache import ExtractionCache, names_digest
from .extract import DocExtractor, Names, clean_names, extract_documents, marked_names
from .ingest import InputError
from .models import Document, Extraction
from .parse import Parser, Tok, default_cache_dir
from .segment import split

SERIAL_CHARS = 20_000  # uncached text below this is parsed here: starting workers would cost more
_PARSER: Parser | None = None  # one per worker process, loaded on first use


def _parser(cache_dir: Path | None) -> Parser:
    global _PARSER
    if _PARSER is None or _PARSER.cache_dir != (cache_dir or default_cache_dir()):
        _PARSER = Parser(cache_dir=cache_dir)
    return _PARSER


def _parse_part(docs: Sequence[Document], cache_dir: Path | None = None) -> list[tuple[list[list[Tok]], list[str]]]:
    """Pass 1 in a worker: each document's parses and the names it marks."""
    out = []
    parser = _parser(cache_dir)
    for d in docs:
        page = split(d.visible, d.plain_map)
        parses = parser.parse_document([s.text for s in page.sentences])
        out.append((parses, marked_names(page, parses)))
    return out


def _extract_part(docs: Sequence[Document], parsed: Sequence[tuple[list[list[Tok]], list[str]]],
                  names: Names) -> list[Extraction]:
    """Pass 3 in a worker: each document extracted with the corpus's pool of names."""
    return [DocExtractor(d, split(d.visible, d.plain_map), p, names).run() for d, (p, _) in zip(docs, parsed)]


def _names_of(parsed: Sequence[tuple[list[list[Tok]], list[str]]]) -> list[list[str]]:
    return [n for _, n in parsed]


def partitions(docs: Sequence[Document], parts: int) -> list[list[Document]]:
    """Contiguous partitions of about equal text, in document order."""
    total = sum(len(d.visible) for d in docs) or 1
    out: list[list[Document]] = [[]]
    done = 0
    for d in docs:
        if out[-1] and done >= total * len(out) / parts:
            out.append([])
        out[-1].append(d)
        done += len(d.visible)
    return [p for p in out if p]


def uncached_chars(docs: Sequence[Document], parser: Parser) -> int:
    """How much of the text the parse cache does not hold yet."""
    return sum(len(d.visible) for d in docs if not parser.cached([s.text for s in split(d.visible, d.plain_map).sentences]))


def extract_parallel(docs: Sequence[Document], names: Names | None = None, jobs: int | None = None,
                     dask: str | None = None, progress: Callable[[int], None] | None = None,
                     parser: Parser | None = None, serial_below: int = SERIAL_CHARS
                     ) -> tuple[list[Extraction], Names]:
    """:func:`extract_documents` over ``jobs`` processes or a Dask cluster; identical results.

    Locally, when less than ``serial_below`` characters need the model, this process does it all."""
    jobs = jobs or os.cpu_count() or 1
    parser = parser or Parser()
    cache = ExtractionCache(parser.cache_dir, enabled=parser.use_cache)
    hit = cache.load(docs)
    if hit is not None:  # every document extracted before, by this code and model: with this pool of names?
        pool_names = _pool((m for m, _, _ in hit), names)
        if all(digest == _digest(pool_names) for _, digest, _ in hit):
            if progress:
                progress(sum(len(d.visible) for d in docs))
            return [ex for _, _, ex in hit], pool_names
    marked: list[list[str]] = []
    if dask:
        ex, pool_names = _on_dask(docs, names, jobs, dask, progress, marked)
    elif jobs <= 1 or len(docs) < 2 or uncached_chars(docs, parser) < serial_below:
        ex, pool_names = extract_documents(docs, parser, names=names, progress=progress, marked=marked)
    else:
        ex, pool_names = _on_workers(docs, names, jobs, progress, parser, marked)
    cache.store(docs, marked, _digest(pool_names), ex)
    return ex, pool_names


def _digest(names: Names) -> str:
    return names_digest(names.known, names.surnames, names.given)


def _on_workers(docs: Sequence[Document], names: Names | None, jobs: int, progress: Callable[[int], None] | None,
                parser: Parser, marked: list[list[str]]) -> tuple[list[Extraction], Names]:
    parts = partitions(docs, jobs * 4)
    parser.nlp  # noqa: B018 -- loaded before the fork: the workers inherit it
    with ProcessPoolExecutor(max_workers=min(jobs, len(parts)), mp_context=get_context("fork")) as pool:
        parsed = []
        for part, result in zip(parts, pool.map(_parse_part, parts, [parser.cache_dir] * len(parts))):
            parsed.append(result)
            if progress:
                progress(sum(len(d.visible) for d in part))
        marked.extend(m for part in parsed for _, m in part)
        pool_names = _pool(marked, names)
        extracted = list(pool.map(_extract_part, parts, parsed, [pool_names] * len(parts)))
    return [ex for part in extracted for ex in part], pool_names


def _pool(marked: Iterable[list[str]], names: Names | None) -> Names:
    """The corpus's pool of names, as one process pools them (see extract_documents)."""
    found = clean_names(n for doc in marked for n in doc)
    for n in (names.known if names is not None else ()):
        found.add(n)
    return found


def _on_dask(docs: Sequence[Document], names: Names | None, jobs: int, address: str,
             progress: Callable[[int], None] | None, marked: list[list[str]]) -> tuple[list[Extraction], Names]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # an optional extra
        raise InputError("--dask needs dask.distributed: pip install 'claimcheck[dask]'") from exc
    cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None) \
        if address == "local" else None
    try:
        try:
            client = Client(cluster if cluster else address, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        with client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            parts = partitions(docs, workers * 4)
            parsed = client.map(_parse_part, parts, pure=False)
            gathered = client.gather(client.map(_names_of, parsed, pure=False))
            if progress:
                progress(sum(len(d.visible) for d in docs))
            marked.extend(doc for part in gathered for doc in part)
            pool_names = _pool(marked, names)
            shared = client.scatter(pool_names, broadcast=True)
            extracted = client.gather(client.map(_extract_part, parts, parsed, [shared] * len(parts), pure=False))
    finally:
        if cluster:
            cluster.close()
    return [ex for part in extracted for ex in part], pool_names
