"""Page-level findings: template residue and statistics with no named source."""
from __future__ import annotations

import re
from collections import defaultdict

from claims.values import find_placeholders, quantities_agree

from .common import Corpus
from .figures import FigureIndex
from .records import Finding

STAT_UNITS = {"%"}
CODE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)


def placeholder_findings(corpus: Corpus) -> list[Finding]:
    out = []
    for sid, doc in sorted(corpus.docs.items()):
        code = [m.span() for m in CODE.finditer(doc.text)] if doc.format == "html" else []
        for start, end, text in find_placeholders(doc.text):
            if any(a <= start < b for a, b in code):
                continue  # a template string of the page's own script is not residue in the text
            out.append(Finding(type="placeholder", severity="warning", source=sid,
                               message=f"template residue 「{text}」 where a real value belongs",
                               evidence=[corpus.span(sid, start, end)]))
    return out


# a figure about what people think or do, the shape of a poll: the kind a page invents
SURVEY = re.compile(r"調査|アンケート|回答|世論|支持率|満足|人の割合|人に\d+人|人のうち|の人が|%の人|％の人|ユーザー|利用者の"
                    r"|ファンの|視聴者の|国民の|読者の")
# an attribution that names nobody: ある調査では, 各種調査より, 〜と言われています, ネット上では
VAGUE = re.compile(r"ある調査|各種調査|一部の調査|調査によれば|調査によると|と言われ|といわれ|ネット上|SNS上|"
                   r"専門家の間|関係者の間|一説に|某")


def unsourced_statistics(corpus: Corpus) -> list[Finding]:
    """A percentage nobody else gives: a warning when it has the shape of a poll or a vague source,
    info otherwise (absence of support alone is no evidence against it)."""
    out = []
    qs = [c for c in corpus.claims if c.kind == "quantity" and c.qualifiers.quantity
          and c.qualifiers.quantity.unit in STAT_UNITS]
    # another source's figure that agrees and is the same value or for the same measure word: looked
    # up by value, and by measure word and agreeing interval (a crowded figure has thousands of
    # neighbours that agree within rounding and share neither)
    same_value: dict[tuple, list] = defaultdict(list)
    for c in qs:
        q = c.qualifiers.quantity
        same_value[(c.predicate_class, q.unit, q.value)].append(c)
    by_measure = FigureIndex([(m, c) for c in qs for m in dict.fromkeys(c.qualifiers.measure)],
                             lambda t: (t[1].predicate_class, t[0]), lambda t: t[1].qualifiers.quantity)
    for c in qs:
        q = c.qualifiers.quantity
        if any(o.source != c.source and quantities_agree(o.qualifiers.quantity, q)
               for o in same_value[(c.predicate_class, q.unit, q.value)]) or any(
                o.source != c.source and quantities_agree(o.qualifiers.quantity, q)
                for m in dict.fromkeys(c.qualifiers.measure) for _, o in by_measure.candidates((m, c))):
            continue  # another source gives it for the same measure
        sentence = corpus.docs[c.source].text[c.sentence_start:c.sentence_end]
        vague = bool(VAGUE.search(sentence))
        if c.qualifiers.attributed and not vague:
            continue
        poll = bool(SURVEY.search(sentence))
        why = "a vaguely attributed" if vague else "a poll-like" if poll else "a"
        out.append(Finding(type="unsourced_statistic", severity="warning" if vague or poll else "info",
                           source=c.source,
                           message=f"{why} figure {q.text} with no named source and no other source giving it",
                           evidence=[corpus.evidence(c)], claims=[c.id]))
    return out


def _figures(corpus: Corpus, qs: list) -> FigureIndex:
    """The quantity claims by predicate class and unit, built once per corpus (its claims do not
    change): only figures that could agree are read, where a scan of all of them was quadratic."""
    if "figures" not in corpus._groups:
        corpus._groups["figures"] = FigureIndex(qs, lambda c: c.predicate_class, lambda c: c.qualifiers.quantity)
    return corpus._groups["figures"]


def unsupported_figures(corpus: Corpus, corroborated: set[str], already: set[str]) -> list[Finding]:
    """A count, duration or amount that no other source gives (same unit, agreeing value)."""
    out = []
    qs = [c for c in corpus.claims if c.kind == "quantity" and c.qualifiers.quantity]
    near = _figures(corpus, qs)
    for c in qs:
        q = c.qualifiers.quantity
        if c.id in corroborated or c.id in already or q.unit in STAT_UNITS or c.source in corpus.references:
            continue
        if any(o.source != c.source and o.predicate_class == c.predicate_class
               and quantities_agree(o.qualifiers.quantity, q) for o in near.candidates(c)):
            continue
        what = "・".join(c.qualifiers.measure[-2:]) or c.subject
        # no other source gives it: weak evidence, never a flag on its own
        out.append(Finding(type="unsupported_claim", severity="info", source=c.source,
                           message=f"figure {q.text} ({what}) appears in no other source",
                           evidence=[corpus.evidence(c)], claims=[c.id]))
    return out
