"""The claim store: a corpus parsed once and kept in an embedded SQLite database.

Each document is stored with its content hash and its whole :class:`Extraction` (JSON), plus a
``claims`` table and an ``entities`` table (people, places, offices held at a month, event days)
that ``store list`` reads and that :meth:`Store.related` queries to pick the stored documents a
new document can be compared with.
"""
from __future__ import annotations

import math
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from pydantic import ValidationError

from claims.entities import fold, surname
from claims.distribute import extract_parallel
from claims.extract import Names
from claims.ingest import InputError
from claims.models import Claim, Document, Extraction, Quantity
from claims.parse import Parser
from claims.roles import place_parts

from . import __version__

SCHEMA_VERSION = "1"
SQLITE_MAGIC = b"SQLite format 3\x00"
SUFFIXES = (".db", ".sqlite", ".sqlite3")
# office holders are compared when their dates are within 62 days: at most 3 calendar months apart
MONTHS_NEAR = 3
UNBOUNDED = 1e308
LOCK_TIMEOUT = 120  # seconds to wait for another process writing the same store

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL, title TEXT NOT NULL, published TEXT,
  format TEXT NOT NULL, text TEXT NOT NULL, extraction TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS claims (
  id TEXT PRIMARY KEY, source TEXT NOT NULL, kind TEXT NOT NULL, predicate_class TEXT NOT NULL,
  subject TEXT NOT NULL, object TEXT, time TEXT, place TEXT, low REAL, high REAL,
  line INTEGER NOT NULL, quote TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claims_source ON claims (source);
CREATE INDEX IF NOT EXISTS claims_quantity ON claims (predicate_class, low);
CREATE TABLE IF NOT EXISTS entities (
  source TEXT NOT NULL, type TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, role TEXT,
  mentions INTEGER NOT NULL, PRIMARY KEY (source, key, name));
CREATE INDEX IF NOT EXISTS entities_key ON entities (key);
"""


def is_store(path: str) -> bool:
    """A claim store is named *.db / *.sqlite, or is any SQLite file."""
    p = Path(path)
    return p.suffix.lower() in SUFFIXES or is_sqlite(p)


# -- what a document is about: the keys the related-document query matches ------------------------

def _month(time: str) -> tuple[int, int] | None:
    try:
        return int(time[:4]), int(time[5:7])
    except ValueError:
        return None


def _office_keys(role: str, time: str | None, query: bool) -> set[str]:
    """Keys of an office held at a date: the month, or the year when only the year is known.

    A query key set covers every stored key whose date ``near_in_time`` could accept.
    """
    if not time or len(time) < 4:
        return set()
    if len(time) == 4:
        keys = {f"o:{role}@{time}"}
        if query:
            keys |= {f"o:{role}@{time}-{m:02d}" for m in range(1, 13)}
        return keys
    ym = _month(time)
    if ym is None:
        return set()
    if not query:
        return {f"o:{role}@{ym[0]:04d}-{ym[1]:02d}"}
    keys = {f"o:{role}@{ym[0]:04d}"}
    n = ym[0] * 12 + ym[1] - 1
    for k in range(n - MONTHS_NEAR, n + MONTHS_NEAR + 1):
        keys.add(f"o:{role}@{k // 12:04d}-{k % 12 + 1:02d}")
    return keys


def entity_rows(ex: Extraction) -> list[tuple[str, str, str, str | None, int]]:
    """(type, key, name, role, mentions) of the people, places, offices and event days of a document."""
    count: Counter = Counter()
    roles: dict[tuple[str, str, str], str] = {}
    for m in ex.mentions:
        k = ("person", "p:" + fold(surname(m.text)), m.text)
        count[k] += 1
        if m.role:
            roles.setdefault(k, m.role)
    for c in ex.claims:
        q = c.qualifiers
        if q.place:
            for part in place_parts(q.place):
                count[("place", "l:" + part, q.place)] += 1
        if c.kind == "role" and q.role and q.status == "current":
            for key in _office_keys(q.role, q.time, query=False):
                count[("office", key, q.role)] += 1
        if c.kind == "event" and q.time and len(q.time) == 10:
            count[("date", "d:" + q.time, q.time)] += 1
    return sorted((t, k, n, roles.get((t, k, n)), v) for (t, k, n), v in count.items())


def query_keys(ex: Extraction) -> set[str]:
    keys = {key for typ, key, _, _, _ in entity_rows(ex) if typ != "office"}
    for c in ex.claims:
        q = c.qualifiers
        if c.kind == "role" and q.role and q.status == "current":
            keys |= _office_keys(q.role, q.time, query=True)
    return keys


def interval(q: Quantity) -> tuple[float, float]:
    """The widest interval ``quantities_agree`` could match (10% slack, open bounds)."""
    lo, hi = q.value, q.high if q.high is not None else q.value
    if q.bound == "ge":
        return lo / 1.5, UNBOUNDED
    if q.bound == "le":
        return -UNBOUNDED, hi * 1.5
    lo, hi = sorted((lo * 0.9, hi * 1.1))
    return lo, hi


def _claim_row(c: Claim) -> tuple:
    q = c.qualifiers
    lo = hi = None
    if c.kind == "quantity" and q.quantity is not None:
        lo, hi = interval(q.quantity)
    return (c.id, c.source, c.kind, c.predicate_class, c.subject, c.object, q.time, q.place, lo, hi, c.line,
            c.quote)


# -- the store ----------------------------------------------------------------------------------------

@dataclass
class DocumentRow:
    id: str
    path: str
    sha256: str
    claims: int
    entities: int


@dataclass
class Related:
    ids: list[str]  # the stored documents to compare with, most related first
    total: int  # how many stored documents share anything with the new ones


@dataclass
class AddResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


class Store:
    """One SQLite database.  Open with :meth:`open`; use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn, self.path = conn, path

    @classmethod
    def open(cls, path: str, create: bool = False) -> "Store":
        """Open a claim store; ``create`` makes a new one when the file does not exist."""
        p = Path(path)
        if path != ":memory:":
            if p.is_dir():
                raise InputError(f"{path}: is a folder, not a claim store")
            if not p.exists() and not create:
                raise InputError(f"{path}: no such claim store (create one with: claimcheck store add PATH "
                                 f"--store {path})")
            if not p.exists() and not p.parent.is_dir():
                raise InputError(f"{path}: the folder {p.parent} does not exist")
            if p.exists() and not p.is_file():
                raise InputError(f"{path}: not a claim store (not a regular file)")
            if p.exists() and p.stat().st_size and not is_sqlite(p):
                raise InputError(f"{path}: not a claim store (not an SQLite database)")
        try:
            # a writer holds the lock only while it writes (parsing happens outside transactions)
            conn = sqlite3.connect(path, timeout=LOCK_TIMEOUT)
            store = cls(conn, path)
            store._check_schema(create)
        except sqlite3.Error as exc:
            raise InputError(f"{path}: cannot open the claim store ({exc})") from exc
        return store

    def _check_schema(self, create: bool) -> None:
        tables = self._tables()
        if not tables and create:
            self._create()
            tables = self._tables()
        if "meta" not in tables:
            raise InputError(f"{self.path}: an SQLite database, but not a claim store")
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if not row or row[0] != SCHEMA_VERSION:
            raise InputError(f"{self.path}: claim store format {row[0] if row else '?'}, this claimcheck reads "
                             f"format {SCHEMA_VERSION}; build the store again")

    def _tables(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}

    def _create(self) -> None:
        """Make the tables of a new store.  Two processes may create the same store at once: the
        write lock is taken first and every statement tolerates a store the other one made."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            if not self._tables():
                for stmt in SCHEMA.split(";"):
                    if stmt.strip():
                        self.conn.execute(stmt)
                self.conn.executemany("INSERT OR IGNORE INTO meta VALUES (?, ?)",
                                      [("schema_version", SCHEMA_VERSION), ("claimcheck", __version__)])
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _query(self, sql: str, args: Sequence = ()) -> list[tuple]:
        try:
            return self.conn.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise InputError(f"{self.path}: cannot read the claim store ({exc})") from exc

    # -- reading -------------------------------------------------------------------------------
    def hashes(self) -> dict[str, tuple[str, str]]:
        """id -> (sha256, path) of every stored document."""
        return {i: (h, p) for i, h, p in self._query("SELECT id, sha256, path FROM documents")}

    def documents(self) -> list[DocumentRow]:
        rows = self._query(
            "SELECT d.id, d.path, d.sha256,"
            " (SELECT count(*) FROM claims c WHERE c.source = d.id),"
            " (SELECT count(DISTINCT key) FROM entities e WHERE e.source = d.id AND e.type IN ('person', 'place'))"
            " FROM documents d ORDER BY d.id")
        return [DocumentRow(*r) for r in rows]

    def load(self, ids: Iterable[str] | None = None) -> list[Extraction]:
        """The stored extractions (all, or those of ``ids``), in id order."""
        if ids is None:
            rows = self._query("SELECT id, extraction FROM documents ORDER BY id")
        else:
            rows = [r for chunk in _chunks(sorted(set(ids)))
                    for r in self._query(f"SELECT id, extraction FROM documents WHERE id IN ({_marks(chunk)})", chunk)]
        try:
            return [Extraction.model_validate_json(js) for _, js in sorted(rows)]
        except ValidationError as exc:
            raise InputError(f"{self.path}: the stored claims were written by an incompatible claimcheck; build "
                             f"the store again with 'claimcheck store add --force' "
                             f"({exc.error_count()} validation errors)") from exc

    def names(self, exclude: Iterable[str] = ()) -> Names:
        """The corpus-wide pool of person names, from the stored mentions (titled or full names)."""
        skip = set(exclude)
        names = Names()
        for source, name in self._query("SELECT source, name FROM entities WHERE type = 'person' "
                                        "AND (role IS NOT NULL OR instr(name, '・') > 0) ORDER BY name"):
            if source not in skip:
                names.add(name)
        return names

    def related(self, new: Sequence[Extraction], limit: int) -> Related:
        """The stored documents that share a person, place, office-at-a-date, event day or figure with
        the new ones, ranked by how rare the shared things are (the most specific links first)."""
        skip = {ex.document.id for ex in new}
        groups: dict[str, set[str]] = defaultdict(set)
        keys = sorted(set().union(*(query_keys(ex) for ex in new)))
        for chunk in _chunks(keys):
            for key, source in self._query(f"SELECT key, source FROM entities WHERE key IN ({_marks(chunk)})",
                                           chunk):
                groups[key].add(source)
        places = set()
        for c in (c for ex in new for c in ex.claims):
            q = c.qualifiers
            if c.kind == "quantity" and q.quantity is not None:
                lo, hi = interval(q.quantity)
                rows = self._query("SELECT DISTINCT source FROM claims WHERE predicate_class = ? AND low <= ? "
                                   "AND high >= ?", (c.predicate_class, hi, lo))
                groups[f"q:{c.predicate_class}:{lo}:{hi}"].update(r[0] for r in rows)
            if q.place:
                places.add(place_parts(q.place)[-1])
        for place in sorted(places):  # pages that name the place anywhere in their text
            rows = self._query("SELECT id FROM documents WHERE instr(text, ?) > 0", (place,))
            groups["t:" + place].update(r[0] for r in rows)
        n = self._query("SELECT count(*) FROM documents")[0][0]
        score: dict[str, float] = defaultdict(float)
        for sources in groups.values():
            sources -= skip
            for s in sources:
                score[s] += math.log(1 + n / len(sources))
        ranked = sorted(score, key=lambda s: (-score[s], s))
        return Related(ids=ranked[:limit], total=len(ranked))

    # -- writing -------------------------------------------------------------------------------
    def put(self, extractions: Sequence[Extraction]) -> None:
        """Store (or replace) documents with their claims and entities, all in one transaction."""
        try:
            with self.conn:
                for ex in extractions:
                    d = ex.document
                    for table, col in (("claims", "source"), ("entities", "source"), ("documents", "id")):
                        self.conn.execute(f"DELETE FROM {table} WHERE {col} = ?", (d.id,))
                    self.conn.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                      (d.id, d.path, d.sha256, d.title, d.published, d.format, d.text,
                                       ex.model_dump_json()))
                    self.conn.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                          [_claim_row(c) for c in ex.claims])
                    self.conn.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)",
                                          [(d.id, *row) for row in entity_rows(ex)])
        except sqlite3.Error as exc:
            raise InputError(f"{self.path}: cannot write the claim store ({exc})") from exc

    def move(self, moves: dict[str, str]) -> None:
        """Record new paths for unchanged documents (id -> path)."""
        moved = [ex.model_copy(update={"document": ex.document.model_copy(update={"path": moves[ex.document.id]})})
                 for ex in self.load(moves)]
        self.put(moved)


def is_sqlite(path: Path) -> bool:
    """An SQLite file (a FIFO or a device is never opened: that could block)."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _chunks(items: Sequence[str], size: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield list(items[i:i + size])


def _marks(chunk: Sequence) -> str:
    return ", ".join("?" * len(chunk))


def add_documents(store: Store, docs: Sequence[Document], parser: Parser, force: bool = False,
                  progress: Callable[[int], None] | None = None, jobs: int = 1,
                  dask: str | None = None) -> AddResult:
    """Store the new or changed documents; an unchanged one (same id and hash) is not parsed again.

    ``jobs`` worker processes, or the Dask cluster at ``dask``, parse and extract them."""
    stored = store.hashes()
    result = AddResult()
    todo, moves = [], {}
    for d in docs:
        old = stored.get(d.id)
        if old is None or force or old[0] != d.sha256:
            todo.append(d)
            (result.added if old is None else result.updated).append(d.id)
        else:
            result.unchanged.append(d.id)
            if old[1] != d.path:
                moves[d.id] = d.path
    if todo:
        names = store.names(exclude={d.id for d in todo})
        extractions, _ = extract_parallel(todo, names=names, jobs=jobs, dask=dask, progress=progress, parser=parser)
        store.put(extractions)
    if moves:
        store.move(moves)
    return result
