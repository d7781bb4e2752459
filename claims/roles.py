"""People, offices and places in one sentence.

Names come from the SudachiPy part-of-speech tags (人名, 地名) and from katakana runs that a
title or office marks as a person; offices come from a lexicon of Japanese office words, read
before the name (アメリカ国務長官ジョン・スミス) or after it (スミス米国務長官, スミス前大統領).
Nothing here knows any particular person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .parse import Tok
from . import lexicon as L

# office words, longest first when matched; generic Japanese vocabulary, no names
OFFICES = sorted("""
大統領 副大統領 首相 副首相 大臣 外務大臣 国防大臣 防衛大臣 財務大臣 内閣総理大臣 総理大臣 法務大臣 経済産業大臣 外相 国防相 防衛相 財務相 蔵相
法相 内相 経済相 官房長官 長官 国務長官 国防長官 財務長官 司法長官 商務長官 報道官 大統領報道官
補佐官 大統領補佐官 特使 顧問 大統領顧問 大使 議長 副議長 団長 主席 国家主席 総書記 書記長 委員長
事務総長 総長 上級代表 代表 知事 市長 町長 村長 総裁 社長 会長 監督 司令官 国王 女王 首席 局長
議員 上院議員 下院議員 党首 幹事長 報道局長 外交官 教授 所長 理事長 最高指導者 首脳
厚生労働大臣 厚労相 厚生労働相 文部科学大臣 文科相 文部科学相 農林水産大臣 農水相 国土交通大臣 国交相 環境大臣 環境相
総務大臣 総務相 経産相 デジタル大臣 デジタル相 復興大臣 復興相 防災担当大臣 防災担当相 経済再生担当相
経済財政担当相 こども政策担当相 少子化担当相 万博担当相 国家公安委員長 検事総長 最高裁長官 日銀総裁
""".split(), key=len, reverse=True)
# different words for one office, folded to the shorter form used in news copy
OFFICE_SYNONYMS = {"外務大臣": "外相", "防衛大臣": "防衛相", "財務大臣": "財務相", "国防大臣": "国防相",
                   "内閣総理大臣": "首相", "総理大臣": "首相", "法務大臣": "法相", "経済産業大臣": "経産相",
                   "厚生労働大臣": "厚労相", "厚生労働相": "厚労相", "文部科学大臣": "文科相", "文部科学相": "文科相",
                   "農林水産大臣": "農水相", "国土交通大臣": "国交相", "環境大臣": "環境相", "総務大臣": "総務相",
                   "デジタル大臣": "デジタル相", "復興大臣": "復興相", "防災担当大臣": "防災担当相"}
# offices held by one person per country at a time
UNIQUE_OFFICES = {"大統領", "副大統領", "首相", "副首相", "国務長官", "国防長官", "財務長官", "司法長官",
                  "商務長官", "官房長官", "外務大臣", "国防大臣", "防衛大臣", "財務大臣", "外相", "国防相",
                  "防衛相", "財務相", "法相", "厚労相", "文科相", "農水相", "国交相", "環境相", "総務相", "経産相",
                  "デジタル相", "復興相", "防災担当相", "経済再生担当相", "経済財政担当相", "こども政策担当相",
                  "少子化担当相", "万博担当相", "国家公安委員長", "検事総長", "最高裁長官", "日銀総裁", "国家主席", "主席", "総書記", "国王", "女王", "大統領報道官",
                  "事務総長", "知事", "市長", "最高指導者"}
COUNTRIES = {
    "米": "アメリカ", "米国": "アメリカ", "アメリカ": "アメリカ", "アメリカ合衆国": "アメリカ", "合衆国": "アメリカ",
    "露": "ロシア", "ロ": "ロシア", "ロシア": "ロシア", "ロシア連邦": "ロシア", "英": "イギリス", "英国": "イギリス",
    "イギリス": "イギリス", "仏": "フランス", "フランス": "フランス", "独": "ドイツ", "ドイツ": "ドイツ",
    "中": "中国", "中国": "中国", "日": "日本", "日本": "日本", "韓": "韓国", "韓国": "韓国", "北朝鮮": "北朝鮮",
    "伊": "イタリア", "イタリア": "イタリア", "加": "カナダ", "カナダ": "カナダ", "豪": "オーストラリア",
    "オーストラリア": "オーストラリア", "印": "インド", "インド": "インド", "ウクライナ": "ウクライナ",
    "ウ": "ウクライナ", "台湾": "台湾", "EU": "EU", "欧州連合": "EU",
}
COUNTRY_RE = "|".join(sorted(map(re.escape, COUNTRIES), key=len, reverse=True))
OFFICE_RE = "|".join(map(re.escape, OFFICES))
QUAL = r"[一-龥A-Za-z]{0,12}?"
AFTER = re.compile(rf"^(?P<status>前|元|現)?(?P<country>{COUNTRY_RE})?(?P<qual>{QUAL})(?P<office>{OFFICE_RE})")
BEFORE = re.compile(rf"(?:(?P<status>前|元|現)の?)?(?P<country>{COUNTRY_RE})?(?P<qual>{QUAL})(?P<office>{OFFICE_RE})"
                    rf"(?:の|である|で)?$")
COUNTRY_NO = re.compile(rf"(?P<country>{COUNTRY_RE})の$")
TITLES = ("氏", "さん", "様", "容疑者", "被告", "選手", "議員", "夫人")
KATAKANA = re.compile(r"^[ァ-ヴー]{2,}$")
PLACE_SUFFIX = ("地方", "半島", "諸島", "沖", "湾", "州", "県", "市", "町", "村", "区", "都", "府", "島", "郡")
# a country prefix followed by an office word that itself starts with the prefix's last kanji
RESPLIT = {"米国務": ("米", "国務"), "米国防": ("米", "国防"), "英国防": ("英", "国防"), "韓国防": ("韓", "国防")}


@dataclass
class PersonMention:
    name: str
    start: int  # in the sentence text
    end: int
    role: str | None = None
    qual: str | None = None
    country: str | None = None
    status: str | None = None
    role_start: int | None = None
    role_end: int | None = None
    titled: bool = False  # followed by 氏/さん or an office: evidence that this is a person


@dataclass
class PlaceMention:
    name: str
    start: int
    end: int
    kind: str  # country | city | region


def is_person_tag(t: Tok) -> bool:
    return "人名" in t.tag


def _name_like(t: Tok, known: set[str]) -> bool:
    if "地名" in t.tag:
        return False
    if is_person_tag(t):  # the dictionary's 人名 over the parser's part of speech (a name tagged ADV)
        return True
    return t.pos in ("NOUN", "PROPN") and (t.text in known or bool(KATAKANA.match(t.text)))


def _split_known(name: str, start: int, known_surnames: set[str], given: set[str]) -> list[tuple[str, int]]:
    """"A・B" where A and B are surnames of two different known people (A・B会談) is two people."""
    parts = name.split("・")
    if len(parts) >= 2 and all(p in known_surnames and p not in given for p in parts):
        out, pos = [], start
        for p in parts:
            out.append((p, pos))
            pos += len(p) + 1
        return out
    return [(name, start)]


def find_people(text: str, toks: list[Tok], known: set[str] = frozenset(),
                known_surnames: set[str] = frozenset(), given: set[str] = frozenset()) -> list[PersonMention]:
    """Person mentions with their office, country and status where the sentence states them."""
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(toks):
        if _name_like(toks[k], known):
            j = k
            while j + 2 < len(toks) and toks[j + 1].text == "・" and _name_like(toks[j + 2], known):
                j += 2
            # two name tokens side by side (山田 太郎, ジョン スミス) form one name
            while j + 1 < len(toks) and _name_like(toks[j + 1], known) and (
                    is_person_tag(toks[j]) and is_person_tag(toks[j + 1])):
                j += 1
            runs.append((toks[k].idx, toks[j].idx + len(toks[j].text)))
            k = j + 1
        else:
            k += 1
    people = []
    for s, e in runs:
        name = text[s:e]
        for o in OFFICES:  # a tokeniser that glued the title on (スミス大統領)
            if name.endswith(o) and len(name) > len(o) + 1:
                name, e = name[: -len(o)], e - len(o)
                break
        for part, ps in _split_known(name, s, known_surnames, given):
            pe = ps + len(part)
            m = _office_after(text, pe)
            # the tokeniser may cut a given name before 元/前 (松野博|一元官房長官): give it back
            glued = re.match(r"^([一-龥]{1,2})(元|前)", text[pe:pe + 3])
            if glued and is_person_tag(next((t for t in toks if t.idx < pe <= t.idx + len(t.text)), toks[0])) \
                    and _office_after(text, pe + len(glued.group(1))):
                part, pe = part + glued.group(1), pe + len(glued.group(1))
                m = _office_after(text, pe)
            # or glue 元/前 onto a surname (野田元|首相): a name of the corpus without it, then the office
            if m and len(part) >= 3 and part[-1] in "元前" and _office_after(text, pe - 1) and (
                    part[:-1] in known_surnames or any(k.startswith(part[:-1]) for k in known)):
                part, pe = part[:-1], pe - 1
                m = _office_after(text, pe)
            b = None if m else _office_before(text, ps)
            stated = None if m or b else _office_stated(text, pe)
            after = text[pe:pe + 4]
            if b and not after.startswith(TITLES) and "・" not in part and part not in known and not any(
                    is_person_tag(t) for t in toks if ps <= t.idx < pe):
                b = None  # 知事のパワーハラスメント, 大統領のスピーチ: an office's thing, not a person after it
            titled = after.startswith(TITLES) or m is not None or b is not None or stated is not None
            tagged = any(is_person_tag(t) for t in toks if ps <= t.idx < pe)
            if not (titled or tagged or part in known):
                continue
            pm = PersonMention(part, ps, pe, titled=titled)
            if m:
                _fill(pm, m)
                pm.role_start, pm.role_end = ps, pe + m.end()
            elif b:
                match, off = b
                _fill(pm, match)
                pm.role_start, pm.role_end = off + match.start(), pe
            elif stated:
                match, off = stated
                _fill(pm, match)
                pm.role_start, pm.role_end = ps, off + match.end()
            if pm.role and pm.role_start is not None and any(re.search(r"[\d０-９一二三四五六七八九十百]代$", w) for w in (
                    text[max(0, pm.role_start - 4):pm.role_start], text[max(0, pm.role_start - 3):pm.role_start + 1])):
                pm.status = None  # 第45代大統領: which holder in the line, not who holds it now
            if pm.country is None:
                c = COUNTRY_NO.search(text[max(0, ps - 8):ps])
                if c:
                    pm.country = COUNTRIES[c.group("country")]
                else:  # リトアニアの…首相: any token the tagger marks as a country
                    prev = [t for t in toks if t.idx + len(t.text) == ps - 1 and text[ps - 1:ps] == "の"]
                    if prev and "地名-国" in prev[0].tag:
                        pm.country = prev[0].text
            people.append(pm)
    return people


def _fill(pm: PersonMention, m: re.Match) -> None:
    country, qual, office = m.group("country"), m.group("qual") or "", m.group("office")
    if country and (country + qual)[:3] in RESPLIT:  # 米国務長官 = 米 + 国務長官
        combined = country + qual
        country = RESPLIT[combined[:3]][0]
        qual = combined[len(country):]
    if country and len(country) == 1 and qual and not qual.startswith(("国務", "国防")):
        qual, country = country + qual, None  # 中東担当特使 is not China's
    full = qual + office
    # fold a qualifier into the office when the compound is itself an office word (国務+長官)
    for o in OFFICES:
        if full.endswith(o) and len(o) > len(office):
            office, qual = o, full[: len(full) - len(o)]
            break
    pm.role = OFFICE_SYNONYMS.get(office, office)
    pm.qual = qual or None
    pm.country = COUNTRIES.get(country) if country else None
    pm.status = "former" if m.group("status") in ("前", "元") else "current"
    if (m.group("qual") or "").startswith("次期"):
        pm.status = None  # 次期大統領: the office-elect, neither sitting nor former


def _office_after(text: str, pos: int) -> re.Match | None:
    m = AFTER.match(text[pos:pos + 24])
    if m and m.group("office"):
        return m
    return None


# the office as the predicate of the name (サマーズ氏は元米財務長官、… / …は前大統領だ): the clause ends there
STATED = re.compile(r"^(?:氏|さん)?は(?=前|元|現)")


def _office_stated(text: str, pos: int) -> tuple[re.Match, int] | None:
    lead = STATED.match(text[pos:pos + 4])
    if not lead:
        return None
    off = pos + lead.end()
    m = _office_after(text, off)
    if m and text[off + m.end():off + m.end() + 1] in ("、", "。", "で", "だ", "）", ")"):
        return m, off
    return None


def _office_before(text: str, pos: int) -> tuple[re.Match, int] | None:
    off = max(0, pos - 24)
    window = text[off:pos]
    m = BEFORE.search(window)
    if m and m.group("office") and not window[m.start():].startswith(("、", "は", "が")):
        return m, off
    return None


# a dateline or byline: 【ワシントン=共同】, （ロンドン=藤原学思）, 〔ニューヨーク時事〕, [パリ 16日 ロイター]
_OPEN, _CLOSE = "（(【〔［[", "）)】〕］]"
DATELINE = re.compile(
    rf"[{re.escape(_OPEN)}][^{re.escape(_OPEN + _CLOSE)}\n]{{1,16}}?[=＝][^{re.escape(_OPEN + _CLOSE)}\n]{{1,24}}[{re.escape(_CLOSE)}]"
    rf"|[{re.escape(_OPEN)}][^{re.escape(_OPEN + _CLOSE)}\n]{{1,16}}?(?:{'|'.join(L.WIRES)})[{re.escape(_CLOSE)}]")


def datelines(text: str) -> list[tuple[int, int]]:
    """Spans of datelines and bylines: publication metadata, not the story's places or dates."""
    return [m.span() for m in DATELINE.finditer(text)]


def find_places(text: str, toks: list[Tok]) -> list[PlaceMention]:
    out = []
    meta = datelines(text)
    k = 0
    while k < len(toks):
        t = toks[k]
        if "地名" in t.tag or (t.text in COUNTRIES and len(t.text) > 1):
            j = k
            while j + 1 < len(toks) and "地名" in toks[j + 1].tag and toks[j + 1].idx == toks[j].idx + len(toks[j].text):
                j += 1
            while j + 1 < len(toks) and toks[j + 1].text in PLACE_SUFFIX and toks[j + 1].idx == toks[j].idx + len(toks[j].text):
                j += 1
            s, e = t.idx, toks[j].idx + len(toks[j].text)
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            surname = not ("国" in t.tag) and ((nxt is not None and "人名" in nxt.tag)
                                               or text[e:].startswith(TITLES + tuple(OFFICES)))
            in_meta = any(a <= s and e <= b for a, b in meta)
            org = text[e:].startswith(L.ORG_SUFFIXES + ("海",))  # 東京新聞 is an outlet, 日本海 a sea
            if surname or in_meta or org or re.fullmatch(r"[ぁ-ゖー]+", text[s:e]):
                k = j + 1  # 湯崎(英彦知事) is a person; ひろしま in brackets is a reading
                continue
            # 国のA / A県B / A県のB: keep the container with the place (サウジアラビアのリヤド)
            if out and (out[-1].kind in ("country", "region")) and (
                    out[-1].end == s or (out[-1].end + 1 == s and text[out[-1].end] == "の")):
                s = out.pop().start
            name = text[s:e]
            kind = "country" if (("国" in t.tag and s == t.idx and j == k) or name in COUNTRIES) else "city"
            if name.endswith(("州", "県", "都", "府")):
                kind = "region"
            out.append(PlaceMention(name, s, e, kind))
            k = j + 1
        else:
            k += 1
    return out


def place_parts(name: str) -> list[str]:
    """A place and the places the text says contain it: サウジアラビアのリヤド -> [サウジアラビア, リヤド]."""
    return list(_place_parts(name))


@lru_cache(maxsize=1 << 16)
def _place_parts(name: str) -> tuple[str, ...]:  # the rules ask for the same few places millions of times
    parts = [p for p in re.split(r"の|(?<=[州県府])", name) if p]
    return tuple(place_key(p) for p in parts) or (place_key(name),)


@lru_cache(maxsize=1 << 16)
def place_key(name: str) -> str:
    """Comparison key of a place: country aliases folded, administrative suffix dropped."""
    if name in COUNTRIES:
        return COUNTRIES[name]
    for suf in PLACE_SUFFIX:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name
