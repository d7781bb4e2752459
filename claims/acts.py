"""Acts and actors: what happened or did not, whatever verb states it, and who did it or said it.

An act is an event noun with its sign: 来日は見送られ (来日 −) against 来日し (来日 +), インタビュー
には応じず against インタビューに応じた.  A verb of ``NOT_DONE`` says its subject or object did not
happen; a light verb (``LIGHT_VERBS``: 会見を開く, 命令を出す) says its verbal noun did, unless negated; a
verbal noun used as the predicate (来日し) is the act itself.  An actor is who did an act or spoke a
quotation (the subject of 宣言した, the speaker of 「…」と語った), keyed by the act's and the
quotation's content words.  Both are slots (:class:`claims.models.Slot`) the checker aligns and
weighs like dates and figures.
"""
from __future__ import annotations

import re

from . import lexicon as L
from .models import Slot
from .parse import Tok
from .slots import _clause, _content, _fold, negates


INTENT = {"考え", "方針", "意向", "構え", "姿勢", "見通し"}  # nouns of an intention a verb of not doing modifies


class ActReader:
    """Mixed into the document extractor beside :class:`claims.slots.SlotReader`, whose ``_key`` and
    ``_span`` it uses."""

    def act_slots(self, s, toks: list[Tok], people=()) -> None:
        """Acts with their sign, whatever verb states them: 来日は見送られ (来日 −), 来日し (来日 +),
        インタビューには応じず (インタビュー −), 回収命令を出した (命令 +).  The axis is ``act:`` and the
        act's noun, so only statements of the same act are compared."""
        if s.table is not None:
            return
        planned = any(w in s.text for w in L.PLANNED if w != "へ")
        children: dict[int, list[Tok]] = {}
        for t in toks:
            if t.head != t.i:
                children.setdefault(t.head, []).append(t)
        seen: set[int] = set()
        for t in toks:
            if t.pos not in ("VERB", "ADJ", "NOUN") or (t.pos == "NOUN" and t.lemma not in L.NOT_DONE):
                continue
            kids = children.get(t.i, [])
            negated = negates(kids, s.text, t)
            target = None
            if t.lemma in L.NOT_DONE or t.lemma in L.LIGHT_VERBS:
                verbal = t.lemma in L.LIGHT_VERBS  # a light verb's act is a verbal noun (会見, 命令)
                args = [c for c in kids if c.dep in ("obj", "nsubj", "nsubj:pass", "obl") and c.i < t.i
                        and c.pos == "NOUN" and _content(c) and (not verbal or "サ変" in c.tag)]
                if not args and t.lemma in L.NOT_DONE and t.dep == "acl" and toks[t.head].lemma in INTENT:
                    # 参加については見送る考えを伝えた: the act hangs on the verb of the intention
                    outer = toks[toks[t.head].head]
                    args = [c for c in children.get(outer.i, []) if c.dep in ("obj", "obl", "nsubj") and c.i < t.i
                            and c.pos == "NOUN" and "サ変" in c.tag and _content(c)]
                if args:  # its object or subject before an adjunct (来日は安全上の理由から見送られ: 来日)
                    target = max(args, key=lambda c: (c.dep != "obl", c.i))
                sign = "-" if (t.lemma in L.NOT_DONE) != negated else "+"
            elif t.pos == "VERB" and "サ変" in t.tag and _content(t):
                target, sign = t, "-" if negated else "+"  # 来日し: the verbal noun is the predicate
            if target is None or target.i in seen or target.lemma in L.NOT_DONE:
                continue
            seen.add(target.i)
            act = _fold(target.lemma)
            if act in L.ACT_OPPOSITE:  # 欠席し: 出席, not done
                act, sign = L.ACT_OPPOSITE[act], "-" if sign == "+" else "+"
            act = L.ACT_SAME.get(act, act)
            head, args, _ = self._key(s, toks, t.idx, t.idx + len(t.text), predicate=t)
            # whose act: the person named last before the predicate (ゼレンスキー大統領は…来日し)
            named = [p.name for p in people if p.end <= t.idx]
            words = tuple(sorted(set(args) | {act} | set(named[-1:]) | set(self.asked_now)))
            if len(words) < 2:
                continue
            sa, sb, quote, line = self._span(s, *_clause(toks, t))
            self.slots.append(Slot(source=self.doc.id, slot="polarity", head="act:" + act, args=words, value=sign,
                                   planned=planned, negated=negated, quote=quote, start=sa, end=sb, line=line))
            # a meeting or a call has two sides (トランプ氏との電話で): who took part is not one actor
            bilateral = act in L.EVENT_CLASSES or any(q.lemma == "と" and q.dep == "case" and q.idx < t.idx
                                                      for q in toks)
            who = None if negated or sign == "-" or bilateral else _actor(toks, t, people, children)
            if who is not None:  # who did it: 岸田首相が…宣言した against テドロス事務局長が…宣言した
                name, a, b = who
                words = tuple(w for w in words if w not in name and name not in w)
                if len(words) >= 2:  # the quote runs from the name to the act
                    sa, sb, quote, line = self._span(s, a, max(b, t.idx + len(t.text)))
                    self.slots.append(Slot(source=self.doc.id, slot="actor", head="act:" + act, args=words,
                                           value=name, planned=planned, quote=quote, start=sa, end=sb, line=line))

    def speaker_slots(self, s, toks: list[Tok], people=()) -> None:
        """Who said a quotation: the speaker of 「…」と述べた, keyed by the quotation's content words, so
        that the same words given to another person elsewhere are compared (a paraphrase too)."""
        if s.table is not None or "「" not in s.text:
            return
        children: dict[int, list[Tok]] = {}
        for t in toks:
            if t.head != t.i:
                children.setdefault(t.head, []).append(t)
        inner = [(m.start() + 1, m.end() - 1) for m in re.finditer(r"「[^「」]{4,}」", s.text)]
        for t in toks:
            if L.SPEECH.get(t.lemma) not in ("say", "announce") or t.pos not in ("VERB", "NOUN"):
                continue
            who = _actor(toks, t, people, children) or _topic_before_quote(s.text, t.idx, people)
            if who is None:
                continue
            name, a, b = who
            words = {_fold(q.lemma) for q in toks if _content(q) and any(x <= q.idx < y for x, y in inner)}
            words = tuple(sorted(w for w in words if w not in name))
            if len(words) < 3:
                continue
            # from the name, or from the quotation when it comes first (「…」と語った豊田章男会長)
            lo = min([a] + [x - 1 for x, y in inner if y < t.idx and x - 1 < a])
            sa, sb, quote, line = self._span(s, lo, max(b, t.idx + len(t.text)))
            self.slots.append(Slot(source=self.doc.id, slot="actor", head="say", args=words, value=name,
                                   quote=quote, start=sa, end=sb, line=line))
            return
        # 「…」と with any predicate (と強気の姿勢を見せた, と意気込んだ): the quotation is the topic's words
        for x, y in inner:
            if s.text[y + 1:y + 2] != "と":
                continue
            who = _topic_before_quote(s.text, y + 1, [p for p in people if p.titled or p.role])
            if who is None:
                continue
            name, a, b = who
            words = tuple(sorted({_fold(q.lemma) for q in toks if _content(q) and x <= q.idx < y} - {name}))
            if len(words) < 3:
                continue
            sa, sb, quote, line = self._span(s, a, y + 2)
            self.slots.append(Slot(source=self.doc.id, slot="actor", head="say", args=words, value=name,
                                   quote=quote, start=sa, end=sb, line=line))
            return


def _actor(toks: list[Tok], pred: Tok, people, children: dict[int, list[Tok]]):
    """The person who is the subject of ``pred`` (岸田首相が / は / も), or of the clause it ends:
    (name, start, end) in the sentence text, or None."""
    by_i = {t.i: t for t in toks}
    chain, t = [pred], pred
    while t.dep in ("advcl", "conj", "aux", "fixed") and t.head != t.i and len(chain) < 4:
        t = by_i[t.head]
        chain.append(t)
    down = [pred]  # a subject stated in an earlier clause of the same sentence (Xは…宣言し、…と語った)
    for _ in range(3):
        down = [c for d in down for c in children.get(d.i, []) if c.dep in ("advcl", "conj") and c.pos == "VERB"]
        chain += down
    for p in chain:
        for c in children.get(p.i, []):
            if c.dep not in ("nsubj", "obl", "nsubj:pass") or c.i > pred.i:
                continue
            if c.dep == "obl" and not any(k.dep == "case" and k.lemma in ("は", "が", "も")
                                          for k in children.get(c.i, [])):
                continue  # 加藤厚労相に指示: the one told, not the one who acts
            # the subject's own compound (鈴木啓司打上執行責任者は: a name before a title the lexicon lacks)
            lead = [k for k in children.get(c.i, []) if k.dep == "compound" and k.pos == "PROPN"]
            for m in people:  # a titled name only (岸田首相, テドロス氏): not a place read as a name
                if (m.titled or m.role) and m.start <= c.idx < max(m.end, m.role_end or 0) + 1:
                    return m.name, m.start, m.end
                if lead and any(m.start <= k.idx < m.end for k in lead) and c.idx - m.end <= 8:
                    return m.name, m.start, m.end
    # 「…」と語った豊田章男会長: the predicate modifies the person it is said of
    if pred.dep == "acl" and pred.head != pred.i:
        noun = by_i[pred.head]
        for m in people:
            if (m.titled or m.role) and m.start <= noun.idx < max(m.end, m.role_end or 0) + 1:
                return m.name, m.start, m.end
    return None


def _topic_before_quote(text: str, at: int, people):
    """「Xは…「…」と語った」 where a 。 inside the quotation split the parse: the person who is the topic
    just before the quotation that ends before ``at`` (鈴木啓司打上執行責任者は記者団に「…」)."""
    q0 = text.rfind("「", 0, at)
    while q0 > 0 and text.count("「", 0, q0) > text.count("」", 0, q0):
        q0 = text.rfind("「", 0, q0)  # the outermost quotation
    if q0 < 0:
        return None
    for m in sorted(people, key=lambda m: -m.end):
        if m.end <= q0 and re.match(r"[^、。「」]{0,12}?(?:は|が|も)[^。「」]{0,12}$", text[m.end:q0]):
            return m.name, m.start, m.end
    return None
