"""Benchmark: the report of a 10,000-document corpus, its size, and whether a browser opens it.

    .venv/bin/python bench/big_report.py [--docs 10000] [--series synthetic|hot] [--keep DIR]

Analyses the documents of ``bench/scale.py``'s series (extracted once, then cached), writes the
HTML and the JSON report, prints their sizes and times, then opens the HTML in headless Chromium
(the driver of tests/conftest.py) and prints what the page did: console errors, requests, the
number of sources, findings and claim rows it shows.  Target: the HTML under 25 MB, opened without
errors; everything stays in the JSON.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))


def main(argv: list[str] | None = None) -> int:
    from checker.pipeline import analyse
    from reports.jsonout import report_json
    from reports.render import render_html
    from scale import corpus

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--series", default="synthetic", choices=("synthetic", "hot"))
    ap.add_argument("--keep", type=Path, help="write the report here instead of a temporary folder")
    a = ap.parse_args(argv)
    ex = corpus(a.series, a.docs)
    t = time.perf_counter()
    report = analyse(ex)
    t_analyse = time.perf_counter() - t
    t = time.perf_counter()
    html = render_html(report)
    t_html = time.perf_counter() - t
    js = report_json(report)
    out = a.keep or Path(tempfile.mkdtemp(prefix="claimcheck-big-"))
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.html").write_text(html, encoding="utf-8")
    (out / "report.json").write_text(js, encoding="utf-8")
    mb = len(html.encode("utf-8")) / 1e6
    print(f"{a.docs} documents ({a.series}), {len(report.claims)} claims, {len(report.findings)} findings, "
          f"{len(report.agreements)} agreements")
    print(f"analyse {t_analyse:.1f} s, HTML rendered in {t_html:.1f} s")
    print(f"HTML {mb:.1f} MB (target < 25 MB), JSON {len(js.encode('utf-8')) / 1e6:.1f} MB -> {out}")
    try:
        from conftest import Browser, find_chromium
    except ImportError:
        print("browser: tests/conftest.py not importable")
        return 0
    exe = find_chromium()
    if not exe:
        print("browser: no Chromium installed")
        return 0
    browser = Browser(exe, timeout=180)
    try:
        page = browser.new_page()
        t = time.perf_counter()
        page.goto((out / "report.html").resolve().as_uri(), timeout=180)
        shown = page.evaluate("({sources: document.querySelectorAll('article.source').length,"
                              " findings: document.querySelectorAll('.finding').length,"
                              " claims: document.querySelectorAll('table.claims tbody tr').length})")
        print(f"browser: loaded in {time.perf_counter() - t:.1f} s; {shown}; "
              f"{len(page.console_errors)} console errors, {len(page.requests) - 1} requests beyond the page")
        for e in page.console_errors[:5]:
            print("  ", e)
    finally:
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
