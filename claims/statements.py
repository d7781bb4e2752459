"""Reported speech: 「…」と述べた, …と発表した, 〜との見通しを示した -> speaker, speech act, content.

A mixin of :class:`claims.extract.DocExtractor`; it reads one parsed sentence at a time.
"""
from __future__ import annotations

import re

from . import lexicon as L
from .models import Qualifiers
from .parse import Tok
from .roles import PersonMention
from .segment import quoted_spans


class StatementReader:
    def statements(self, s, toks, people, ctx, time, keywords) -> PersonMention | None:
        text = s.text
        first_speaker = None
        self._reported: list[tuple[str, int, int]] = []  # (speaker, content start, verb) in this sentence
        for t in toks:
            act = L.SPEECH.get(t.lemma)
            if not act and t.lemma in L.QUOTE_SPEECH and re.search(
                    r"」と(胸を)?$" if t.lemma == "張る" else r"」と[^「」『』。、]{0,6}$", text[:t.idx]):
                act = L.QUOTE_SPEECH[t.lemma]
            if not act or t.pos not in ("VERB", "NOUN", "ADJ"):
                continue
            nxt = [x.lemma for x in toks[t.i + 1:t.i + 3]]
            ends = nxt[:1] in ([], ["。"], ["、"]) and text[:t.idx].endswith("」と")  # 「…」と陳謝。
            if t.pos == "NOUN" and not (nxt[:1] == ["する"] or ends or (t.lemma == "明らか" and nxt == ["に", "する"])):
                continue  # 主張 in "主張について" is a noun, not a speech act
            content = [c for c in toks if c.head == t.i and c.dep in ("ccomp", "obj") and c.i < t.i]
            c_start = min((self._leftmost(toks, c.i) for c in content), default=t.i)
            c_end = max((c.i for c in content), default=t.i)
            # 「…」と(記者団に)述べた: the quotation is the content, whatever the parse says
            quote = next(((a, b) for a, b in quoted_spans(text)
                          if b <= t.idx and re.fullmatch(r"と[^「」『』。]{0,12}", text[b:t.idx])), None)
            if quote:
                inq = [x for x in toks if quote[0] <= x.idx < quote[1]]
                if inq:
                    content = inq
                    c_start, c_end = inq[0].i, inq[-1].i
            cands = [p for p in people if p.end <= toks[c_start].idx + 1 and
                     re.sub(r"^（[^）]{1,12}）", "", text[(p.role_end if p.role_end and p.role_end > p.end
                                                        else p.end):][:16])[:3].lstrip("氏さん")
                     .startswith(("は", "が", "も", "、"))]
            # a main-clause verb takes the topic (Xは), a verb inside a relative clause its が-subject
            def marker(p):
                end = p.role_end if p.role_end and p.role_end > p.end else p.end
                rest = re.sub(r"^（[^）]{1,12}）", "", text[end:end + 16])  # 栗山英樹監督（61）は
                return rest.lstrip("氏さん")[:1]
            topic = [p for p in cands if marker(p) == "は"]
            ga = [p for p in cands if marker(p) in ("が", "も")]
            # "Xが…と述べたこと": the parser may fold the relative clause's subject into the content
            lead = [p for p in people if toks[c_start].idx <= p.start < toks[c_start].idx + 2 and marker(p) == "が"]
            # the parser often hangs the speaker's topic on the reported verb: take it back out
            if not quote and not topic:
                inner = [p for p in people if toks[c_start].idx <= p.start < toks[c_end].idx and marker(p) in ("は", "も")]
                if not inner and t.dep not in ("acl", "advcl", "csubj"):
                    # the subject may follow a topic or a setting of its own (日本では林官房長官が…と述べた)
                    inner = [p for p in people if toks[c_start].idx <= p.start < toks[c_end].idx
                             and marker(p) == "が" and (p.start <= toks[c_start].idx + 1 or re.fullmatch(
                                 r"[^「」『』、。]{0,10}(?:では|には|は|で)、?", text[toks[c_start].idx:p.start]))]
                if inner:
                    topic = [inner[0]]
                    end = inner[0].role_end if inner[0].role_end and inner[0].role_end > inner[0].end else inner[0].end
                    while c_start < c_end and toks[c_start].idx < end + 1:
                        c_start += 1
                    lead = []
            named_after = self._named_after(text, t, people) if quote else None
            if named_after is not None:
                speaker = named_after  # 「…」と語ったイーロン・マスクCEO, 「…」と投稿したのは、N氏
            elif t.dep in ("acl", "advcl", "csubj") and lead:
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
                # 岡田匡史プロジェクトマネージャは: a person with a title the lexicon does not know
                named = [p for p in people if speaker and speaker.start <= p.start < speaker.end]
                if named:
                    speaker = named[0]
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
    def _named_after(text: str, t: Tok, people) -> PersonMention | None:
        """The speaker a relative clause or a cleft names after its verb: 「…」と語った山田太郎氏は,
        「…」と投稿したのは、社外取締役の山田氏だった; not someone of theirs (山田氏の妻), though
        their words (山田氏の言葉どおり) are theirs."""
        verb_end = t.idx + len(t.text)
        for p in sorted(people, key=lambda p: p.start):
            begin = min(p.start, p.role_start if p.role_start is not None else p.start)
            if begin < verb_end:
                continue
            gap = text[verb_end:begin]
            if not re.fullmatch(r"(っ|し|して|てい|ってい|してい|してき)?た(のは、?)?[^、。「」『』]{0,12}", gap):
                return None
            end = max(p.end, p.role_end or p.end)
            kin = re.match(r"[氏さん]*の(妻|夫|息子|娘|母|父|兄|弟|姉|妹|家族|側近|弁護士|秘書|代理人|関係者|事務所|陣営|広報)",
                           text[end:end + 8])
            return None if kin else p
        return None

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
        """A negation among the auxiliaries after a predicate (しなかった, していません, されず)."""
        for t in toks[i + 1:i + 7]:
            if t.lemma in L.NEGATORS and t.pos in ("AUX", "ADJ"):
                return True
            if t.pos not in ("AUX", "SCONJ", "VERB", "PART") or t.dep not in ("aux", "mark", "cop", "fixed"):
                break
        return False

