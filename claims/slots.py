"""Slots: every date, place and figure of a sentence with what it is the value of, and every outcome
(維持, 割り込む, 見送る …) with its sign.

A value's key is the predicate that governs it in the dependency parse (成立, 開く, 発表 …, or a
relative clause that describes it: 「ノミネートが発表された2月23日」) and the content words of that
predicate's arguments (補償法, 記者会見, 販売実績 …).  Two documents that give the same key different
values disagree about one thing; the checker (``checker/slots.py``) decides which is better supported.
Event nouns are folded to their class (会談, 協議 → meeting) so that wording does not split a key.
"""
from __future__ import annotations

import re

from . import lexicon as L
from .models import Quantity, Slot
from .parse import Tok
from .segment import line_of

ARG_DEPS = {"nsubj", "obj", "iobj", "obl", "nmod", "compound", "nsubj:pass", "csubj"}
PRED_POS = {"VERB", "ADJ"}
# words that say when, how much or how sure, never what: they do not make a key
STOP = L.STOP_KEYWORDS | L.FORMAL_NOUNS | {
    "年", "月", "日", "時", "分", "秒", "午前", "午後", "ごろ", "頃", "約", "およそ", "以上", "以下", "未満",
    "現地", "時間", "日本", "時点", "前後", "程度", "以降", "まで", "から", "中", "同年", "当時",
    "する", "いる", "ある", "なる", "れる", "られる", "おる", "です", "ます", "さん", "氏", "第", "計", "全体", "合計",
}
_NUMERIC = re.compile(r"^[\d０-９.,万億兆千百十〇一二三四五六七八九]+$")


def fold(lemma: str) -> str:
    """An event noun or predicate folded to its class, so 会談 and 首脳会談 give one key."""
    return L.EVENTS.get(lemma) or L.PREDICATE_CLASS.get(lemma) or L.MEASURES.get(lemma) or lemma


_fold = fold  # the name this module and claims.acts use


def _question(toks: list[Tok], text: str) -> tuple[str, ...]:
    """A question's words are the key of the answer that follows it (Q. 会談はいつ開かれたの？ A. 8月11日)."""
    return tuple(sorted({_fold(t.lemma) for t in toks if _content(t)})) if re.search(r"[?？]\**\s*$", text) else ()


def _content(t: Tok) -> bool:
    return (t.pos in ("NOUN", "PROPN", "VERB", "ADJ") and t.lemma not in STOP and len(t.lemma) >= 2
            and not _NUMERIC.match(t.lemma))


class SlotReader:
    """Mixed into the document extractor: ``slots`` collects :class:`Slot` records."""

    def sentence_slots(self, s, toks: list[Tok], dates, places, quantities, people=()) -> None:
        if not toks:
            self.asked_now = ()
            return
        text = s.text
        # a question's words key the answer that follows it, up to three sentences on (A. いいえ。…)
        question = _question(toks, text)
        if question:
            # a FAQ's Q (Q. / Q： / 問) keys the answer in the next paragraph too; a heading's question
            # (選挙の結果は？) only its own paragraph
            faq = bool(re.match(r"\**\s*(?:Q|Ｑ|問)\s*\d*\s*[.．:：、]?", text))
            self.asked, self.asked_left, self.asked_block, asked = question, 3, s.block + faq, ()
        elif self.asked_left > 0 and s.block <= self.asked_block:
            self.asked_left -= 1
            asked = self.asked
        else:
            asked = ()
        self.asked_now = asked
        if not (dates or places or quantities):
            return
        values: list[tuple[str, int, int, str, Quantity | None, bool, str | None]] = []
        for d in dates:
            if len(d.iso) == 10:
                # with its month: 8月16日, 2025/8/16, 2025-08-16, 2025.8.16, R7.3.1
                exact = bool(re.search(r"月|[/\-.．／－]", d.text)) and not d.text.startswith(("同", "前", "翌"))
                # a month-day with no year of its own keeps only its month and day for comparison
                year = bool(re.search(r"\d{4}|令和|平成|昭和|大正|[RHSTＲＨＳＴ](?:\d|元)", d.text))
                day = d.iso if year else "****" + d.iso[4:]
                end = (d.end_iso if year else "****" + d.end_iso[4:]) if d.end_iso and len(d.end_iso) == 10 else None
                # the same moment on another clock (日本時間16日 of 15日): a date of either day agrees with it
                alt = "/".join(x if year else "****" + x[4:] for x in d.alt.split("/")) if d.alt else None
                values.append(("date", d.start, d.end, day + ("/" + end if end else ""), None, exact, alt))
        for p in places:  # a place in a list (アレッポ、イドリブ、ハマ) names no single venue
            listed = any(re.fullmatch(r"[、・やと,]|および|及び", text[o.end:p.start] if o.end <= p.start
                                      else text[p.end:o.start]) for o in places if o is not p)
            # 東京・銀座の本社: a district of a city, then the venue: the second names the place
            within = any(text[o.end:p.start] == "・" for o in places if o is not p) and not any(
                text[p.end:o.start] in ("・", "、") for o in places if o is not p) and re.match(
                r"の(?:本社|会場|本部|施設|事務所|ホテル|駅|港|空港|自宅|庁舎|支社|工場|店|スタジアム|球場)", text[p.end:p.end + 7])
            if not listed or within:
                values.append(("place", p.start, p.end, p.name, None, True, None))
        for q in quantities:
            # a margin is checked against its own figures; a change (56議席減) is not a count
            if not re.match(r"(?:の|もの)?差|減|増|の(?:増加|減少|上積み)|アップ|ダウン", text[q.end:q.end + 4]):
                values.append(("quantity", q.start, q.end, q.quantity.text, q.quantity, True, None))
        planned = any(w in text for w in L.PLANNED if w != "へ")
        # the sentence's own date, to its year at least: a figure of 1985 is not a figure of 2023
        first = next((d for d in dates if len(d.iso) == 10), None) or next((d for d in dates), None)
        when = first.iso if first else None
        when_alt = first.alt if first and first.alt and "/" not in first.alt else None
        for slot, a, b, value, qty, exact, alt in values:
            head, args, negated = self._key(s, toks, a, b)
            measure = tuple(sorted(_measure(toks, a))) if slot == "quantity" else ()
            if s.table is not None:  # a table row: its label (first cell) says what the value is of
                label = _row_label(s, toks, a)
                args = tuple(w for w in args if w not in L.GENERIC_HEADERS)
                measure = tuple(sorted(label)) if slot == "quantity" and label else tuple(
                    w for w in measure if w not in L.GENERIC_HEADERS)
            args = set(args) | set(measure) | set(asked)
            if slot == "quantity" and text[max(0, a - 1):a] == "各":
                args.add("各")  # 男女各3階級: a figure of each part, not of the whole (計6階級)
            args = tuple(sorted(args))
            if not args and not head:
                continue
            sa, sb, quote, line = self._span(s, a, b) if s.table is None else self._row_span(s, a, b)
            before = [p for p in people if p.end <= a] if slot == "quantity" else []
            owner = max(before, key=lambda p: p.end).name if before else ""
            self.slots.append(Slot(source=self.doc.id, slot=slot, head=head, args=args, value=value,
                                   quantity=qty, measure=measure, owner=owner, exact=exact,
                                   time=when if slot != "date" else None, planned=planned, negated=negated,
                                   alt=alt if slot == "date" else when_alt,
                                   quote=quote, start=sa, end=sb, line=line))

    def polarity_slots(self, s, toks: list[Tok]) -> None:
        """Outcomes with their sign: 民進党が過半数を維持した (keep +) against 過半数を割り込んだ (keep −)."""
        if s.table is not None:
            return
        planned = any(w in s.text for w in L.PLANNED if w != "へ")
        for k, t in enumerate(toks):
            lemma = t.lemma
            if k and toks[k - 1].lemma + lemma in L.POLARITY:  # 下方+修正
                lemma = toks[k - 1].lemma + lemma
            if lemma not in L.POLARITY or t.pos not in ("VERB", "ADJ", "NOUN"):
                continue
            if t.pos == "NOUN" and t.dep in ("obj", "obl", "nmod", "nsubj", "iobj", "compound"):
                continue  # 種目への参加を認められず: the noun is an argument; the outcome is its verb's
            axis, sign = L.POLARITY[lemma]
            head, args, negated = self._key(s, toks, t.idx, t.idx + len(t.text), predicate=t)
            args = tuple(sorted(set(args) | set(self.asked_now)))
            if len(args) < 2:
                continue
            if negated and sign != "0":
                sign = "-" if sign == "+" else "+"
            sa, sb, quote, line = self._span(s, *_clause(toks, t))
            self.slots.append(Slot(source=self.doc.id, slot="polarity", head=axis, args=args, value=sign,
                                   planned=planned, negated=negated, quote=quote, start=sa, end=sb, line=line))

    def _row_span(self, s, a: int, b: int) -> tuple[int, int, str, int]:
        """A value of a table row, found in its own cell (the row's text is rebuilt as 見出しは値)."""
        want = s.text[a:b]
        for cell, (ca, _) in zip(s.table.cells, s.table.cell_spans):
            k = cell.find(want)
            if k >= 0:
                start = ca + k
                return start, start + len(want), self.doc.text[start:start + len(want)], line_of(self.starts, start)
        return s.start, s.end, self.doc.text[s.start:s.end], s.line

    @staticmethod
    def _key(s, toks: list[Tok], a: int, b: int, predicate: Tok | None = None) -> tuple[str, tuple[str, ...], bool]:
        """(predicate, argument words, negated) for the value at text[a:b], or for ``predicate``
        itself (an outcome: its arguments are the key)."""
        inside = {t.i for t in toks if t.idx < b and a < t.idx + len(t.text)}
        if not inside:
            return "", (), False
        by_i = {t.i: t for t in toks}
        children: dict[int, list[Tok]] = {}
        for t in toks:
            if t.head != t.i:
                children.setdefault(t.head, []).append(t)
        if s.table is not None:  # a table row: its other cells are the key
            words = {_fold(t.lemma) for t in toks if t.i not in inside and _content(t)}
            return "", tuple(sorted(words)), False
        anchor = next((by_i[i] for i in sorted(inside) if by_i[i].head not in inside or by_i[i].head == i),
                      by_i[min(inside)])
        path, t = [anchor], anchor
        while t.head != t.i and len(path) < 12:
            t = by_i[t.head]
            path.append(t)
        # a relative clause on the value names what it is the date or place of
        rel = [c for c in children.get(anchor.i, []) if c.dep == "acl" and c.pos in PRED_POS | {"NOUN"}
               and c.i not in inside]
        preds = rel[:1] + [t for t in path[1:] if t.pos in PRED_POS or t.dep == "ROOT"][:2]
        if predicate is not None:
            preds, inside = [predicate], {predicate.i}
        if not preds:
            preds = [path[-1]]
        head = _fold(preds[0].lemma) if _content(preds[0]) or preds[0].pos in PRED_POS else ""
        on_path = {t.i for t in path} | {p.i for p in preds}
        words: set[str] = set()

        def take(tok: Tok, depth: int = 0) -> None:
            if tok.i in inside or depth > 2:
                return
            if _content(tok) and tok.pos != "VERB":
                words.add(_fold(tok.lemma))
            for c in children.get(tok.i, []):
                if c.dep in ("compound", "nmod") or (depth == 0 and c.dep in ARG_DEPS):
                    take(c, depth + 1)

        for p in preds:
            for c in children.get(p.i, []):
                if c.dep in ARG_DEPS and c.i not in on_path:
                    take(c)
        # the value as a nominal predicate (焼損面積は約2,900ha, 発生日時は2月28日午後1時ごろ): its subject names
        # it, and an event noun in the subject is its predicate (放出開始は8月24日: 開始, as 8月24日に開始した)
        # the value inside the noun phrase that is the predicate (打ち上げ場所は内之浦宇宙空間観測所: the
        # phrase's head noun 観測所 is no predicate of its own; the subject's event noun is)
        np_head = preds[0].pos in ("NOUN", "PROPN") and preds[0] is path[-1] and predicate is None and any(
            c.dep in ("nsubj", "dislocated") and c.i not in inside for c in children.get(preds[0].i, []))
        if np_head:
            head = ""
        for i in sorted(inside) + ([preds[0].i] if np_head else []):
            for c in children.get(i, []):
                if c.dep in ("nsubj", "csubj", "dislocated") and c.i not in inside:
                    take(c)
                    if not head and predicate is None:
                        # 打ち上げ場所 (打ち上げる: a verb the parser hangs on 場所) names its event as well
                        nouns = [c] + sorted((k for k in children.get(c.i, []) if k.dep == "compound" or (
                            k.dep == "acl" and k.pos == "VERB" and _fold(k.lemma) != k.lemma)), key=lambda k: -k.i)
                        event = next((k for k in nouns if _fold(k.lemma) != k.lemma or "サ変" in k.tag), None)
                        if event is not None and _content(event):
                            head = _fold(event.lemma)
        for t in path[1:]:  # nouns the value is a modifier of (会場 of 授賞式の会場は…)
            if t.pos in ("NOUN", "PROPN") and t.i not in inside:
                take(t, 1)
        negated = negates(children.get(preds[0].i, []), s.text, preds[0])
        words.discard(head)
        return head, tuple(sorted(words)), negated


def negates(kids: list[Tok], text: str, pred: Tok) -> bool:
    """A negation among a predicate's dependants after it (しなかった, されず), an obligation aside
    (しなければならない says it must happen).  A ない before the predicate is an adverb of its own
    (間もなく, ほどなく, 問題なく打ち上げた): it says nothing of whether the act happened."""
    # the ん of 要請されていたんです explains (a SCONJ); the ん of しません denies (an AUX)
    return any((c.lemma in L.NEGATORS or c.text in L.NEGATORS) and c.i > pred.i and c.pos != "SCONJ"
               for c in kids) and not \
        L.OBLIGATION.match(text[pred.idx + len(pred.text):pred.idx + len(pred.text) + 8])


def _row_label(s, toks: list[Tok], a: int) -> set[str]:
    """Content words of a table row's first cell, when the value at ``a`` is in another cell.  The
    row's text is rebuilt as 見出しは値、見出しは値, so the first cell is the first piece's value."""
    header, cells = s.table.header, s.table.cells
    if not header or not cells:
        return set()
    first = f"{header[0]}は{cells[0]}"
    if a < len(first):
        return set()
    lo = len(header[0]) + 1
    return {_fold(t.lemma) for t in toks if lo <= t.idx < len(first) and _content(t)} - L.GENERIC_HEADERS


def _clause(toks: list[Tok], pred: Tok) -> tuple[int, int]:
    """Text offsets of a predicate with its direct arguments: the quote of an outcome."""
    kids = [t for t in toks if t.head == pred.i and t.i != pred.i and t.dep in ARG_DEPS]
    start = min([t.idx for t in kids] + [pred.idx])
    tail = [t for t in toks if t.head == pred.i and t.dep in ("aux", "cop") and t.i > pred.i]
    end = max([t.idx + len(t.text) for t in tail] + [pred.idx + len(pred.text)])
    return start, end


def _measure(toks: list[Tok], a: int) -> set[str]:
    """Nouns just before a figure, over particles (の, は, が) but not over a predicate or a comma."""
    out: set[str] = set()
    for t in reversed([t for t in toks if t.idx + len(t.text) <= a][-6:]):
        if t.pos in ("VERB", "AUX", "PUNCT") or t.text in ("、", "。", "，"):
            break
        if t.pos in ("NOUN", "PROPN") and _content(t):
            out.add(_fold(t.lemma))
    return out
