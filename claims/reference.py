"""Trusted facts the user supplies (``--reference facts.yaml``): office tenures and known events.

The file becomes one more source, of fixed high trust, whose claims point at their entries in the
YAML file itself, so a finding can quote the reference like any document::

    offices:
      - {person: 岸田文雄, office: 首相, country: 日本, from: 2021-10-04, to: 2024-10-01}
    events:
      - {name: G7広島サミット, participants: [岸田文雄], date: 2023-05-19, end: 2023-05-21, place: 広島}
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import yaml

from . import lexicon as L
from .ingest import InputError, decode
from .models import Claim, Document, Extraction, Mention, Qualifiers
from .roles import COUNTRIES, OFFICE_SYNONYMS, OFFICES
from .segment import line_of, line_starts

OPEN_END = "9999-12-31"


def _date(value, where: str) -> str | None:
    if value in (None, "", "null"):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise InputError(f"{where}: {value!r} is not a date (use YYYY-MM-DD)") from None


def _office(raw: str) -> tuple[str, str | None]:
    """石川県知事 -> (知事, 石川県): the office word and what qualifies it."""
    for o in OFFICES:
        if raw.endswith(o):
            return OFFICE_SYNONYMS.get(o, o), raw[: -len(o)] or None
    return raw, None


def _known_keys(entry: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; "
                         f"allowed: {', '.join(sorted(allowed))}")


def load_reference(path: str | Path) -> Extraction:
    p = Path(path)
    try:
        text, encoding = decode(p.read_bytes())
    except OSError as exc:
        raise InputError(f"{path}: cannot read the reference file ({exc.strerror})") from exc
    text = text.replace("\r\n", "\n")
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML ({exc})") from exc
    except ValueError as exc:  # a date YAML recognises but cannot build (2023-13-14)
        raise InputError(f"{path}: {exc} (dates are YYYY-MM-DD)") from exc
    unknown = sorted(set(data) - {"offices", "events"}) if isinstance(data, dict) else []
    if unknown:
        raise InputError(f"{path}: unknown section(s) {', '.join(map(repr, unknown))}; "
                         "the sections are 'offices' and 'events'")
    if not isinstance(data, dict) or not (data.get("offices") or data.get("events")):
        raise InputError(f"{path}: expected a mapping with 'offices' and/or 'events' (see examples/facts.yaml)")
    sid = p.stem
    starts = line_starts(text)
    nodes = {k.value: v for k, v in root.value} if root is not None and hasattr(root, "value") else {}
    claims: list[Claim] = []
    mentions: list[Mention] = []

    def span(node) -> tuple[int, int, str, int]:
        a, b = node.start_mark.index, node.end_mark.index
        quote = text[a:b].rstrip()
        return a, a + len(quote), quote, line_of(starts, a)

    for k, (entry, node) in enumerate(zip(data.get("offices") or [], getattr(nodes.get("offices"), "value", []))):
        where = f"{path}: offices[{k}] (line {node.start_mark.line + 1})"
        if not isinstance(entry, dict) or not entry.get("person") or not entry.get("office"):
            raise InputError(f"{where}: each office needs 'person' and 'office'")
        _known_keys(entry, {"person", "office", "country", "from", "to"}, where)
        a, b, quote, line = span(node)
        person = str(entry["person"])
        office, qual = _office(str(entry["office"]))
        country = entry.get("country")
        country = COUNTRIES.get(str(country), str(country)) if country else None
        start, end = _date(entry.get("from"), where), _date(entry.get("to"), where) or OPEN_END
        if start is None:
            raise InputError(f"{where}: 'from' is missing: when did {person} take the office?")
        if start > end:
            raise InputError(f"{where}: 'from' ({start}) is after 'to' ({end})")
        q = Qualifiers(time=start, time_end=end, role=office, country=country, status="current", topic=qual)
        claims.append(Claim(id=f"{sid}#o{k + 1}", source=sid, kind="role", subject=person, predicate="holds_office",
                            predicate_class="role", object=f"{country or ''}{qual or ''}{office}", qualifiers=q,
                            quote=quote, start=a, end=b, line=line, sentence_start=a, sentence_end=b))
        mentions.append(Mention(source=sid, text=person, type="person", start=a, end=b, line=line, role=office,
                                country=country, status="current"))
    for k, (entry, node) in enumerate(zip(data.get("events") or [], getattr(nodes.get("events"), "value", []))):
        where = f"{path}: events[{k}] (line {node.start_mark.line + 1})"
        if not isinstance(entry, dict) or not entry.get("name"):
            raise InputError(f"{where}: each event needs a 'name'")
        _known_keys(entry, {"name", "participants", "date", "end", "place"}, where)
        a, b, quote, line = span(node)
        name = str(entry["name"])
        cls = next((c for w, c in sorted(L.EVENTS.items(), key=lambda kv: -len(kv[0])) if w in name), "meeting")
        people = tuple(str(x) for x in entry.get("participants") or [])
        start, end = _date(entry.get("date"), where), _date(entry.get("end"), where)
        q = Qualifiers(time=start, time_end=end if end and end != start else None, place=entry.get("place"),
                       event=cls, participants=people, partners=people, topic=name)
        claims.append(Claim(id=f"{sid}#e{k + 1}", source=sid, kind="event", subject="・".join(people) or name,
                            predicate=name, predicate_class=f"event:{cls}", object=entry.get("place"),
                            qualifiers=q, quote=quote, start=a, end=b, line=line, sentence_start=a, sentence_end=b))
        for person in people:
            mentions.append(Mention(source=sid, text=person, type="person", start=a, end=b, line=line))
    doc = Document(id=sid, path=str(p), title=f"reference: {p.name}", published=None, encoding=encoding,
                   format="txt", text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return Extraction(document=doc, claims=tuple(claims), mentions=tuple(mentions),
                      signals={"reference": 1}, skipped=())
