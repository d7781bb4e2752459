"""Sentences in, claim records out: roles, statements, events, relations, quantities, table rows."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from . import lexicon as L
from .ingest import find_published
from .models import Claim, Document, Extraction, Mention, Qualifiers
from .parse import Parser, Tok
from .roles import PersonMention, PlaceMention, find_people, find_places
from .segment import Page, Sentence, line_of, line_starts, split
from .values import find_dates, find_placeholders, find_quantities

BYLINE = re.compile(r"【[^】]{1,12}=[^】]{2,12}】|(?:文|記者|執筆|筆者)\s*[:：=]\s*\S{2,10}|^\s*By\s+\w+", re.M)
SEO_MARKERS = re.compile(r"[\U0001F300-\U0001FAFF\u2705\u2714\u27A1\u21D2]|さらに読む|いかがでしたか|Chapter-\d")


@dataclass
class Names:
    """People known across the corpus: full names, surnames, given names."""

    known: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    given: set[str] = field(default_factory=set)

    def add(self, name: str) -> None:
        self.known.add(name)
        parts = name.split("・")
        if len(parts) >= 2:
            self.surnames.add(parts[-1])
            self.given.update(parts[:-1])
            self.known.add(parts[-1])
        else:
            self.surnames.add(name)


@dataclass
class Context:
    """What earlier sentences of a block established, for zero anaphora and relative dates."""

    section_date: str | None
    last_date: str | None = None
    block: int = -1
    subject: PersonMention | None = None
    participants: tuple[str, ...] = ()
    event_date: str | None = None
    doc_participants: tuple[str, ...] = ()  # the last event with two or more people, in any paragraph


class DocExtractor:
    def __init__(self, doc: Document, page: Page, parses: list[list[Tok]], names: Names):
        self.doc, self.page, self.parses, self.names = doc, page, parses, names
        self.starts = line_starts(doc.text)
        self.claims: list[Claim] = []
        self.mentions: list[Mention] = []
        self.n = 0

    # -- helpers -------------------------------------------------------------------------------
    def _span(self, s: Sentence, i: int, j: int) -> tuple[int, int, str, int]:
        a, b = s.span(i, j)
        return a, b, self.doc.text[a:b], line_of(self.starts, a)

    def _claim(self, s: Sentence, span: tuple[int, int], kind: str, subject: str, predicate: str,
               pclass: str, obj: str | None = None, q: Qualifiers | None = None) -> Claim:
        a, b, quote, line = self._span(s, *span) if s.table is None else (*span, self.doc.text[span[0]:span[1]],
                                                                            line_of(self.starts, span[0]))
        self.n += 1
        c = Claim(id=f"{self.doc.id}#{self.n}", source=self.doc.id, kind=kind, subject=subject,
                  predicate=predicate, predicate_class=pclass, object=obj, qualifiers=q or Qualifiers(),
                  quote=quote, start=a, end=b, line=line, sentence_start=s.start, sentence_end=s.end)
        self.claims.append(c)
        return c

    # -- the document --------------------------------------------------------------------------
    def run(self) -> Extraction:
        ctx = Context(section_date=self.doc.published or self._anchor())
        seen: set[str] = set()
        self.repeated = 0
        for s, toks in zip(self.page.sentences, self.parses):
            if s.text in seen:
                self.repeated += 1  # the same sentence again says nothing new; counted in the signals
                continue
            seen.add(s.text)
            stated = find_published(self.doc.text[s.start:s.end + 40]) if s.table is None else None
            if stated:
                ctx.section_date, ctx.last_date = stated, stated
            if s.block != ctx.block:
                ctx.block, ctx.subject, ctx.participants, ctx.event_date = s.block, None, (), None
            try:
                self.sentence(s, toks, ctx)
            except Exception as exc:  # one odd sentence must not lose the document
                raise RuntimeError(f"{self.doc.id}:{s.line}: extraction failed: {exc}") from exc
        return Extraction(document=self.doc, claims=tuple(self.claims), mentions=tuple(self.mentions),
                          signals=self.signals())

    def _anchor(self) -> str | None:
        """For a page that states no date of its own: the year it mentions most, so that 9月28日
        and 同日 can still be read.  Ties go to the later year."""
        years = re.findall(r"(?<!\d)((?:19|20)\d\d)年", self.doc.visible)
        if not years:
            return None
        counts = {y: years.count(y) for y in set(years)}
        return max(counts, key=lambda y: (counts[y], y))

    def signals(self) -> dict[str, int]:
        text = self.doc.text
        return {
            "footnotes": self.page.footnotes,
            "footnote_marks": self.page.footnote_marks,
            "byline": len(BYLINE.findall(text)),
            "published": int(self.doc.published is not None),
            "placeholders": len(find_placeholders(text)),
            "seo_markers": len(SEO_MARKERS.findall(text)),
            "sentences": len(self.page.sentences),
            "repeated_sentences": self.repeated,
        }

    def sentence(self, s: Sentence, toks: list[Tok], ctx: Context) -> None:
        text = s.text
        people = find_people(text, toks, self.names.known, self.names.surnames, self.names.given)
        places = [pl for pl in find_places(text, toks)
                  if not any(p.start < pl.end and pl.start < p.end for p in people)]
        dates = find_dates(text, ctx.section_date, ctx.last_date)
        full = [d for d in dates if len(d.iso) == 10]
        time = dates[0].iso if dates else None
        for p in people:
            self._mention(s, p)
        keywords = tuple(sorted({t.lemma for t in toks if t.pos in ("NOUN", "PROPN", "VERB") and len(t.lemma) >= 2
                                 and t.lemma not in L.STOP_KEYWORDS and not t.lemma.isdigit()}))
        attributed = any(a in text for a in L.ATTRIBUTION) and any(
            "固有名詞" in t.tag and "地名" not in t.tag for t in toks)
        if s.table is not None:
            self.table_row(s, toks, people, places, ctx, keywords)
        else:
            for p in people:
                if p.role:
                    self.role_claim(s, p, time or ctx.section_date)
            speaker = self.statements(s, toks, people, ctx, time, keywords)
            self.events(s, toks, people, places, dates, ctx, speaker, keywords)
            self.relations(s, toks, people, places, time, keywords)
            self.quantities(s, toks, people, ctx, keywords, attributed)
            self.place_claims(s, places, time or ctx.event_date, keywords)
        if full:
            ctx.last_date = full[-1].iso
        subj = [p for p in people if text[p.end:p.end + 4].lstrip("氏さん").startswith(("は", "が"))]
        if subj:
            ctx.subject = subj[0]

    def _mention(self, s: Sentence, p: PersonMention) -> None:
        a, b, quote, line = self._span(s, p.start, p.end)
        rs = re = None
        rtext = None
        if p.role_start is not None:
            rs, re, rtext, _ = self._span(s, p.role_start, p.role_end)
        self.mentions.append(Mention(source=self.doc.id, text=p.name, type="person", start=a, end=b, line=line,
                                     role=p.role, country=p.country, status=p.status, role_text=rtext,
                                     role_start=rs, role_end=re))

    def role_claim(self, s: Sentence, p: PersonMention, time: str | None) -> None:
        office = (p.qual or "") + p.role if p.qual else p.role
        q = Qualifiers(time=time, role=p.role, country=p.country, status=p.status, topic=p.qual)
        self._claim(s, (p.role_start, p.role_end), "role", p.name, "holds_office", "role",
                    f"{p.country or ''}{office}", q)

    # -- statements ----------------------------------------------------------------------------
    def statements(self, s, toks, people, ctx, time, keywords) -> PersonMention | None:
        text = s.text
        first_speaker = None
        self._reported: list[tuple[str, int, int]] = []  # (speaker, content start, verb) in this sentence
        for t in toks:
            act = L.SPEECH.get(t.lemma)
            if not act or t.pos not in ("VERB", "NOUN", "ADJ"):
                continue
            nxt = [x.lemma for x in toks[t.i + 1:t.i + 3]]
            if t.pos == "NOUN" and not (nxt[:1] == ["する"] or (t.lemma == "明らか" and nxt == ["に", "する"])):
                continue  # 主張 in "主張について" is a noun, not a speech act
            content = [c for c in toks if c.head == t.i and c.dep in ("ccomp", "obj") and c.i < t.i]
            c_start = min((self._leftmost(toks, c.i) for c in content), default=t.i)
            c_end = max((c.i for c in content), default=t.i)
            # 「…」と(記者団に)述べた: the quotation is the content, whatever the parse says
            quote = next(((a, b) for a, b in _quoted_spans(text)
                          if b <= t.idx and re.fullmatch(r"と[^「」『』。]{0,12}", text[b:t.idx])), None)
            if quote:
                inq = [x for x in toks if quote[0] <= x.idx < quote[1]]
                if inq:
                    content = inq
                    c_start, c_end = inq[0].i, inq[-1].i
            cands = [p for p in people if p.end <= toks[c_start].idx + 1 and
                     text[(p.role_end if p.role_end and p.role_end > p.end else p.end):][:3].lstrip("氏さん")
                     .startswith(("は", "が", "も", "、"))]
            # a main-clause verb takes the topic (Xは), a verb inside a relative clause its が-subject
            def marker(p):
                end = p.role_end if p.role_end and p.role_end > p.end else p.end
                return text[end:end + 3].lstrip("氏さん")[:1]
            topic = [p for p in cands if marker(p) == "は"]
            ga = [p for p in cands if marker(p) in ("が", "も")]
            # "Xが…と述べたこと": the parser may fold the relative clause's subject into the content
            lead = [p for p in people if toks[c_start].idx <= p.start < toks[c_start].idx + 2 and marker(p) == "が"]
            # the parser often hangs the speaker's topic on the reported verb: take it back out
            if not quote and not topic:
                inner = [p for p in people if toks[c_start].idx <= p.start < toks[c_end].idx and marker(p) in ("は", "も")]
                if not inner and t.dep not in ("acl", "advcl", "csubj"):
                    inner = [p for p in people if toks[c_start].idx <= p.start < toks[c_end].idx
                             and marker(p) == "が" and p.start <= toks[c_start].idx + 1]
                if inner:
                    topic = [inner[0]]
                    end = inner[0].role_end if inner[0].role_end and inner[0].role_end > inner[0].end else inner[0].end
                    while c_start < c_end and toks[c_start].idx < end + 1:
                        c_start += 1
                    lead = []
            if t.dep in ("acl", "advcl", "csubj") and lead:
                speaker = lead[0]
                end = speaker.role_end if speaker.role_end and speaker.role_end > speaker.end else speaker.end
                while c_start < len(toks) - 1 and toks[c_start].idx < end + 1:
                    c_start += 1
            elif t.dep in ("acl", "advcl", "csubj") and ga:
                speaker = ga[-1]
            else:
                speaker = topic[-1] if topic else (cands[-1] if cands else None)
            if speaker is None:
                inside = [p for p in people if p.start < toks[c_start].idx]
                speaker = inside[-1] if inside and not content else None
            inherited = False
            if speaker is None and ctx.subject is not None and not any(
                    c.dep == "nsubj" and c.head == t.i for c in toks):
                speaker, inherited = ctx.subject, True
            passive = any(x.lemma in ("れる", "られる") for x in toks[t.i + 1:t.i + 4])
            if speaker is None and not passive:
                speaker = self._topic_speaker(text, toks, toks[c_start].idx if content else t.idx)
            if speaker is None:
                continue
            first_speaker = first_speaker or speaker
            ctext = "".join(x.text for x in toks[c_start:c_end + 1]).lstrip("、，,　 ") if content else ""
            negated = self._negated(toks, t.i)  # the content's own polarity stays in the content
            hedged = any(h in ctext for h in L.HEDGES)
            ckw = tuple(sorted({x.lemma for x in toks[c_start:c_end + 1] if x.pos in ("NOUN", "PROPN", "VERB")
                                and len(x.lemma) >= 2 and x.lemma not in L.STOP_KEYWORDS}))
            if len(ckw) < 2:
                ckw = keywords
            q = Qualifiers(time=time or ctx.section_date, speaker=speaker.name, role=speaker.role,
                           country=speaker.country, status=speaker.status, content=ctext[:300] or None,
                           negated=negated, hedged=hedged, keywords=ckw)
            start = toks[c_start].idx if inherited else min(speaker.role_start if speaker.role_start is not None
                                                            else speaker.start, toks[c_start].idx)
            end = t.idx + len(t.text)
            self._claim(s, (start, end), "statement", speaker.name, t.lemma, act, ctext[:120] or None, q)
            self._reported.append((speaker.name, toks[c_start].idx, t.idx))
        return first_speaker

    @staticmethod
    def _topic_speaker(text: str, toks: list[Tok], before: int) -> PersonMention | None:
        """An institution as speaker: the noun phrase marked by は before the content (気象庁は…と発表した)."""
        run: list[Tok] = []
        for t in toks:
            if t.idx >= before:
                break
            if t.pos in ("NOUN", "PROPN") and not t.text[0].isdigit() and "副詞可能" not in t.tag:
                run.append(t)
                continue
            if run and t.text == "は":
                a, b = run[0].idx, run[-1].idx + len(run[-1].text)
                return PersonMention(text[a:b], a, b)
            run = []
        return None

    @staticmethod
    def _leftmost(toks: list[Tok], i: int) -> int:
        lo = i
        changed = True
        while changed:
            changed = False
            for t in toks:
                if t.i < lo and t.head >= lo and t.head <= i and t.head != t.i:
                    lo, changed = t.i, True
        return lo

    @staticmethod
    def _negated(toks: list[Tok], i: int) -> bool:
        for t in toks[i + 1:i + 5]:
            if t.lemma in L.NEGATORS and t.pos in ("AUX", "ADJ"):
                return True
            if t.pos == "PUNCT":
                break
        return False

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
            venues = self._event_places(text, places, t) or [None]
            ends = [d.end_iso for d in dates if d.end_iso] + [d.iso for d in dates[1:]]
            span_end = max(ends) if ends and dates and max(ends) != time else None
            tail = text[t.idx:]
            planned = any(w in tail[:30] for w in L.PLANNED) or tail.startswith(("へ", "する予定"))
            hedged = any(w in tail[:30] for w in L.HEDGES)
            qty = next((q.quantity for q in find_quantities(text) if q.quantity.unit == "分"), None)
            for place in venues:  # coordinated venues (札幌や仙台、福岡) give one claim each
                q = Qualifiers(time=time, time_end=span_end, place=place.name if place else None, event=cls,
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
        quoted = _quoted_spans(text)
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
            passive = any(x.lemma in ("れる", "られる") for x in toks[t.i + 1:t.i + 4])
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
        return text[toks[lo].idx:tok.idx + len(tok.text)]

    # -- places ----------------------------------------------------------------------------------
    def place_claims(self, s, places, time, keywords) -> None:
        """Where things are: "震源は X" / "X を震源とする" attributes, and every named city or region."""
        text = s.text
        used = set()
        for p in places:
            before, after = text[max(0, p.start - 8):p.start], text[p.end:p.end + 8]
            attr = None
            for a in L.PLACE_ATTRIBUTES:
                if re.search(rf"{a}(?:地)?(?:は|が|を)$", before) or after.startswith((f"を{a}", f"が{a}")):
                    attr = a
                    break
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
            measure = tuple(dict.fromkeys(t.lemma for t in toks if qv.start - 14 <= t.idx < qv.start
                                          and t.pos in ("NOUN", "PROPN") and len(t.lemma) >= 2
                                          and not any(ch.isdigit() for ch in t.lemma)))
            q = Qualifiers(quantity=qty, participants=parts, keywords=keywords, attributed=attributed,
                           time=ctx.event_date, measure=measure, owner=owner)
            subject = self._measured(s.text, toks, qv.start, qty.text) or "".join(measure[-1:]) \
                or "・".join(parts) or (keywords[0] if keywords else "")
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
        row_span = (row.cell_spans[0][0], row.cell_spans[min(1, len(cells) - 1)][1])
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
        # a row about a place (開催都市, 開催地, 会談場所 …) is an event-place claim
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
            self._claim(s, span, "event", "・".join(parts) or cells[0], "開催", "event:meeting", pname, q)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch in "「『":
            stack.append(i)
        elif ch in "」』" and stack:
            spans.append((stack.pop(), i + 1))
    return spans


def collect_names(pages: Sequence[Page], parses: Sequence[list[list[Tok]]]) -> Names:
    """First pass: every name the corpus marks as a person (by tag, title or office)."""
    names = Names()
    for page, sents in zip(pages, parses):
        for s, toks in zip(page.sentences, sents):
            for p in find_people(s.text, toks):
                if p.titled or "・" in p.name:
                    names.add(p.name)
    # "A・B" whose parts are both surnames of other people is a pair (スミス・ジョーンズ会談), not a name
    # a surname here is the last part of a multi-part name, or a name used alone
    lasts = {n.split("・")[-1] for n in names.known}
    pairs = {n for n in names.known if len(n.split("・")) >= 2 and all(x in lasts for x in n.split("・"))}
    clean = Names()
    for n in sorted(names.known - pairs):
        clean.add(n)
    return clean


def extract_documents(docs: Sequence[Document], parser: Parser, names: Names | None = None,
                      progress: Callable[[int], None] | None = None) -> tuple[list[Extraction], Names]:
    """Parse (once, cached) and extract every document; names are pooled across the corpus."""
    pages = [split(d.visible, d.plain_map) for d in docs]
    parses = [parser.parse_document([s.text for s in p.sentences], progress) for p in pages]
    found = collect_names(pages, parses)
    if names is not None:
        for n in names.known:
            found.add(n)
    return [DocExtractor(d, p, t, found).run() for d, p, t in zip(docs, pages, parses)], found
