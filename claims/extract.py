"""Sentences in, claim records out: roles, statements, events, relations, quantities, table rows."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from . import lexicon as L
from .ingest import find_published
from .frames import FrameReader
from .acts import ActReader
from .slots import SlotReader
from .models import Claim, Document, Extraction, Mention, Qualifiers, Slot
from .parse import Parser, Tok
from .roles import PersonMention, find_people, find_places
from .segment import Page, Sentence, line_of, line_starts, split
from .statements import StatementReader
from .dates import firm
from .values import find_dates, find_placeholders, find_quantities

# a named author or bureau: 【ワシントン＝淵上隆悠】, 〔共同〕, （時事）, 文・記者名, 「○○記者」
BYLINE = re.compile(r"[【〔（(][^】〕）)\n]{0,12}[=＝][^】〕）)\n]{2,12}[】〕）)]|[〔（(【](?:共同|時事|ロイター|AFP|AP)[〕）)】]"
                    r"|(?:文|記者|執筆|筆者)\s*[:：=＝]\s*\S{2,10}|\S{2,8}記者$|^[^\S\n]*By\s+\w+", re.M)
# (a line's leading blanks are [^\S\n]*: \s* would run on over blank lines, in quadratic time)
# what SEO and affiliate pages are made of: emoji bullets, ★ ratings, FAQ blocks, 「まとめ」, ad disclosures
SEO_MARKERS = re.compile(r"[\U0001F300-\U0001FAFF\u2705\u2714\u27A1\u21D2★☆]|さらに読む|いかがでしたか|Chapter-\d"
                         r"|^[^\S\n]*\**[^\S\n]*Q[.．:：]|よくある質問|【PR】|アフィリエイト|広告を含み|知らないと損|徹底解説"
                         r"|まとめ[】:：]|^#+\s*まとめ", re.M)
# a named source by its kind of body: 時事通信の, 日本経済新聞社が, 総務省による
NAMED_BODY = re.compile("(?:" + "|".join(L.WIRES) + "|[一-龥ァ-ヴー]{1,8}(?:" + "|".join(
    L.ORG_SUFFIXES + ("研究所", "総研", "協会", "機構", "財団", "省", "庁")) + "))(?:の|が|による|によると|では|調べ)")


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
    main_date: str | None = None  # the day the document gives most often: what it is about
    block_date: str | None = None  # the last full date of this paragraph


class DocExtractor(StatementReader, FrameReader, SlotReader, ActReader):
    def __init__(self, doc: Document, page: Page, parses: list[list[Tok]], names: Names):
        self.doc, self.page, self.parses, self.names = doc, page, parses, names
        self.starts = line_starts(doc.text)
        self.claims: list[Claim] = []
        self.slots: list[Slot] = []
        self.asked: tuple[str, ...] = ()  # words of a question just asked (FAQ), the key of its answer
        self.asked_left = 0  # sentences of the answer still to come
        self.asked_block = -1  # the last paragraph the answer may run to
        self.asked_now: tuple[str, ...] = ()  # the question this sentence answers
        self.mentions: list[Mention] = []
        # notes on values that cannot be (2月30日, a weekday that does not fit), by their offset
        self.skipped: list[tuple[int, str]] = []
        self.n = 0

    # -- helpers -------------------------------------------------------------------------------
    def _span(self, s: Sentence, i: int, j: int) -> tuple[int, int, str, int]:
        a, b = s.span(i, j)
        return a, b, self.doc.text[a:b], line_of(self.starts, a)

    def _claim(self, s: Sentence, span: tuple[int, int], kind: str, subject: str, predicate: str,
               pclass: str, obj: str | None = None, q: Qualifiers | None = None, absolute: bool = False) -> Claim:
        """A claim of sentence ``s`` at ``span``: offsets in the sentence's text, or in the document
        (a table row's cells, ``absolute``)."""
        a, b, quote, line = self._span(s, *span) if s.table is None and not absolute else (
            *span, self.doc.text[span[0]:span[1]], line_of(self.starts, span[0]))
        self.n += 1
        c = Claim(id=f"{self.doc.id}#{self.n}", source=self.doc.id, kind=kind, subject=subject,
                  predicate=predicate, predicate_class=pclass, object=obj, qualifiers=q or Qualifiers(),
                  quote=quote, start=a, end=b, line=line, sentence_start=s.start, sentence_end=s.end)
        self.claims.append(c)
        return c

    # -- the document --------------------------------------------------------------------------
    def run(self) -> Extraction:
        ctx = Context(section_date=self.doc.published or self._anchor())
        ctx.main_date = self._main_date(ctx.section_date)
        self.cell_notes(ctx.section_date)
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
                ctx.block_date = None
            try:
                self.sentence(s, toks, ctx)
            except Exception as exc:  # one odd sentence must not lose the document
                raise RuntimeError(f"{self.doc.id}:{s.line}: extraction failed: {exc}") from exc
        return Extraction(document=self.doc, claims=tuple(self.claims), mentions=tuple(self.mentions),
                          signals=self.signals(), slots=tuple(self.slots),
                          skipped=tuple(n for _, n in sorted(self.skipped, key=lambda x: x[0])))

    def cell_notes(self, ref: str | None) -> None:
        """Dates that cannot be in table cells no row reads (a header, a table without one): notes."""
        for at, cell in self.page.cells:
            notes: list[str] = []
            find_dates(cell, ref, None, notes)
            self.skipped.extend((at, f"{self.doc.id}:{line_of(self.starts, at)}: {n}") for n in notes)

    def _anchor(self) -> str | None:
        """For a page that states no date of its own: the year it mentions most, so that 9月28日
        and 同日 can still be read.  Ties go to the later year."""
        years = re.findall(r"(?<!\d)((?:19|20)\d\d)年", self.doc.visible)
        if not years:
            return None
        counts = {y: years.count(y) for y in set(years)}
        return max(counts, key=lambda y: (counts[y], y))

    def _main_date(self, ref: str | None) -> str | None:
        """The day the document names most often (ties: the first named), the date of what it reports:
        an undated title in a text published a year later is still a title of that day."""
        counts: dict[str, int] = {}
        for s in self.page.sentences:
            for d in find_dates(s.text, ref, None, []):
                if len(d.iso) == 10 and not d.vague and re.search(r"\d{4}|令和|平成", d.text) \
                        and d.iso != self.doc.published:  # the page's own date says when it was written
                    counts[d.iso] = counts.get(d.iso, 0) + 1
        ranked = sorted(counts.values(), reverse=True)
        if not ranked or ranked[0] < 2 or len(ranked) > 1 and ranked[0] == ranked[1]:
            return None  # no day stands out
        return max(counts, key=lambda k: counts[k])

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
        notes: list[str] = []
        # a day or month-day with no year is read against this paragraph's last date, else the day the
        # document is about, else the last date read (a date named in passing elsewhere does not lead)
        last = ctx.block_date or ctx.main_date or ctx.last_date
        dates = find_dates(text, ctx.section_date, last, notes)
        if s.table is not None:  # a row's text repeats its header cells (見出しは値): note its own cells only
            notes = []
            find_dates("、".join(s.table.cells[:len(s.table.header)]), ctx.section_date, last, notes)
        self.skipped.extend((s.start, f"{self.doc.id}:{line_of(self.starts, s.start)}: {n}") for n in notes)
        full = [d for d in dates if len(d.iso) == 10 and d.anchor]
        dates = firm(dates)
        # a sentence's own time, for roles, statements and places: a vague date (前年に続く) is too loose
        time = next((d.iso for d in dates if not d.vague), None)
        for p in people:
            self._mention(s, p)
        keywords = tuple(sorted({t.lemma for t in toks if t.pos in ("NOUN", "PROPN", "VERB") and len(t.lemma) >= 2
                                 and t.lemma not in L.STOP_KEYWORDS and not t.lemma.isdigit()}))
        # an attribution that names its source: a proper noun, or a body by its suffix (時事通信, 日本経済新聞)
        attributed = any(a in text for a in L.ATTRIBUTION) and (any(
            "固有名詞" in t.tag and "地名" not in t.tag for t in toks) or bool(NAMED_BODY.search(text)))
        if s.table is not None:
            self.table_row(s, toks, people, places, ctx, keywords)
        else:
            for p in people:
                if p.role:
                    self.role_claim(s, p, time or ctx.block_date or ctx.event_date or ctx.main_date
                                    or ctx.section_date)
            speaker = self.statements(s, toks, people, ctx, time, keywords)
            self.events(s, toks, people, places, dates, ctx, speaker, keywords)
            self.relations(s, toks, people, places, time, keywords)
            self.quantities(s, toks, people, ctx, keywords, attributed)
            self.place_claims(s, places, time or ctx.event_date, keywords)
            if s.row is not None and len(s.row.cells) >= 2:  # 会談場所 | アラスカ州アンカレッジ
                self.venue_row(s, s.row, people, ctx, keywords)
        self.sentence_slots(s, toks, dates, places, find_quantities(text), people)
        self.polarity_slots(s, toks)
        self.act_slots(s, toks, people)
        self.speaker_slots(s, toks, people)
        if full:
            ctx.last_date = ctx.block_date = full[-1].iso
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

def collect_names(pages: Sequence[Page], parses: Sequence[list[list[Tok]]]) -> Names:
    """First pass: every name the corpus marks as a person (by tag, title or office)."""
    return clean_names(n for page, sents in zip(pages, parses) for n in marked_names(page, sents))


def marked_names(page: Page, parses: Sequence[list[Tok]]) -> list[str]:
    """The names one document marks as a person (by tag, title or office), in order."""
    return [p.name for s, toks in zip(page.sentences, parses) for p in find_people(s.text, toks)
            if p.titled or "・" in p.name]


def clean_names(marked: Iterable[str]) -> Names:
    """The corpus's pool of names from the names its documents mark."""
    names = Names()
    for n in marked:
        names.add(n)
    # "A・B" whose parts are both surnames of other people is a pair (スミス・ジョーンズ会談), not a name
    # a surname here is the last part of a multi-part name, or a name used alone
    lasts = {n.split("・")[-1] for n in names.known}
    pairs = {n for n in names.known if len(n.split("・")) >= 2 and all(x in lasts for x in n.split("・"))}
    clean = Names()
    for n in sorted(names.known - pairs):
        clean.add(n)
    return clean


def extract_documents(docs: Sequence[Document], parser: Parser, names: Names | None = None,
                      progress: Callable[[int], None] | None = None, marked: list | None = None
                      ) -> tuple[list[Extraction], Names]:
    """Parse (once, cached) and extract every document; names are pooled across the corpus.
    ``marked``, when given, receives the names each document marks (the first pass), in order."""
    pages = [split(d.visible, d.plain_map) for d in docs]
    parses = [parser.parse_document([s.text for s in p.sentences], progress) for p in pages]
    each = [marked_names(page, sents) for page, sents in zip(pages, parses)]
    if marked is not None:
        marked.extend(each)
    found = clean_names(n for doc in each for n in doc)
    if names is not None:
        for n in names.known:
            found.add(n)
    return [DocExtractor(d, p, t, found).run() for d, p, t in zip(docs, pages, parses)], found
