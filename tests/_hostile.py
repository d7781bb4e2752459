"""Hostile documents for the fuzz test (tests/test_fuzz.py) and the longer run (bench/fuzz.py).

A case is a list of text fragments (Japanese sentences carrying odd values, markup that breaks
parsers, control characters, very long cells and lines), an encoding with an optional corruption
of its bytes, and a file suffix.  :func:`run` feeds one case to the command line in this process
(the parse model loads once) and says how it ended: its exit status, or ``"hang"`` when it took
longer than the timeout.
"""
from __future__ import annotations

import contextlib
import io
import random
import signal
from pathlib import Path

SENTENCES = [
    "トランプ米大統領は12日、プーチン大統領と電話協議した。",
    "岸田文雄首相は2023年5月19日、広島市でG7サミットを開いた。",
    "会談は東京都内のホテルで行われ、約1時間半続いた。",
    "能登半島地震の規模はマグニチュード7.6で、死者は240人に上った。",
    "林芳正官房長官は記者会見で「遺憾だ」と述べた。",
    "公開日:2025/02/13",
    "| 開催都市 | 年月 |\n|---|---|\n| 大阪 | 2019年6月 |",
]
ODD = [
    "会場には1.2.3人が集まった。", "公開日:2025/02/30", "9999年12月31日に会議が開かれた。翌日、首相は演説した。",
    "令和999年13月40日に開催された。", "0年0月0日に始まった。", "参加者は99999999999999999999999人だった。",
    "1e308人", "９９９兆９９９９億９９９９万人", "3万2万人", "2〜3〜4回", "約-5%", "3分の0", "0分の3", "10割5分",
    "1,2,3,4人", "..人", "同月32日", "前日", "同日", "翌年", "2025年2月29日", "12月31日から1月1日まで",
    "19日から18日まで", "平成0年", "昭和100年", "元年", "2025年XX月XX日", "〇〇人", "𠮷野家", "🎉🎉", "a\u200db",
    "か\u3099", "\u202eトランプ", "\x1b[31m赤\x1b[0m", "\x07", "\r", "\u2028", "\ufeff", "「「「「", "」」」", "（（（（",
    "【ワシントン=共同】", "[1][2][注3]", "^ 脚注", "# 見出し", "- 箇条", "・", "::error file=x.txt::injected",
    "%0A::warning::x", "\\", "0.0.0.0%", "100000000000000000000000000000000000000%", "-0人", "二千五百万億兆人",
    "十十十十人", "ヘグセス国防長官", "前大統領", "元首相", "氏は", "と述べた", "と語った。", "同氏",
]
MARKUP = [
    "<![3]", "<![if !IE]>", "<!DOCTYPE html [", "<!x [ >", "<![CDATA[", "<script>", "</script>", "<style>", "<p",
    "<table><tr><th>項目</th><th>値</th></tr><tr><td>", "</td></tr></table>", "&#xFFFFFFFF;", "&#0;", "&#55296;",
    "&bogus;", "&amp", "<!--", "-->", "<title>", "</title>", "<br/>", "<meta property=\"article:published_time\" "
    "content=\"9999-99-99\">", "<time datetime=\"0000-00-00\">", "<a href='javascript:x'>", "</a b=\"", "<td>", "</tr>",
]
LONG = [
    lambda: "| 説明 | " + "あ" * 16_500 + " |",
    lambda: "| 項目 | 値 |\n|---|---|\n| 説明 | " + "会談" * 9_000 + " |",
    lambda: "|" * 5_000,
    lambda: "会" * 60_000,
    lambda: "、" * 3_000 + "。",
    lambda: "「" * 2_000,
    lambda: "１" * 5_000 + "人",
]
ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp932", "euc_jp",
             "iso2022_jp", "latin-1"]
DAMAGE = [None, None, None, "truncate", "insert", "flip", "bom-garbage", "surrogate", "nul"]
SUFFIXES = [".txt", ".md", ".html"]


def encode(text: str, encoding: str, damage: str | None, rng: random.Random) -> bytes:
    data = text.encode(encoding, errors="replace")
    if damage == "truncate" and data:
        data = data[:-1]
    elif damage == "insert":
        k = rng.randrange(len(data) + 1)
        data = data[:k] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 4))) + data[k:]
    elif damage == "flip" and data:
        k = rng.randrange(len(data))
        data = data[:k] + bytes([data[k] ^ (1 << rng.randrange(8))]) + data[k + 1:]
    elif damage == "bom-garbage":
        data = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]) + bytes(
            rng.randrange(256) for _ in range(rng.randint(0, 9)))
    elif damage == "surrogate":
        data = b"\xff\xfe" + text.encode("utf-16-le") + b"\x00\xd8"
    elif damage == "nul":
        data += b"\x00"
    return data


def random_case(rng: random.Random) -> tuple[list[str], str, str | None, str]:
    """(fragments, encoding, damage, suffix): a few fragments of every kind, one long one sometimes."""
    parts = []
    for _ in range(rng.randint(1, 8)):
        pool = rng.choice([SENTENCES, ODD, ODD, MARKUP])
        parts.append(rng.choice(pool))
    if rng.random() < 0.04:
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(LONG)())
    return parts, rng.choice(ENCODINGS), rng.choice(DAMAGE), rng.choice(SUFFIXES)


def join(parts: list[str], rng: random.Random) -> str:
    return "".join(p + rng.choice(["", "\n", "\n\n", "、", " "]) for p in parts)


class Hang(BaseException):
    """Raised by the alarm: not an Exception, so the command line's own handler does not catch it."""


def _alarm(signum, frame):
    raise Hang()


def run(argv: list[str], timeout: float) -> tuple[int | str, str]:
    """``claimcheck ARGV`` in this process: (exit status or "hang", what it printed on stderr)."""
    from checker.cli import main

    err = io.StringIO()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status: int | str = main(argv)
    except Hang:
        status = "hang"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    return status, err.getvalue()


COMPANION = "ヘグセス米国防長官は2025年2月12日、ブリュッセルで演説した。会談は東京で行われた。\n"


def run_case(folder: Path, n: int, data: bytes, suffix: str, timeout: float, report: bool) -> tuple[int | str, str]:
    """Write the case and run ``extract`` on it, or ``report`` on it beside an ordinary document."""
    doc = folder / f"case{n}{suffix}"
    doc.write_bytes(data)
    if not report:
        return run(["extract", str(doc), "-q", "-o", str(folder / "claims.jsonl")], timeout)
    other = folder / "companion.txt"
    if not other.exists():
        other.write_text(COMPANION, encoding="utf-8")
    return run(["report", str(doc), str(other), "-q", "-o", str(folder / "r.html"), "--json", str(folder / "r.json")],
               timeout)
