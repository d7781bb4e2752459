"""Dates as Japanese text writes them, read to ISO: western (2025年8月16日), era (令和7年3月1日, 平成元年,
abbreviated R7.3.1, H31年4月30日), ISO, slash and dotted (2025-08-16, 2025/8/16, 2025.8.16), month-day and
day alone resolved from the nearest stated date, relative (同日, 翌日, 3日後, 先月, 昨年, 前年), with a
weekday (checked), a time of day (kept in the span, never a quantity) and the same moment on another
clock (15日午前（日本時間16日未明）: one date, the local day, with the Japanese day as its ``alt``).

A date that cannot be (2月30日, 13月, a weekday that does not fit, 平成31年5月 after the era ended) is no
date and a note.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from .numbers import half_width

ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911}
# the first and last day of each era (an era's first year shares its days with the last of the one before)
ERA_DAYS = {"令和": (dt.date(2019, 5, 1), dt.date.max), "平成": (dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
            "昭和": (dt.date(1926, 12, 25), dt.date(1989, 1, 7)), "大正": (dt.date(1912, 7, 30), dt.date(1926, 12, 25))}
ERA_LETTERS = {"R": "令和", "H": "平成", "S": "昭和", "T": "大正", "Ｒ": "令和", "Ｈ": "平成", "Ｓ": "昭和", "Ｔ": "大正"}
ERA_RE = r"令和|平成|昭和|大正|(?<![A-Za-zＡ-Ｚａ-ｚ])[RHSTＲＨＳＴ](?=\d|元)"
WEEKDAYS = "月火水木金土日"  # Monday first, as datetime.weekday() counts


@dataclass
class DateValue:
    iso: str  # YYYY, YYYY-MM or YYYY-MM-DD
    start: int
    end: int  # the end of the date proper
    text: str  # the date as written, without its weekday or time of day
    relative: bool = False
    end_iso: str | None = None  # for ranges 14〜16日
    stop: int | None = None  # the end of the whole expression: weekday and time of day included
    time: str | None = None  # 午前10時54分, 未明, 夕方
    vague: bool = False  # a year or month read from a word (昨年, 前年, 先月): too loose for a sentence's time
    anchor: bool = True  # False when read from a word (昨年12月1日, 3日後): not an anchor for the days after it
    alt: str | None = None  # the same moment on another clock: 日本時間16日 of 15日 (ISO, or "A/B" for days A to B)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.stop if self.stop is not None else self.end


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    try:
        if d is not None:
            return dt.date(y, 1 if m is None else m, d).isoformat()
        if m is not None:
            return f"{y:04d}-{m:02d}" if 1 <= m <= 12 and 1 <= y <= 9999 else None
        return f"{y:04d}" if 1 <= y <= 9999 else None
    except ValueError:
        return None


def _year(raw: str, era: str | None, ref_year: int | None) -> int:
    y = int(raw) if raw != "元" else 1
    if era:
        return ERAS[ERA_LETTERS.get(era, era)] + y
    if len(raw) <= 2:  # 24年11月 -> 2024 when the context is this century
        century = (ref_year or 2000) // 100 * 100
        y += century
        if ref_year and y > ref_year + 5:
            y -= 100
    return y


def _outside_era(era: str | None, iso: str | None) -> str | None:
    """Why an era date cannot be (平成31年5月1日: 平成 had ended), or None when it falls in its era."""
    if not era or not iso:
        return None
    name = ERA_LETTERS.get(era, era)
    first, last = ERA_DAYS[name]
    y = int(iso[:4])
    m0, m1 = (int(iso[5:7]),) * 2 if len(iso) >= 7 else (1, 12)
    lo = dt.date.fromisoformat(iso) if len(iso) == 10 else dt.date(y, m0, 1)
    hi = dt.date.fromisoformat(iso) if len(iso) == 10 else (
        dt.date(y, 12, 31) if m1 == 12 else dt.date(y, m1 + 1, 1) - dt.timedelta(days=1))
    if hi < first:
        return f"{name} began on {first.isoformat()}"
    if lo > last:
        return f"{name} ended on {last.isoformat()}"
    return None


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


DATE_FULL = re.compile(
    rf"(?:(?P<era>{ERA_RE})(?P<ey>\d{{1,2}}|元)|(?P<y>\d{{4}}|(?<![\d.])\d{{2}}))年"
    r"(?:[（(](?:令和|平成|昭和|大正)(?:\d{1,2}|元)年[）)])?"  # 2024年（令和6年）1月2日
    r"(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日(?:[〜~～\-](?P<d2>\d{1,2})日)?)?)?"
)
# R7.3.1, H31.4.30, 令和7.3.1: an era with its year, month and day by dots or slashes
DATE_ERA_DOT = re.compile(rf"(?P<era>{ERA_RE})(?P<ey>\d{{1,2}}|元)(?P<sep>[./])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})"
                          r"(?!\d|[./]\d)")
DATE_DOT = re.compile(r"(?<![\d.])(?P<y>[12]\d{3})\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})(?!\d|\.\d)")  # 2025.8.16
DATE_SLASH = re.compile(r"(?<![\d/])(?P<y>[12]\d{3})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])")
DATE_ISO = re.compile(r"(?<![\d\-/.])(?P<y>[12]\d{3})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d\-])")
DATE_MD = re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日(?:[〜~～\-](?P<d2>\d{1,2})日)?)?")
DATE_D = re.compile(r"(?<![\d月年.])(?P<d>\d{1,2})(?:[〜~～\-](?P<d2>\d{1,2}))?日"
                    r"(?=[、,にはのからまで夜朝昼午夕未深早正（(]|\d{1,2}時|[月火水木金土日]曜|$)")
SAME_MONTH = re.compile(r"同月(?P<d>\d{1,2})日")
RELATIVE = {"同日": 0, "当日": 0, "前日": -1, "翌日": 1, "昨日": -1, "今日": 0, "本日": 0}
RELATIVE_RE = re.compile("|".join(RELATIVE))
KANJI_SMALL = {c: i for i, c in enumerate("〇一二三四五六七八九")}
DAYS_AWAY = re.compile(r"(?<![\d月年.〇一二三四五六七八九十])(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})日(?P<dir>後|前)(?!後)")
# 昨年 and 先月 count from the day of writing; 前年 and 翌月 from the date just stated
YEAR_WORDS = {"一昨年": (-2, True), "昨年": (-1, True), "去年": (-1, True), "今年": (0, True), "本年": (0, True),
              "来年": (1, True), "前年": (-1, False), "翌年": (1, False)}
MONTH_WORDS = {"先々月": (-2, True), "先月": (-1, True), "今月": (0, True), "来月": (1, True), "前月": (-1, False),
               "翌月": (1, False)}
REL_YEAR = re.compile(rf"(?P<w>{'|'.join(YEAR_WORDS)})(?!度|比|同期|並)"
                      r"(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?)?")
REL_MONTH = re.compile(rf"(?P<w>{'|'.join(MONTH_WORDS)})(?!比|度)(?:(?P<d>\d{{1,2}})日)?")
# what may follow a date and still be part of it: a weekday, a time of day
TAIL = re.compile(r"(?:[（(](?P<w>[月火水木金土日])(?:曜日?)?[）)]|(?P<w2>[月火水木金土日])曜日?)?"
                  r"(?P<time>(?:午前|午後)?\d{1,2}時(?:\d{1,2}分|半)?(?:ごろ|頃)?|未明|早朝|正午|夕方|夕刻|深夜"
                  r"|午前|午後|朝|昼|夜|晩)?")
NOT_A_DATE_AFTER = re.compile(r"^(?:間|目|以内|以上|連続|分|前|後|ぶり|当たり|ほど|付)")  # 7月5日付: a citation
SPAN_GAPS = ("から", "〜", "~", "～", "-", "－")
# the same moment on another clock, in brackets after a date: （日本時間16日未明）, (現地時間15日), （米東部時間同日夜）
JAPAN_CLOCK = ("日本時間", "日本時刻", "東京時間", "JST")
CLOCK = re.compile(r"[（(]\s*(?P<zone>日本時刻|JST|UTC|GMT|協定世界時|世界標準時|グリニッジ標準時"
                   r"|(?:現地|日本|東京|北京|[米英仏独中韓印露豪]国?|米国?(?:東部|西部|中部|太平洋|山岳部)|東部|西部|中部"
                   r"|太平洋|欧州|中央欧州|台湾|香港|[ァ-ヶー]{2,10})(?:標準|夏)?時間)で?\s*[:：]?\s*"
                   r"(?P<body>[^（()）\n]{1,40}?)\s*[）)]")


def _kanji_small(s: str) -> int:
    if s.isdigit():
        return int(s)
    tens, _, ones = s.partition("十") if "十" in s else ("", "", s)
    if "十" not in s:
        return int("".join(str(KANJI_SMALL[c]) for c in s))
    return (KANJI_SMALL[tens] if tens else 1) * 10 + (KANJI_SMALL[ones] if ones else 0)


def find_dates(text: str, ref: str | None, last: str | None = None,
               notes: list[str] | None = None) -> list[DateValue]:
    """Dates in ``text``.  ``ref`` is the publication date, ``last`` the nearest date stated before.

    A date that cannot be (2月30日, a weekday that does not fit) is left out and said in ``notes``.
    """
    notes = notes if notes is not None else []
    original, text = text, half_width(text)  # same length: offsets hold for the original
    anchor = last or ref
    ay = int(anchor[:4]) if anchor else None
    am = int(anchor[5:7]) if anchor and len(anchor) >= 7 else None
    ad = dt.date.fromisoformat(anchor) if anchor and len(anchor) == 10 else None
    now = ref or last  # the day of writing, for 昨年 and 先月
    out: list[DateValue] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def impossible(m: re.Match, why: str = "no such date") -> None:
        if free(m.start(), m.end()):
            notes.append(f"「{original[m.start():m.end()]}」: {why}; not read as a date")
            taken.append((m.start(), m.end()))

    def add(iso: str | None, m: re.Match, relative: bool = False, end_iso: str | None = None, vague: bool = False,
            also: tuple[str | None, ...] = ()):
        """``also``: where a date without its year or month might fall besides ``iso``; its weekday decides."""
        if not iso or not free(m.start(), m.end()) or NOT_A_DATE_AFTER.match(text[m.end():]):
            return
        tail = TAIL.match(text, m.end())
        wd = tail.group("w") or tail.group("w2")
        if wd and len(iso) == 10 and WEEKDAYS[dt.date.fromisoformat(iso).weekday()] != wd:
            fits = [a for a in also if a and WEEKDAYS[dt.date.fromisoformat(a).weekday()] == wd]
            if fits:  # 28日（金） read early in March: the 28th that was a Friday
                iso, end_iso = fits[0], None
        if wd and len(iso) == 10 and WEEKDAYS[dt.date.fromisoformat(iso).weekday()] != wd:
            real = WEEKDAYS[dt.date.fromisoformat(iso).weekday()]
            notes.append(f"「{original[m.start():tail.end()]}」: {iso} is a {real}曜, not a {wd}曜; not read as a date")
            taken.append((m.start(), tail.end()))
            return
        out.append(DateValue(iso, m.start(), m.end(), original[m.start():m.end()], relative, end_iso,
                             tail.end() if tail.end() > m.end() else None, tail.group("time"),
                             vague and len(iso) < 10, not vague))
        taken.append((m.start(), tail.end()))

    for m in DATE_FULL.finditer(text):
        raw_y = m.group("ey") or m.group("y")
        y = _year(raw_y, m.group("era"), ay)
        mo = int(m.group("m")) if m.group("m") else None
        d = int(m.group("d")) if m.group("d") else None
        end = _iso(y, mo, int(m.group("d2"))) if m.group("d2") else None
        if m.group("y") and len(m.group("y")) == 2 and mo is None:
            continue  # "14年" alone is too often a duration or a count
        iso = _iso(y, mo, d)
        if iso is None and mo is not None:
            impossible(m)
        # an era year named past the era's end is a fiscal year of a plan written before it (平成32年度)
        fiscal = mo is None and text[m.end():m.end() + 1] == "度"
        why = None if fiscal else _outside_era(m.group("era"), iso) or _outside_era(m.group("era"), end)
        if why:
            impossible(m, why)
        add(iso, m, relative=len(raw_y) == 2, end_iso=end)
    for m in DATE_ERA_DOT.finditer(text):
        y = _year(m.group("ey"), m.group("era"), ay)
        iso = _iso(y, int(m.group("m")), int(m.group("d")))
        why = "no such date" if iso is None else _outside_era(m.group("era"), iso)
        if why:
            impossible(m, why)
        add(iso, m)
    for pattern in (DATE_SLASH, DATE_ISO, DATE_DOT):
        for m in pattern.finditer(text):
            iso = _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if iso is None:
                impossible(m)
            add(iso, m)
    if now:
        ny, nm = int(now[:4]), int(now[5:7]) if len(now) >= 7 else None
        for m in REL_YEAR.finditer(text):
            k, deictic = YEAR_WORDS[m.group("w")]
            y = (ny if deictic else ay or ny) + k
            mo = int(m.group("m")) if m.group("m") else None
            d = int(m.group("d")) if m.group("d") else None
            iso = _iso(y, mo, d)
            if iso is None:
                impossible(m)
            add(iso, m, relative=True, vague=True)
        for m in REL_MONTH.finditer(text):
            k, deictic = MONTH_WORDS[m.group("w")]
            base = (ny, nm) if deictic or not am else (ay, am)
            if base[1] is None:
                continue
            y, mo = _shift_month(base[0], base[1], k)
            d = int(m.group("d")) if m.group("d") else None
            iso = _iso(y, mo, d)
            if iso is None:
                impossible(m)
            add(iso, m, relative=True, vague=True)
    if ay:
        for m in DATE_MD.finditer(text):
            mo = int(m.group("m"))
            d = int(m.group("d")) if m.group("d") else None
            y = ay if not am or mo <= am + 1 else ay - 1 if mo - am > 6 else ay
            end = _iso(y, mo, int(m.group("d2"))) if m.group("d2") else None
            iso = _iso(y, mo, d)
            if iso is None and not NOT_A_DATE_AFTER.match(text[m.end():]):
                impossible(m)
            add(iso, m, relative=True, end_iso=end, also=(_iso(y - 1, mo, d), _iso(y + 1, mo, d)))
    if ay and am:
        for m in DATE_D.finditer(text):
            d = int(m.group("d"))
            mo, y = am, ay
            if ad and d > ad.day + 3:  # "28日" read in early March means February
                mo, y = (12, ay - 1) if am == 1 else (am - 1, ay)
            end = _iso(y, mo, int(m.group("d2"))) if m.group("d2") else None
            near = [_shift_month(ay, am, k) for k in (0, -1, 1)]
            add(_iso(y, mo, d), m, relative=True, end_iso=end, also=tuple(_iso(a, b, d) for a, b in near))
        for m in SAME_MONTH.finditer(text):  # 同月3日: the month of the nearest stated date
            add(_iso(ay, am, int(m.group("d"))), m, relative=True)
    if ad:
        for pattern, days in ((RELATIVE_RE, lambda m: RELATIVE[m.group(0)]),
                              (DAYS_AWAY, lambda m: _kanji_small(m.group("n")) * (1 if m.group("dir") == "後" else -1))):
            for m in pattern.finditer(text):
                if pattern is DAYS_AWAY and text[max(0, m.start() - 2):m.start()] == "から":
                    continue  # 事故から6日後: counted from an event, whose date is not the one before
                try:
                    add((ad + dt.timedelta(days=days(m))).isoformat(), m, relative=True, vague=pattern is DAYS_AWAY)
                except OverflowError:  # 翌日 of 9999年12月31日: no such date
                    impossible(m, "a day past the calendar")
    return _merge(_clocks(sorted(out, key=lambda v: v.start), text, ref), original)


def _clocks(out: list[DateValue], text: str, ref: str | None) -> list[DateValue]:
    """15日午前（日本時間16日未明）, 21日(日本時間22日), 日本時間16日（現地時間15日）: one moment on two
    clocks is one date, the local day, with the other clock's day as its ``alt``.  A bracketed day
    more than a day away from the date before it is no other clock's, and is left as read."""
    for m in CLOCK.finditer(text):
        at = next((k for k, v in enumerate(out) if len(v.iso) == 10 and v.span[1] <= m.start()
                   and not text[v.span[1]:m.start()].strip()), None)
        if at is None:
            continue
        local = out[at]
        day = dt.date.fromisoformat(local.iso)
        body = m.group("body")
        days: list[str] = []
        # another clock is at most a day away (none past either end of the calendar)
        near = [day] + ([day + dt.timedelta(days=1)] if day < dt.date.max else []) + (
            [day - dt.timedelta(days=1)] if day > dt.date.min else [])
        for r in find_dates(body, ref, local.iso):
            if len(r.iso) != 10:
                continue
            written = half_width(r.text)
            if re.fullmatch(r"\d{1,2}日", written):  # a bare day: the one of the days around
                hit = [x.isoformat() for x in near if x.day == int(written[:-1])]
            elif re.fullmatch(r"\d{1,2}月\d{1,2}日", written):  # a month-day: of the year around (12月31日 → 1月1日)
                hit = [x.isoformat() for x in near if (x.month, x.day) == (int(r.iso[5:7]), int(r.iso[8:]))]
            else:
                hit = [r.iso]
            if not hit:
                days = []
                break
            days.append(hit[0])
            if r.end_iso:
                days.append(r.end_iso)
        if any(abs((dt.date.fromisoformat(x) - day).days) > 1 for x in days):
            continue  # not the same moment: leave both dates as they were read
        if not days and re.search(r"\d{1,2}日|[月/\-.]\d", body):
            continue  # a date that could not be read: not a clock of this one
        other = (days[0] if len(set(days)) == 1 else f"{min(days)}/{max(days)}") if days else None
        iso, alt = local.iso, other
        if other and "/" not in other and m.group("zone") not in JAPAN_CLOCK:
            iso, alt = other, local.iso  # 日本時間16日（現地時間15日）: the bracket gives the local day
        keep = [v for v in out if not (m.start() <= v.start < m.end())]
        at = keep.index(local)
        keep[at] = replace(local, iso=iso, alt=alt if alt != iso else None, stop=m.end())
        out = keep
    return out


def _merge(out: list[DateValue], text: str) -> list[DateValue]:
    """19日から21日まで, 5月19日から5月21日にかけて: one span of days."""
    merged: list[DateValue] = []
    for v in out:
        prev = merged[-1] if merged else None
        gap = text[prev.span[1]:v.start] if prev else ""
        if prev and gap in SPAN_GAPS and len(prev.iso) == 10 and re.fullmatch(r"\d{1,2}日", v.text):
            v = DateValue(_iso(int(prev.iso[:4]), int(prev.iso[5:7]), int(v.text[:-1])) or v.iso, v.start, v.end,
                          v.text, v.relative, None, v.stop, v.time, v.vague, v.anchor)  # 5月19日から21日: the day of the same month
        if prev and gap in SPAN_GAPS and len(prev.iso) == len(v.iso) and v.iso > prev.iso:
            merged[-1] = DateValue(prev.iso, prev.start, v.end, text[prev.start:v.end], prev.relative, v.iso,
                                   v.stop, v.time, prev.vague, prev.anchor)
        else:
            merged.append(v)
    return merged


def firm(dates: list[DateValue]) -> list[DateValue]:
    """The dates a sentence is about: all but the vague ones, or, when it states no other, the vague ones."""
    return [d for d in dates if not d.vague] or dates
