"""Pydantic records shared by every package: documents, mentions, entities and claims.

Records are frozen so they can be graph nodes and dict keys.  No spaCy object ever
appears here; the parse stays inside :mod:`claims.parse`.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


# Each pydantic instance carries the set of the fields its constructor was given: 700 bytes, as much as
# its values, for one of a few dozen distinct sets.  A frozen record never changes its set, so records
# with the same set share one (pydantic copies it before a copy changes it): a third less memory for a
# corpus's claims and slots, and nothing else differs.
_FIELD_SETS: dict[frozenset, set] = {}


def shared_fields(fields: set) -> set:
    key = frozenset(fields)
    found = _FIELD_SETS.get(key)
    if found is None:
        found = _FIELD_SETS[key] = set(key)
    return found


class SharedFieldsSet:
    """Mixin for frozen pydantic models: instances with the same fields set share it."""

    def model_post_init(self, context, /) -> None:
        object.__setattr__(self, "__pydantic_fields_set__", shared_fields(self.__pydantic_fields_set__))

    def __setstate__(self, state) -> None:  # unpickled (the extraction cache, worker processes)
        super().__setstate__(state)
        object.__setattr__(self, "__pydantic_fields_set__", shared_fields(self.__pydantic_fields_set__))

    def model_copy(self, *, update=None, deep: bool = False):
        out = super().model_copy(update=update, deep=deep)
        object.__setattr__(out, "__pydantic_fields_set__", shared_fields(out.__pydantic_fields_set__))
        return out


class Record(SharedFieldsSet, BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Document(Record):
    """One input file, decoded.  ``text`` is what every offset points into."""

    id: str
    path: str
    title: str = ""
    published: Optional[str] = None  # ISO date found in the text
    encoding: str = "utf-8"
    format: Literal["txt", "md", "html"] = "txt"
    text: str  # the decoded file: every offset points here
    sha256: str
    # for HTML: the visible text and, per character, its offset in ``text``
    plain: Optional[str] = None
    plain_map: tuple[int, ...] = ()

    @property
    def visible(self) -> str:
        return self.plain if self.plain is not None else self.text


class Evidence(Record):
    source: str
    quote: str
    start: int
    end: int
    line: int


class Quantity(Record):
    value: float
    unit: str  # normalised unit: 分, 回, %, 人, 年, km2 …
    approx: bool = False
    bound: Literal["eq", "ge", "le", "range"] = "eq"
    high: Optional[float] = None  # upper end of a range
    text: str = ""


class Qualifiers(Record):
    time: Optional[str] = None  # ISO date or partial date (YYYY, YYYY-MM)
    time_text: Optional[str] = None
    time_end: Optional[str] = None  # last day of a span, or the latest other date in the sentence
    time_alt: Optional[str] = None  # the same moment on another clock: 日本時間16日 of 15日 (ISO day)
    place: Optional[str] = None
    place_id: Optional[str] = None
    place_kind: Optional[Literal["country", "region", "city"]] = None
    speaker: Optional[str] = None
    speaker_id: Optional[str] = None
    role: Optional[str] = None  # office as written for the subject (国防長官)
    country: Optional[str] = None  # country of the office
    status: Optional[Literal["current", "former"]] = None
    partners: tuple[str, ...] = ()  # entity ids of other participants
    topic: Optional[str] = None
    quantity: Optional[Quantity] = None
    negated: bool = False
    hedged: bool = False
    planned: bool = False  # 予定 / 見通し / 計画: the event has not happened yet
    content: Optional[str] = None  # reported content of a statement
    table: Optional[str] = None  # header cells of the table the claim came from
    event: Optional[str] = None  # event class: call, meeting, talks …
    participants: tuple[str, ...] = ()  # names of the event's participants as written
    keywords: tuple[str, ...] = ()  # content words of the clause, for matching statements
    attributed: bool = False  # the sentence names a source (〜によると, 調べ)
    measure: tuple[str, ...] = ()  # words just before a number: what it counts (震源の深さ, 規模)
    owner: Optional[str] = None  # the person a figure belongs to (高市氏が181票): name, then entity id


ClaimKind = Literal["role", "event", "statement", "relation", "quantity", "table", "place"]


class Claim(Record):
    id: str
    source: str
    kind: ClaimKind
    subject: str
    subject_id: Optional[str] = None
    predicate: str  # lemma as written
    predicate_class: str  # normalised class used for comparison
    object: Optional[str] = None
    object_id: Optional[str] = None
    qualifiers: Qualifiers = Field(default_factory=Qualifiers)
    quote: str
    start: int
    end: int
    line: int
    sentence_start: int
    sentence_end: int


class Entity(Record):
    id: str
    label: str
    type: Literal["person", "place", "organization", "event", "other"]
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


class Mention(Record):
    """A surface form in one document, before resolution."""

    source: str
    text: str  # the name as written, titles removed
    type: Literal["person", "place", "organization"]
    start: int
    end: int
    line: int
    role: Optional[str] = None
    country: Optional[str] = None
    status: Optional[Literal["current", "former"]] = None
    role_text: Optional[str] = None  # the full mention including the title
    role_start: Optional[int] = None
    role_end: Optional[int] = None


class Slot(Record):
    """One value in one sentence, with what it is the value of: the predicate that governs it and
    the content words of that predicate's arguments.  The checker aligns slots across documents by
    these words and compares their values (dates, places, figures)."""

    source: str
    slot: Literal["date", "place", "quantity", "polarity", "actor"]
    head: str  # lemma of the governing predicate (成立, 開く, 発表), or "" for a table row
    args: tuple[str, ...]  # content lemmas of its arguments, sorted
    value: str  # ISO date, place name, the figure as written, or an outcome's sign (+, -, 0)
    quantity: Optional[Quantity] = None
    measure: tuple[str, ...] = ()  # nouns just before a figure: what it measures (震源の深さは)
    time: Optional[str] = None  # the sentence's own date, for places, figures and outcomes
    # the same moment on another clock (15日（日本時間16日）): for a date its value's other day, for the
    # others their time's; a value of either day is of the same moment
    alt: Optional[str] = None
    owner: str = ""  # the person named last before a figure (高市氏が181票): whose figure it is
    exact: bool = True  # a date stated with its month (not 同日 or a bare 8日)
    planned: bool = False
    negated: bool = False
    quote: str
    start: int
    end: int
    line: int


class Extraction(Record):
    """Everything the claims package hands to the checker for one document."""

    document: Document
    claims: tuple[Claim, ...]
    mentions: tuple[Mention, ...]
    signals: dict[str, int]  # page signals: footnotes, byline, placeholders …
    slots: tuple[Slot, ...] = ()  # values with what they are the value of, for alignment
    skipped: tuple[str, ...] = ()  # notes on text the extractor could not use
