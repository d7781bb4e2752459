"""Frames from one parsed sentence: events, subject–predicate–object relations, places,
quantities and table rows.

A mixin of :class:`claims.extract.DocExtractor`; it reads one parsed sentence at a time.
"""
from __future__ import annotations

import re

from . import lexicon as L
from .models import Qualifiers
from .parse import Tok
from .roles import PersonMention, PlaceMention
from .segment import quoted_spans
from .values import find_dates, find_quantities


def passive_after(toks: list[Tok], i: int) -> bool:
    return any(x.lemma in ("れる", "られる") for x in toks[i + 1:i + 4])


class FrameReader:
    # -- events --------------------------------------------------------------------------------
    def events(self, s, toks, people, places, dates, ctx, speaker, keywords) -> None:
        text = s.text
        seen = set()
        for t in toks:
            word = t.text
            if t.i > 0 and toks[t.i - 1].text in ("電話", "首脳") and toks[t.i - 1].idx + len(toks[t.i - 1].text) == t.idx:
                word = toks[t.i - 1].text + t.text
            cls = L.EVENTS.get(word) or L.EVENTS.get(t.lemma)
            if not cls or t.pos not in ("NOUN", "VERB") or cls in seen:
                continue
            if cls == "call" and word == "電話" and t.i + 1 < len(toks) and toks[t.i + 1].lemma in ("会談", "協議"):
                continue
            seen.add(cls)
            # the one who reports an event is not one of its participants (報道官は…電話会談が行われたと述べた)
            reporters = {name for name, a, b in self._reported if a <= t.idx < b}
            others = [p.name for p in people if p.name not in reporters]
            # "電話会談が行われたと認めた": the event is the content's own subject, so the reporter is
            # outside it; "スミス氏との電話で…と述べた": the reporter is the content's unstated subject
            ev_subject = text[t.idx + len(t.text):t.idx + len(t.text) + 1] in ("が", "は")
            parts = others if (len(set(others)) >= 2 or ev_subject) else [p.name for p in people]
            inherited = False
            if len(parts) < 2 and ctx.participants:
                parts = sorted(set(parts) | set(ctx.participants))
                inherited = True
            parts_t = tuple(sorted(set(parts)))
            time = dates[0].iso if dates else (ctx.event_date if inherited else None)
            # the same moment on another clock (21日（日本時間22日）): a date of either day is this one's
            time_alt = dates[0].alt if dates and dates[0].alt and "/" not in dates[0].alt else None
            venues = self._event_places(text, places, t) or [None]
            ends = [d.end_iso for d in dates if d.end_iso] + [d.iso for d in dates[1:]]
            span_end = max(ends) if ends and dates and max(ends) != time else None
            tail = text[t.idx:]
            planned = any(w in tail[:30] for w in L.PLANNED) or tail.startswith(("へ", "する予定"))
            hedged = any(w in tail[:30] for w in L.HEDGES)
            qty = next((q.quantity for q in find_quantities(text) if q.quantity.unit == "分"), None)
            for place in venues:  # coordinated venues (札幌や仙台、福岡) give one claim each
                q = Qualifiers(time=time, time_end=span_end, time_text=dates[0].text if dates else None,
                               time_alt=time_alt,
                               place=place.name if place else None, event=cls,
                               participants=parts_t,
                               planned=planned, hedged=hedged, negated=self._negated(toks, t.i), quantity=qty,
                               keywords=keywords, partners=parts_t)
                anchors = [p.start for p in people if p.name in parts_t] + ([dates[0].start] if dates else [])
                lo = min(anchors + [t.idx] + ([place.start] if place else []))
                hi = max(t.idx + len(t.text), place.end if place else 0)
                if place and len(venues) > 1:  # the venue's own stretch of the sentence
                    lo, hi = place.start, max(p.end for p in venues)
                self._claim(s, (lo, hi), "event", "・".join(parts_t) or word, word, f"event:{cls}",
                            place.name if place else None, q)
            if len(set(parts)) >= 2:
                ctx.participants = ctx.doc_participants = parts_t
                ctx.event_date = time or ctx.event_date

    @staticmethod
    def _event_places(text: str, places: list[PlaceMention], ev: Tok) -> list[PlaceMention]:
        """Places the sentence gives as the event's venue, with places coordinated to them."""
        chosen: list[PlaceMention] = []
        quoted = quoted_spans(text)
        ev_quoted = any(a <= ev.idx < b for a, b in quoted)
        for k, p in enumerate(places):
            if not ev_quoted and any(a <= p.start < b for a, b in quoted):
                continue  # 「被爆地広島で…」 inside a quotation is not where the press conference was
            after = text[p.end:p.end + 20]
            venue = after.startswith(("で", "での", "にて", "会談", "首脳", "サミット", "にある", "の会", "を訪",
                                      "を震源", "を中心", "が震源")) or (
                p.end == ev.idx) or bool(re.match(r"^(?:といった|などの|など|のような)[^、。]{0,10}?(?:で|での|にて)", after))
            if venue:
                # walk back over places joined by や、と・ (札幌や仙台、福岡といった都市で)
                chain = [p]
                j = k
                while j > 0 and re.fullmatch(r"[やと、・,]|および|及び", text[places[j - 1].end:places[j].start]):
                    j -= 1
                    chain.insert(0, places[j])
                chosen.extend(c for c in chain if c not in chosen)
        return chosen

    # -- relations (subject–predicate–object from the dependency parse) -------------------------
    def relations(self, s, toks, people, places, time, keywords) -> None:
        for t in toks:
            pclass = L.PREDICATE_CLASS.get(t.lemma)
            if not pclass:
                continue
            kids = [c for c in toks if c.head == t.i and c.i != t.i]
            subj = next((c for c in kids if c.dep == "nsubj"), None)
            obj = next((c for c in kids if c.dep == "obj"), None)
            if subj is None and t.dep == "acl" and not passive_after(toks, t.i):
                head = toks[t.head]  # 8回に登板したダルビッシュ: the person the clause describes
                if any(p.start <= head.idx < (p.role_end or p.end) for p in people):
                    subj = head
            passive = passive_after(toks, t.i)
            if passive and obj is None and subj is not None:
                subj, obj = None, subj  # 警報は発表されず: the passive subject is the thing announced
            if t.lemma in L.SPEECH and (obj is None or any(p.start <= obj.idx < p.end for p in people)):
                continue  # reported speech is a statement claim, not a relation
            if obj is None and subj is None:
                continue
            stext = self._who(s.text, toks, subj, people) if subj is not None else ""
            otext = self._who(s.text, toks, obj, people) if obj is not None else None
            if otext in L.FORMAL_NOUNS:
                continue  # "…ことを認めた": the object is a clause; the statement claim carries it
            place = None
            for c in kids:
                if c.dep == "obl":
                    pm = next((p for p in places if p.start <= c.idx < p.end), None)
                    if pm:
                        place = pm.name
            negated = self._negated(toks, t.i)
            tail = s.text[t.idx:t.idx + 30]
            hedged = any(h in tail for h in L.HEDGES)
            lo = min([self._leftmost(toks, c.i) for c in (subj, obj) if c is not None] + [t.i])
            q = Qualifiers(time=time, place=place, negated=negated, hedged=hedged, keywords=keywords)
            self._claim(s, (toks[lo].idx, t.idx + len(t.text)), "relation", stext, t.lemma, pclass, otext, q)

    @staticmethod
    def _who(text: str, toks: list[Tok], tok: Tok, people: list[PersonMention]) -> str:
        # the person whose name ends at or just before this token (スミス氏 -> スミス)
        for p in people:
            if p.start <= tok.idx < p.end or (p.end <= tok.idx <= p.end + 1 and tok.text in ("氏", "さん")) or (
                    p.role_end and p.start <= tok.idx < p.role_end):
                return p.name
        lo = tok.i
        while lo > 0 and toks[lo - 1].dep == "compound" and toks[lo - 1].head >= lo:
            lo -= 1
        for p in people:  # ダルビッシュ有投手: a name compounded with a word for what the person is
            if toks[lo].idx <= p.start < tok.idx:
                return p.name
        return text[toks[lo].idx:tok.idx + len(tok.text)]

    # -- places ----------------------------------------------------------------------------------
    def place_claims(self, s, places, time, keywords) -> None:
        """Where things are: "震源は X" / "X を震源とする" attributes, and every named city or region."""
        text = s.text
        used = set()
        for p in places:
            after = text[p.end:p.end + 8]
            attr = None
            for a in L.PLACE_ATTRIBUTES:
                if re.search(rf"{a}(?:地)?(?:は|が|を|となったのは|になったのは|なのは)$", text[max(0, p.start - 12):p.start]) \
                        or after.startswith((f"を{a}", f"が{a}")):
                    attr = a
                    break
            if attr and re.match(r"(?:から|の)(?:[北南東西]{1,3}|約|\d)", after):
                attr = None  # 震源は輪島市から東北東へ30km: a place to measure from, not the place itself
            if attr:
                used.add(p.start)
                q = Qualifiers(place=p.name, place_kind=p.kind, time=time, keywords=keywords, topic=attr)
                self._claim(s, (p.start, p.end), "relation", attr, "所在", f"located:{attr}", p.name, q)
        for p in places:
            if p.kind != "country" and p.start not in used:
                q = Qualifiers(place=p.name, place_kind=p.kind, time=time, keywords=keywords)
                self._claim(s, (p.start, p.end), "place", p.name, "言及", "place", p.name, q)

    # -- quantities ----------------------------------------------------------------------------
    def quantities(self, s, toks, people, ctx, keywords, attributed) -> None:
        for qv in find_quantities(s.text):
            qty = qv.quantity
            parts = tuple(sorted({p.name for p in people} or set(ctx.participants or ctx.doc_participants)))
            pclass = f"quantity:{qty.unit}" + (":rate" if qv.rate else "") + (
                ":diff" if s.text[qv.end:qv.end + 1] == "差" else "")  # 21票差 is a margin, not a count
            before = [p for p in people if p.end <= qv.start]
            owner = max(before, key=lambda p: p.end).name if before else None
            # what the number measures: nouns just before it, people left out (they are the owner),
            # and so is the unit of a figure before it (…1億8294万ドルで、差し引き約4068万ドル)
            measure = tuple(dict.fromkeys(t.lemma for k, t in enumerate(toks) if qv.start - 14 <= t.idx < qv.start
                                          and t.pos in ("NOUN", "PROPN") and len(t.lemma) >= 2
                                          and not any(ch.isdigit() for ch in t.lemma)
                                          and not (k and any(ch.isdigit() for ch in toks[k - 1].text))
                                          and not any(p.start <= t.idx < p.end for p in people)))
            q = Qualifiers(quantity=qty, participants=parts, keywords=keywords, attributed=attributed,
                           time=ctx.event_date, measure=measure, owner=owner)
            subject = self._measured(s.text, toks, qv.start, qty.text) or "".join(measure[-1:]) \
                or owner or "・".join(parts) or (keywords[0] if keywords else "")
            self._claim(s, (qv.start, qv.end), "quantity", subject, qty.text, pclass, qty.text, q)

    @staticmethod
    def _measured(text: str, toks: list[Tok], at: int, qtext: str) -> str:
        """What a number measures: the clause's topic (売上高は…約3000億円) or the nouns just before it."""
        clause_start = max(text.rfind("、", 0, at), text.rfind("。", 0, at)) + 1
        run: list[Tok] = []
        best = ""
        for t in toks:
            if t.idx >= at:
                break
            if t.pos in ("NOUN", "PROPN") and not t.text[0].isdigit() and t.idx >= clause_start:
                run.append(t)
                continue
            if run and t.text in ("は", "が") and t.idx >= clause_start:
                phrase = "".join(x.text for x in run)
                if phrase not in qtext:
                    best = phrase
            if t.text not in ("ら", "たち"):
                run = []
        return best.rstrip("ら")

    # -- tables --------------------------------------------------------------------------------
    def table_row(self, s, toks, people, places, ctx, keywords) -> None:
        row = s.table
        assert row is not None
        header = row.header
        cells = row.cells
        hdr = "|".join(header)
        parts = tuple(sorted({p.name for p in people} or set(ctx.participants)))
        for j in range(1, min(len(header), len(cells))):
            value = cells[j]
            q = Qualifiers(table=hdr, keywords=keywords, participants=parts)
            span = (row.cell_spans[0][0], row.cell_spans[j][1]) if j == 1 else row.cell_spans[j]
            self._claim(s, span, "table", cells[0], header[j], f"table:{header[j]}", value, q)
        for j, (cell, (cs, ce)) in enumerate(zip(cells, row.cell_spans)):
            for qv in find_quantities(cell):
                qty = qv.quantity
                pclass = f"quantity:{qty.unit}" + (":rate" if qv.rate else "")
                attributed = any(a in cell for a in L.ATTRIBUTION) and any(
                    "固有名詞" in t.tag and "地名" not in t.tag and t.text in cell for t in toks)
                measure = tuple(dict.fromkeys(t.lemma for t in toks if t.pos in ("NOUN", "PROPN")
                                              and len(t.lemma) >= 2 and t.text in cells[0]))
                q = Qualifiers(quantity=qty, participants=parts, keywords=keywords, attributed=attributed,
                               table=hdr, measure=measure)
                self._claim(s, (cs + qv.start, cs + qv.end), "quantity", cells[0], qty.text, pclass, qty.text, q)
        self.venue_row(s, row, people, ctx, keywords)

    def venue_row(self, s, row, people, ctx, keywords) -> None:
        """A row about a place (開催都市, 開催地, 会談場所 …) is an event-place claim: under a place header
        (開催都市 | 年月), or a key-value row (会談場所 | アラスカ州アンカレッジ) with or without a header."""
        header, cells = row.header or [""], row.cells
        row_span = (row.cell_spans[0][0], row.cell_spans[min(1, len(cells) - 1)][1])
        hdr = "|".join(row.header)
        parts = tuple(sorted({p.name for p in people} or set(ctx.participants)))
        place_header = any(w in header[0] for w in ("都市", "開催地", "場所", "会場", "開催国", "地"))
        key_value = not place_header and len(cells) >= 2 and any(w in cells[0] for w in ("場所", "開催地", "会場"))
        if place_header or key_value:
            pname = cells[0] if place_header else cells[1]
            rest = " ".join(cells[1:])
            dates = find_dates(" ".join(cells), ctx.section_date, None)
            q = Qualifiers(place=pname, event="meeting", participants=parts,
                           planned=any(w in rest for w in L.PLANNED) if place_header else False,
                           hedged=any(w in rest for w in L.HEDGES) if place_header else False,
                           negated=any(w in rest for w in L.NOT_HELD) if place_header else False,
                           time=dates[0].iso if dates else None, table=hdr, keywords=keywords, partners=parts,
                           topic=cells[0] if key_value else None)
            span = row_span if place_header else (row.cell_spans[0][0], row.cell_spans[1][1])
            self._claim(s, span, "event", "・".join(parts) or cells[0], "開催", "event:meeting", pname, q,
                        absolute=True)


