"""Values found in sentences: quantities (counts, amounts, durations, ratios, scores) and placeholders.

Dates are read in :mod:`claims.dates`; ``find_dates`` is importable from here as well.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DateValue, find_dates  # noqa: F401  (dates live in claims.dates; read from here too)
from .models import Quantity
from .numbers import ARABIC, KANJI, NUMBER, half_width, parse_number

# --- quantities -------------------------------------------------------------------------------

UNITS = {
    "時間": ("分", 60), "分間": ("分", 1), "分": ("分", 1), "秒": ("秒", 1),
    "日間": ("日", 1), "週間": ("日", 7), "か月": ("月", 1), "カ月": ("月", 1), "ヶ月": ("月", 1), "ケ月": ("月", 1),
    "年間": ("年", 1), "年ぶり": ("年", 1),
    "回": ("回", 1), "度": ("回", 1), "人": ("人", 1), "名": ("人", 1), "%": ("%", 1),
    "パーセント": ("%", 1), "ポイント": ("pt", 1), "倍": ("倍", 1), "発": ("発", 1), "件": ("件", 1), "棟": ("棟", 1),
    "平方キロメートル": ("km2", 1), "平方メートル": ("m2", 1), "立方メートル": ("m3", 1), "ヘクタール": ("ha", 1),
    "キロメートル": ("km", 1), "キロ": ("km", 1), "km": ("km", 1), "メートル": ("m", 1), "センチ": ("m", 0.01),
    "キログラム": ("kg", 1), "トン": ("kg", 1000), "リットル": ("L", 1),
    "ドル": ("ドル", 1), "円": ("円", 1), "ユーロ": ("ユーロ", 1), "ウォン": ("ウォン", 1), "元": ("元", 1),
    "カ国": ("国", 1), "か国": ("国", 1), "ヶ国": ("国", 1), "州": ("州", 1), "機": ("機", 1), "割": ("%", 10),
    "隻": ("隻", 1), "台": ("台", 1), "票": ("票", 1), "議席": ("議席", 1), "枚": ("枚", 1), "個": ("個", 1),
    "社": ("社", 1), "店舗": ("店", 1), "校": ("校", 1), "世帯": ("世帯", 1), "戸": ("戸", 1), "歳": ("歳", 1),
    "試合": ("試合", 1), "勝": ("勝", 1), "敗": ("敗", 1), "点": ("点", 1), "本": ("本", 1), "階": ("階", 1),
    "匹": ("匹", 1), "頭": ("頭", 1), "羽": ("羽", 1), "便": ("便", 1), "例": ("例", 1), "部門": ("部門", 1),
    "冠": ("冠", 1), "作品": ("作品", 1),
    "チーム": ("チーム", 1), "安打": ("安打", 1), "本塁打": ("本塁打", 1), "打点": ("打点", 1), "盗塁": ("盗塁", 1),
    "三振": ("三振", 1), "奪三振": ("三振", 1), "打数": ("打数", 1), "手": ("手", 1), "局": ("局", 1), "位": ("位", 1),
    "ミリメートル": ("mm", 1), "ミリ": ("mm", 1), "mm": ("mm", 1), "センチメートル": ("m", 0.01), "cm": ("m", 0.01),
    "平方キロ": ("km2", 1), "か所": ("か所", 1), "カ所": ("か所", 1), "ヶ所": ("か所", 1), "箇所": ("か所", 1),
    "県": ("県", 1), "都道府県": ("県", 1), "市町村": ("市町村", 1), "自治体": ("自治体", 1), "基": ("基", 1),
    "両": ("両", 1), "製品": ("製品", 1), "品目": ("品目", 1), "種類": ("種類", 1), "周年": ("周年", 1), "泊": ("泊", 1),
    "m": ("m", 1), "kg": ("kg", 1), "ｍ": ("m", 1), "ｋｍ": ("km", 1), "ｋｇ": ("kg", 1), "部隊": ("部隊", 1), "団体": ("団体", 1), "選手": ("人", 1), "駅": ("駅", 1),
    # more counters and units of everyday reporting
    "ha": ("ha", 1), "球": ("球", 1), "得点": ("点", 1), "口座": ("口座", 1), "店": ("店", 1), "軒": ("軒", 1),
    "施設": ("施設", 1), "機関": ("機関", 1), "医療機関": ("機関", 1), "病院": ("病院", 1), "企業": ("社", 1),
    "種目": ("種目", 1), "競技": ("競技", 1), "杯": ("杯", 1), "曲": ("曲", 1), "冊": ("冊", 1), "巻": ("巻", 1),
    "ページ": ("ページ", 1), "路線": ("路線", 1), "区間": ("区間", 1), "選挙区": ("選挙区", 1), "議案": ("件", 1),
    "つ": ("個", 1), "GB": ("GB", 1), "TB": ("GB", 1000), "MB": ("GB", 0.001), "ギガバイト": ("GB", 1),
    "キロワット": ("kW", 1), "kW": ("kW", 1), "万キロワット": ("kW", 10000), "ワット": ("kW", 0.001),
    "ノット": ("ノット", 1), "マイル": ("マイル", 1), "フィート": ("フィート", 1), "インチ": ("インチ", 1),
    "℃": ("℃", 1), "ベクレル": ("ベクレル", 1), "シーベルト": ("シーベルト", 1), "ミリシーベルト": ("シーベルト", 0.001),
    "ポンド": ("ポンド", 1), "ルーブル": ("ルーブル", 1), "ルピー": ("ルピー", 1), "クローナ": ("クローナ", 1),
    "スウェーデン・クローナ": ("クローナ", 1), "人民元": ("元", 1), "フラン": ("フラン", 1), "バーツ": ("バーツ", 1),
    "ドン": ("ドン", 1), "ペソ": ("ペソ", 1), "リラ": ("リラ", 1), "台湾ドル": ("台湾ドル", 1), "香港ドル": ("香港ドル", 1),
    "ユニット": ("ユニット", 1), "ゴール": ("点", 1), "トライ": ("トライ", 1), "アシスト": ("アシスト", 1),
    "リバウンド": ("リバウンド", 1), "イニング": ("回", 1), "回戦": ("回戦", 1), "連勝": ("連勝", 1), "連敗": ("連敗", 1),
    "連覇": ("連覇", 1), "大会": ("大会", 1), "ヵ国": ("国", 1), "カ国・地域": ("国", 1), "か国・地域": ("国", 1),
}
UNIT_RE = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
NUM = rf"(?:{NUMBER})"
QTY = re.compile(
    rf"(?P<approx>約|およそ|ほぼ|推定|最大|最高|最低|少なくとも|概ね|おおむね)?(?P<rate>年間|1日|毎年|月間)?"
    rf"(?P<a>{NUM})(?:\s*[〜~～\-－]\s*(?P<b>{NUM}))?\s*(?P<unit>{UNIT_RE})(?P<half>半)?"
    rf"(?:(?P<c>{NUM})(?P<unit2>分))?(?:(?P<sec>{NUM})秒)?"
    rf"(?P<bound>以上|超|余り|あまり|以下|未満|以内|前後|程度|強|弱|近く|足らず|ほど)?"
)
# 2年2カ月, 約33年, 47年7か月, 1年半, 8年以上: a span of years (in years; a date never takes 約 or カ月)
YEARS = re.compile(
    rf"(?P<approx>約|およそ|ほぼ|実に)?(?P<a>{NUM})年(?:(?P<half>半)|(?P<m>{NUM})\s*(?:か|カ|ヶ|ケ)月)?"
    rf"(?P<bound>以上|超|余り|あまり|以下|未満|前後|程度|近く|足らず)?")
# 半年, 約半年間, 半年以上: half a year (上半年 and 半年後 excepted: a half of the year, a point in time)
HALF_YEAR = re.compile(r"(?<![上下前後])(?P<approx>約|およそ|ほぼ)?半年(?:間|ぶり)?(?!後|前|度)"
                       r"(?P<bound>以上|超|余り|あまり|以下|未満|以内|前後|程度|近く|足らず)?")
FRACTION = re.compile(rf"(?P<approx>約|およそ)?(?P<d>{ARABIC}|{KANJI})分の(?P<n>{ARABIC}|{KANJI})")


MAGNITUDE = re.compile(r"(?:マグニチュード|(?<![A-Za-z])M)\s*(?:[（(]M[）)])?\s*(?:は|が)?\s*(?P<a>\d+(?:\.\d+)?)")
SCORE = re.compile(r"(?<![\d.])(?P<a>\d{1,3})\s*(?:対|―|－)\s*(?P<b>\d{1,3})(?![\d.])")
SEISMIC = re.compile(r"震度\s*(?P<a>[1-7])\s*(?P<pm>強|弱)?")


def _num(s: str) -> float:
    value = parse_number(s)
    if value is None:
        raise ValueError(s)
    return value


def _years(value: float, m: re.Match, original: str) -> Quantity:
    """A span of years with its approximation and bound: 約33年, 1年あまり (at least), 半年近く (at most)."""
    bound = {"以上": "ge", "超": "ge", "余り": "ge", "あまり": "ge", "以下": "le", "未満": "le", "以内": "le",
             "近く": "le", "足らず": "le"}.get(m.group("bound") or "", "eq")
    return Quantity(value=round(value, 4), unit="年", text=original[m.start():m.end()], bound=bound,
                    approx=bool(m.group("approx")) or m.group("bound") in ("前後", "程度", "近く", "足らず"))


@dataclass
class QuantityValue:
    quantity: Quantity
    start: int
    end: int
    rate: bool = False


def find_quantities(text: str) -> list[QuantityValue]:
    """Counts, amounts, durations, ratios and scores; a figure that cannot be read is no claim."""
    out = []
    original, text = text, half_width(text)  # same length: offsets hold for the original
    for m in FRACTION.finditer(text):  # 3分の1: a share, in percent
        d, n = parse_number(m.group("d")), parse_number(m.group("n"))
        if d and n is not None and n <= d:
            q = Quantity(value=round(100 * n / d, 4), unit="%", approx=bool(m.group("approx")),
                         text=original[m.start():m.end()])
            out.append(QuantityValue(q, m.start(), m.end()))
    for m in HALF_YEAR.finditer(text):
        out.append(QuantityValue(_years(0.5, m, original), m.start(), m.end()))
    for m in YEARS.finditer(text):
        if not (m.group("approx") or m.group("half") or m.group("m") or m.group("bound")):
            continue  # 2018年 is a year
        try:
            a = _num(m.group("a"))
            months = _num(m.group("m")) if m.group("m") else (6.0 if m.group("half") else 0.0)
        except ValueError:
            continue
        nxt = text[m.end():m.end() + 1]
        if not 0 < a < 200 or months >= 12 or (nxt and nxt in "度月") or (nxt == "間" and not months) or (
                nxt == "ぶ" and not m.group("half")):
            continue  # 2024年3月, 2023年度: dates and fiscal years; 6年間 and 17年ぶり are read below
        out.append(QuantityValue(_years(a + months / 12, m, original), m.start(), m.end()))
    for m in QTY.finditer(text):
        if any(v.start <= m.start() < v.end for v in out):
            continue
        unit, factor = UNITS[m.group("unit")]
        before, after = text[max(0, m.start() - 1):m.start()], text[m.end():m.end() + 1]
        if before == "第" or after == "厘" or (unit == "分" and before == "割") or (
                m.group("unit") == "割" and m.group("c")):
            continue  # 第5回 is an edition; 4割3分5厘 is a batting average
        if m.group("unit").isascii() and m.group("unit").isalpha() and re.match(r"[A-Za-z]", after):
            continue  # 5mg, 3kms: another unit, or a word
        if re.match(r"\d", after) and not m.group("c") and not m.group("sec") and m.group("unit") in ("m", "ｍ"):
            continue  # a figure that runs on past its unit is not read at all rather than misread
        ordinal = after == "目" and not m.group("b")  # 5か国目, 13例目: a rank, compared only with ranks
        if ordinal:
            unit = m.group("unit") + "目"  # the counter as written: 7回目 (a game) is not 2度目 (a title)
        if unit in ("分", "秒") and re.search(r"\d\s*時\s*$", text[max(0, m.start() - 4):m.start()]):
            continue  # 16時22分 is a time of day, not a duration
        if m.group("unit") in ("年間",) and not m.group("b") and not m.group("approx"):
            pass
        try:
            a = _num(m.group("a")) * factor
            if m.group("half"):
                a += factor / 2
            if m.group("c"):
                a += _num(m.group("c"))
            if m.group("sec"):
                if unit != "分":
                    continue
                a += _num(m.group("sec")) / 60  # 4分35秒: minutes and seconds, in minutes
            b = _num(m.group("b")) * factor if m.group("b") else None
        except ValueError:
            continue  # not a number after all (3万2万): no claim
        bound = {"以上": "ge", "超": "ge", "余り": "ge", "あまり": "ge", "以下": "le", "未満": "le",
                 "以内": "le"}.get(m.group("bound") or "", "eq")
        if b is not None:
            bound = "range"
        if m.group("bound") in ("近く", "足らず"):
            bound = "le"
        approx = bool(m.group("approx")) or (m.group("bound") in ("前後", "程度", "強", "弱", "近く", "足らず", "ほど"))
        # a bare date-like number ("2018年") is not a quantity; 年 is not in UNITS except 年間
        end = m.end() + 1 if ordinal else m.end()
        q = Quantity(value=a, unit=unit, approx=approx, bound=bound, high=b, text=original[m.start():end])
        out.append(QuantityValue(q, m.start(), end, rate=bool(m.group("rate"))))
    for m in SCORE.finditer(text):  # 3対2, 3―2: a final score
        a, b = int(m.group("a")), int(m.group("b"))
        out.append(QuantityValue(Quantity(value=a * 1000 + b, unit="対", text=original[m.start():m.end()]),
                                 m.start(), m.end()))
    for m in MAGNITUDE.finditer(text):
        out.append(QuantityValue(Quantity(value=float(m.group("a")), unit="M", text=original[m.start():m.end()]),
                                 m.start(), m.end()))
    for m in SEISMIC.finditer(text):
        v = float(m.group("a")) + {"強": 0.25, "弱": -0.25}.get(m.group("pm") or "", 0)
        out.append(QuantityValue(Quantity(value=v, unit="震度", text=original[m.start():m.end()]), m.start(), m.end()))
    return out


def quantities_agree(a: Quantity, b: Quantity, tolerance: float = 0.04, strict: bool = False) -> bool:
    """Same unit and values compatible given approximations, bounds and ranges.

    ``strict`` asks for the same kind of statement (a bound is not an amount): used for agreements.
    """
    if a.unit != b.unit:
        return False
    if strict and a.bound != b.bound:
        return False
    if a.bound == b.bound and a.bound in ("ge", "le"):
        # two writers' "N以上" for the same count name their best figure: 30回以上 vs 10回以上 disagree
        lo, hi = sorted((a.value, b.value))
        return lo > 0 and hi / lo < BOUND_RATIO
    (a0, a1), (b0, b1) = agreement_interval(a, tolerance), agreement_interval(b, tolerance)
    if a0 == a1 and b0 == b1:
        return a0 == b0
    return a0 < b1 and b0 < a1


BOUND_RATIO = 1.5  # two bounds of one kind (N以上, N以上) agree within this ratio


def agreement_interval(q: Quantity, tolerance: float = 0.04) -> tuple[float, float]:
    """The values a figure stands for: an approximate one to its last stated digit, a bound open on one side."""
    lo, hi = q.value, q.high if q.high is not None else q.value
    slack = tolerance if q.approx else 0.02
    # an approximate figure is good to its last stated digit: 約16分 covers 17分, 約1万5000人 covers 1万5548人
    step = _last_digit(q.value) if q.approx else 0.0
    if q.bound == "ge":
        return lo * (1 - slack) - step, float("inf")
    if q.bound == "le":
        return 0.0, hi * (1 + slack) + step
    return min(lo * (1 - slack), lo - step), max(hi * (1 + slack), hi + step)


def _last_digit(value: float) -> float:
    """How far an approximate figure reaches: a unit of its last digit (約16分 covers 15 to 17), half
    a unit for a round figure (約200棟 covers 150 to 250, not 300)."""
    if value <= 0:
        return 0.0
    if value != int(value):
        return 10 ** -len(repr(value).split(".")[1].rstrip("0") or "0")
    n, step = int(value), 1
    while n % 10 == 0 and n:
        n //= 10
        step *= 10
    return float(step) / 2 if step > 1 else 1.0


# --- placeholders -----------------------------------------------------------------------------

# a run is tried from its first character only: tried from each, a long run costs quadratic time
MASK = r"[＊●○〇■□×△▲◯]{2,}|(?<![XxＸｘ])[XxＸｘ]{2,}(?=[年月日時分万億円人件票%％])|(?<!\?)\?{2,}(?=[年月日万億円人])"
PLACEHOLDER = re.compile(
    r"\d{2,4}年[XxＸｘ×〇○●?？]{1,2}月(?:[XxＸｘ×〇○●?？]{1,2}日)?"
    r"|[XxＸｘ]{2}月[XxＸｘ]{2}日|20[XxＸｘ]{1,2}年|202[XxＸｘ]年"
    rf"|(?:{MASK})(?:[^\s、。のはがをにでとも]{{0,4}})"  # ＊＊億円, ●●選手, 〇〇市, XX人
    r"|\{\{[^{}\n]{0,40}\}\}|\$\{?[A-Za-z_]\w*\}?|\{[a-z_]{2,30}\}"  # {{date}}, ${word}, {name}
    r"|(?<!!)[\[［](?=[^\]］\n]{0,13}[\]］](?!\())[^\]］\n]{0,12}(?:名|名称|日付|日時|場所|URL|リンク|画像|会場|金額|数字|数値|氏名|引用|挿入|入力|TBD|TODO|数|時刻|住所|人物|タイトル|コメント|見出し|キャプション)[\]］]"
    r"|【[^】\n]{0,20}(?:挿入|入力|要確認|TODO|ここに)[^】\n]{0,10}】|[（(](?:ここに[^）)\n]{0,20}|要確認|要修正)[）)]"
    r"|<!--\s*(?:insert|TODO|ここに|挿入)[^>]{0,60}-->|(?<![A-Za-z])(?:TBD|TODO|FIXME)(?![A-Za-z])"
    r"|(?i:lorem ipsum)"
    # a writer's instruction left in ([具体的な発令理由をここに記述。), a month whose day was lost
    # (3月日から), a unit whose number was lost (では㍍投げ), wiki markup ([[地震]]), a ? for a number
    r"|[\[［][^\]］\n]{2,40}?(?:を|について)(?:ここに)?(?:記述|記入|記載|追記)(?:する|してください)?[。．]?[\]］]?"
    r"|(?<![0-9０-９])[0-9０-９]{1,2}月日(?![本曜経銀刊産中米韓英独仏露豪台比印])"
    r"|(?<![0-9０-９.．,\s])[㍍㌔㌢㌘㌧]"
    r"|\[\[[^\[\]\n]{1,40}\]\]|(?<!\[)\[?[^\s\[\]]{1,12}\]\](?!\])"
    r"|(?<=[\s　|｜:：])[?？]{1,3}(?=\s*(?:人|件|票|円|万|億|%|％|個|台|回))"
)


WIKI_STYLE = 4  # balanced [[links]] from which a text is written in wiki markup


def find_placeholders(text: str) -> list[tuple[int, int, str]]:
    found = [(m.start(), m.end(), m.group(0)) for m in PLACEHOLDER.finditer(text)]
    # a text written in wiki markup throughout ([[任天堂]] … [[Nintendo Switch]]) has a style, not
    # residue: its links are left alone; a page with a stray [[地震]] or two is residue
    links = [f for f in found if f[2].startswith("[[") and f[2].endswith("]]")]
    return [f for f in found if f not in links] if len(links) >= WIKI_STYLE else found
