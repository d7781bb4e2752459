"""A document against its own figures: one count given twice, and a margin or a total that its
stated parts do not give.

- One count given twice: two figures of the same unit, with the same words before them, for what
  reads as the same count (two approximate figures, or two bounds).

- A margin (「約80万票の差」, 「14点差」, 「増益幅は1兆6000億円」, 「300万台の上積み」) must be the difference
  of two figures of the same unit that the document states (a final score 20対4 gives 16).
- A total (「計36人」, 「合計183人」, 「合わせて2500万円」) must be the sum of some of the figures of the
  same unit stated just before it (the same sentence, the two before, or the same table).

Only a document that states candidate figures is judged, and any pair or subset that fits clears
it: an error is raised only when nothing the document says can produce the figure.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict

from claims.models import Claim
from claims.values import quantities_agree

from .common import Corpus, shared
from .records import Finding

MARGIN_AFTER = re.compile(r"^(?:の|もの)?(?:差|大差|上積み)")
WIN_BY = re.compile(r"^差(?:で|の)(?:勝|快勝|圧勝|大勝|完勝|辛勝)")  # 14点差の大勝: a final margin
MARGIN_BEFORE = re.compile(r"(?:差は|差が|幅は|差を|上積みは)\s*(?:約|およそ)?$")
TOTAL_BEFORE = re.compile(r"(?:計|合計|合わせて|あわせて|合わせると|あわせると|総計|総数|総額|トータル|累計では)"
                          r"\s*(?:すると|で|は|が|なんと|、)*\s*(?:約|およそ|最大)?$")
# a total that sums what was just said (合計すると, 合わせると), not a count of its own (計10人)
SUM_BACK = re.compile(r"(?:合計すると|合わせると|あわせると|足すと)\s*(?:約|およそ)?$")
NEAR = 1  # sentences either side of a margin where the two figures it is the difference of are looked for


def _close(a: float, b: float, approx: bool) -> bool:
    tol = 0.06 if approx else 0.01
    return abs(a - b) <= tol * max(abs(a), abs(b), 1)


def _score_margins(claims: list[Claim]) -> list[float]:
    return [abs(c.qualifiers.quantity.value // 1000 - c.qualifiers.quantity.value % 1000)
            for c in claims if c.qualifiers.quantity.unit == "対"]


def arithmetic_findings(corpus: Corpus) -> list[Finding]:
    out: list[Finding] = []
    for source, claims in sorted(corpus.by_source.items()):
        if source in corpus.references:
            continue
        text = corpus.docs[source].text
        qs = sorted({c.start: c for c in claims if c.kind in ("quantity", "table") and c.qualifiers.quantity
                     and c.qualifiers.quantity.bound == "eq"}.values(), key=lambda c: c.start)
        order = {st: k for k, st in enumerate(sorted({c.sentence_start for c in qs}))}

        def near(c: Claim, o: Claim, same_sentence: bool) -> bool:
            """In a table of the document, or in the same sentence (a total's parts) or within NEAR
            sentences (a margin's two figures)."""
            if o.id == c.id:
                return False
            if o.qualifiers.table is not None:
                return True
            gap = abs(order[c.sentence_start] - order[o.sentence_start])
            return gap == 0 if same_sentence else gap <= NEAR

        for c in qs:
            q = c.qualifiers.quantity
            before, after = text[max(0, c.start - 8):c.start], text[c.end:c.end + 6]
            f = None
            if q.unit == "点":
                if WIN_BY.match(after):
                    f = _margin(corpus, c, [o for o in qs if near(c, o, False)])
            elif q.unit != "%" and (MARGIN_AFTER.match(after) or MARGIN_BEFORE.search(before)):
                # a lead stated as it grows (2分38秒差で…リードを4分17秒に拡大) is gaps, not the two
                # figures a gap is the difference of
                # a time gap is one runner's or team's against another's: its two figures are in its sentence
                # the two figures are in the margin's sentence, or the sentence before when it points
                # back (その差は24ポイント): a figure sentences away is of another round or measure
                back = bool(BACK.search(text[max(0, c.start - 12):c.start])) and q.unit not in DURATIONS
                f = _margin(corpus, c, [o for o in qs if near(c, o, not back) and not _gap(text, o)])
            elif TOTAL_BEFORE.search(before):
                parts = [o for o in qs if near(c, o, True) and o.start < c.start
                         and o.qualifiers.quantity.unit == q.unit and o.qualifiers.quantity.value < q.value]
                if len(parts) < 2 and SUM_BACK.search(before):
                    # 少人数会合が約30分、拡大会合が約55分。合計すると約2時間: the sentence before
                    parts += [o for o in qs if o.qualifiers.table is None and order[o.sentence_start] + 1
                             == order[c.sentence_start] and o.qualifiers.quantity.unit == q.unit
                             and o.qualifiers.quantity.value < q.value and _adjacent(text, o, c)]
                if parts and max(p.qualifiers.quantity.value for p in parts) >= 0.2 * q.value \
                        and not any(_rate(text, p) for p in parts):
                    f = _total(corpus, c, parts)
                    if f is not None:
                        # a part may be in the sentence before (金メダルは20個。…銀12個、銅13個を合わせた総数45個)
                        before_parts = [o for o in qs if o.qualifiers.table is None and order[o.sentence_start] + 1
                                        == order[c.sentence_start] and o.qualifiers.quantity.unit == q.unit
                                        and o.qualifiers.quantity.value < q.value and _adjacent(text, o, c)]
                        extra = [o for o in before_parts if o.id not in {p.id for p in parts}]
                        if extra and _total(corpus, c, sorted(extra + parts, key=lambda o: o.start)) is None:
                            f = None
            if f:
                out.append(f)
    return out


# a figure per head or each (1人2ポイント, 各1議席, それぞれ185ポイント, 3人ずつ): the total is a weighted
# sum of counts the sentence gives in other words, not a sum of the figures themselves
RATE_BEFORE = re.compile(r"(?:(?:^|[^\d０-９])[1１一](?:人|件|票|台|社|校|枚|回|本|個|世帯|議席|団体|チーム|か所|カ所|箇所)"
                         r"(?:あたり|当たり|につき)?|各|それぞれ|ずつ|一律)\s*(?:約)?$")


GAP_AFTER = re.compile(r"^(?:差|のリード|(?:に|まで)(?:拡大|広げ|縮め|広が|縮ま))")
GAP_BEFORE = re.compile(r"(?:差を|差は|差が|リードを|リードは|リードも)\s*(?:約|およそ)?$")
DURATIONS = {"秒", "分", "時間", "日"}
BACK = re.compile(r"(?:その|この|両者の|両氏の|両党の|両陣営の)差")


def _gap(text: str, c: Claim) -> bool:
    """A figure that is itself a gap or a lead (2分38秒差, リードを4分17秒に拡大), not one side of one."""
    return bool(GAP_AFTER.match(text[c.end:c.end + 6]) or GAP_BEFORE.search(text[max(0, c.start - 8):c.start]))


def _rate(text: str, c: Claim) -> bool:
    return bool(RATE_BEFORE.search(text[max(0, c.start - 6):c.start])) or text[c.end:c.end + 2] == "ずつ"


ROUND = re.compile(r"決選|[1１一2２二3３三]回目|初回|前回|今回|予選|準決勝|決勝|第[0-9０-９一二三四五六七八九十]+(?:回|戦|局|ラウンド)")


def _rounds(text: str, c: Claim) -> set[str]:
    """The round or occasion words of a figure's clause (from the last 、 or 。 before it)."""
    head = text[max(c.sentence_start, c.start - 40):c.start]
    clause = re.split(r"[、。]", head)[-1]
    return {unicodedata.normalize("NFKC", m.group(0)) for m in ROUND.finditer(clause)}


def _adjacent(text: str, o: Claim, c: Claim) -> bool:
    """The sentence of ``o`` runs straight into that of ``c`` (no blank line, heading or list between)."""
    return "\n\n" not in text[o.sentence_end:c.sentence_start] and c.sentence_start - o.sentence_end <= 4


def _margin(corpus: Corpus, c: Claim, others: list[Claim]) -> Finding | None:
    q = c.qualifiers.quantity
    if q.unit == "点":
        margins = _score_margins(others)
        if not margins:
            return None
        if any(_close(m, q.value, q.approx) for m in margins):
            return None
        score = next(o for o in others if o.qualifiers.quantity.unit == "対")
        return _finding(corpus, c, [score], f"a margin of {q.text}, but the document's own score "
                                             f"{score.qualifiers.quantity.text} gives {margins[0]:g}")
    # a margin of one round is not the difference of another round's figures (1回目の投票では…27票の差
    # beside 決選投票で215票対194票)
    text = corpus.docs[c.source].text
    mine = _rounds(text, c)
    if mine:
        others = [o for o in others if not (_rounds(text, o) and not (_rounds(text, o) & mine))]
    # a gap in points (その差は24ポイント) is one between two percentages as well as two point figures
    units = {q.unit, "%"} if q.unit == "pt" else {q.unit}
    same = [o for o in others if o.qualifiers.quantity.unit in units and o.qualifiers.quantity.value > q.value]
    if len(same) < 2:
        return None
    pairs = list(itertools.combinations(same, 2))
    if any(_close(abs(a.qualifiers.quantity.value - b.qualifiers.quantity.value), q.value,
                  q.approx or a.qualifiers.quantity.approx or b.qualifiers.quantity.approx) for a, b in pairs):
        return None
    # the pair whose difference comes nearest the stated one: the figures a reader checks it against
    a, b = min(pairs, key=lambda ab: (abs(abs(ab[0].qualifiers.quantity.value - ab[1].qualifiers.quantity.value)
                                          - q.value), ab[0].start, ab[1].start))
    if a.qualifiers.quantity.value < b.qualifiers.quantity.value:
        a, b = b, a
    diff = a.qualifiers.quantity.value - b.qualifiers.quantity.value
    return _finding(corpus, c, [a, b], f"a difference of {q.text}, but no two of the document's own figures "
                                       f"differ by that (the nearest, {a.qualifiers.quantity.text} and "
                                       f"{b.qualifiers.quantity.text}, differ by {diff:,.4g})")


def _total(corpus: Corpus, c: Claim, parts: list[Claim]) -> Finding | None:
    q = c.qualifiers.quantity
    parts = parts[-8:]
    if len(parts) < 2:
        return None
    values = [p.qualifiers.quantity.value for p in parts]
    approx = q.approx or any(p.qualifiers.quantity.approx for p in parts)
    for k in range(2, len(values) + 1):
        if any(_close(sum(s), q.value, approx) for s in itertools.combinations(values, k)):
            return None
    # items the list names without a figure count one each: 総裁と副総裁2人、審議委員6人の合わせて9人
    text = corpus.docs[c.source].text
    lead = text[max(c.sentence_start, parts[0].start - 12):parts[0].start]
    unnumbered = len(re.findall(r"[\u4e00-\u9fff\u30a0-\u30ffー](?:と|や)(?=[\u4e00-\u9fff\u30a0-\u30ffー])", lead))
    if unnumbered and _close(sum(values) + unnumbered, q.value, approx):
        return None
    return _finding(corpus, c, parts[-3:], f"a total of {q.text}, but no sum of the figures stated before it "
                                           f"({', '.join(p.qualifiers.quantity.text for p in parts[-4:])}) gives it")


def _finding(corpus: Corpus, c: Claim, others: list[Claim], message: str) -> Finding:
    return Finding(type="internal_contradiction", severity="error", source=c.source, message=message,
                   evidence=[corpus.evidence(c)] + [corpus.evidence(o) for o in others], claims=[c.id])


REVISION = ("当初", "推計", "精査", "修正", "速報", "確定", "暫定", "最終", "更新", "上方", "下方", "改め", "見直",
            "時点", "その後", "後に", "のちに", "一時")


def _revised(corpus: Corpus, c: Claim) -> bool:
    """A figure said to be an estimate, a first count or a revision (当初推計, 精査後, 速報値, 3月上旬時点)."""
    text = corpus.docs[c.source].text
    near = text[max(c.sentence_start, c.start - 16):min(c.sentence_end, c.end + 16)]
    return any(w in near for w in REVISION)


YEAR = re.compile(r"((?:19|20)\d\d)年")


def _main_years(corpus: Corpus) -> dict[str, str]:
    """Each document's most frequent year among its claims' dates: the year it is about."""
    years: dict[str, Counter] = defaultdict(Counter)
    for c in corpus.claims:
        if c.qualifiers.time and c.qualifiers.time[:1].isdigit():
            years[c.source][c.qualifiers.time[:4]] += 1
    return {src: min(cnt.items(), key=lambda kv: (-kv[1], kv[0]))[0] for src, cnt in years.items()}


def _of_another_year(corpus: Corpus, a: Claim, b: Claim, main_year: dict[str, str]) -> bool:
    """The sentence of ``a`` names years, none of them the document's own year nor one that the
    sentence of ``b`` names."""
    text = corpus.docs[a.source].text
    ya = set(YEAR.findall(text[a.sentence_start:a.sentence_end]))
    yb = set(YEAR.findall(text[b.sentence_start:b.sentence_end]))
    return bool(ya) and main_year.get(a.source) not in ya and not (ya & yb)


LEAD_TOPIC = re.compile(r"(?:、|これに対し|一方|他方|また)\s*([^\s　、。はがもの「」（）()：:|]{2,12}?)は")
TOPIC = re.compile(r"[\s　#*\-・>|]*([^\s　、。はがもの「」（）()：:|]{2,24}?)(?:は|が)")


def _topic(corpus: Corpus, c: Claim) -> str:
    """What the claim's paragraph (its line) is about: the topic of its first sentence (Xは, Xが)."""
    text = corpus.docs[c.source].text
    start = text.rfind("\n", 0, c.start) + 1
    head = re.sub(r"<[^>]*>", "", text[start:start + 80])  # an HTML paragraph's tags
    m = TOPIC.match(head)
    if m and not m.group(1).startswith("<"):
        return m.group(1)
    # a lead-in before the topic (特捜部の発表によると、安倍派は…; これに対し二階派は…)
    m = LEAD_TOPIC.search(head[:50])
    return m.group(1) if m else ""


def _siblings(a: str, b: str) -> bool:
    """Two things of one kind (パリセーズ火災, イートン火災; 1回目の投票, 決選投票): the same last two
    characters, neither the other's ending."""
    if not (a and b) or a == b or a.endswith(b) or b.endswith(a):
        return False
    # 火災 / 火災, or one kanji of kind after names of three characters or more (安倍派, 二階派)
    return a[-2:] == b[-2:] or (min(len(a), len(b)) >= 3 and a[-1] == b[-1] and "\u4e00" <= a[-1] <= "\u9fff")


THRESHOLD = re.compile(r"(?:可能|必要|条件|基準|ライン|目安|要件)(?:と(?:なる|される)|に(?:なる|なった))?[なの]?$")


def _threshold(corpus: Corpus, c: Claim) -> bool:
    """A bound introduced as a threshold (…が可能となる21議席以上, 必要な3分の2以上): a rule's figure."""
    return bool(THRESHOLD.search(corpus.docs[c.source].text[max(0, c.start - 12):c.start]))


WHOLE = re.compile(r"合わせ|合計|総計|総額|総数|全体|(?<![画測算設])計|通算|累計|含め|含む|含んで")


def _whole(corpus: Corpus, c: Claim) -> bool:
    """A figure said of a whole (合わせた高さ, 合計, 通算, 含めると), in its sentence just before it."""
    return bool(WHOLE.search(corpus.docs[c.source].text[max(c.sentence_start, c.start - 20):c.start]))


RATIO = 2  # one approximate count misstated is off by less than a factor of two; 約120メートル and 約50メートル are two measures


def repeated_count_findings(corpus: Corpus) -> list[Finding]:
    """One document giving two values for what reads as the same count.  Exact figures in one careful
    text are usually different counts (two rounds of a vote), so only approximate figures sharing a
    measure word, or two bounds (N以上), are compared."""
    qs = [c for c in corpus.claims if c.kind == "quantity" and c.qualifiers.quantity]
    by_doc: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    by_measure: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in qs:
        by_doc[(c.predicate_class, c.source)].append(c)
        for m in set(c.qualifiers.measure):
            if c.qualifiers.quantity.approx:
                by_measure[(c.predicate_class, m, c.source)].append(c)
    pools = [[c for c in claims if c.qualifiers.quantity.bound in ("ge", "le")] for claims in by_doc.values()]
    pools += list(by_measure.values())  # approximate figures of one document sharing a measure word
    inside = {(a, b) if a.start < b.start else (b, a) for pool in pools for a, b in itertools.combinations(pool, 2)}
    out = []
    main_year = _main_years(corpus)
    for a, b in sorted(inside, key=lambda p: (p[0].source, p[0].start, p[1].start)):
        qa, qb = a.qualifiers, b.qualifiers
        lo, hi = sorted((qa.quantity.value, qb.quantity.value))
        if lo <= 0 or hi / lo > (10 if qa.quantity.bound != "eq" else RATIO):  # two bounds: 10回以上 / 30回以上
            continue  # 約1000人超 and 2800人超 (two counts of a rising toll), 約10km and 約60km: not one count misstated
        if a.sentence_start == b.sentence_start or set(qa.partners) != set(qb.partners) \
                or qa.owner != qb.owner \
                or qa.quantity.bound != qb.quantity.bound or quantities_agree(qa.quantity, qb.quantity):
            continue
        if qa.quantity.bound != "eq" and _threshold(corpus, a) and _threshold(corpus, b):
            continue  # 法案提出が可能となる21議席以上 and …11議席以上: two named thresholds, not one count
        if _of_another_year(corpus, a, b, main_year) or _of_another_year(corpus, b, a, main_year):
            continue  # 1万2000人以上が死亡した1960年の地震: a figure of another occasion
        if _siblings(_topic(corpus, a), _topic(corpus, b)):
            continue  # パリセーズ火災は… and イートン火災は…: each paragraph's figure is of its own fire
        if _whole(corpus, a) != _whole(corpus, b):
            continue  # 1段目と2段目を合わせた高さが約120メートル and 1段目は約71メートル: a whole and a part
        if _revised(corpus, a) or _revised(corpus, b):
            continue  # 当初の推計で約2,900ha、精査後に約3,370ha: one count, revised, not misstated
        kw = shared(qa.keywords, qb.keywords)
        ma, mb = set(qa.measure), set(qb.measure)
        same_measure = bool(ma & mb) and len(ma & mb) / len(ma | mb) >= 0.3
        if not same_measure and (kw < 3 or kw / (len(set(qa.keywords) | set(qb.keywords)) or 1) < 0.2):
            continue
        out.append(Finding(
            type="internal_contradiction", severity="error", source=a.source,
            message=(f"the document gives {qa.quantity.text} and, elsewhere, {qb.quantity.text} "
                     f"for what reads as the same count"),
            evidence=[corpus.evidence(a), corpus.evidence(b)], claims=[a.id, b.id]))
    return out
