"""Bad input, run as a user runs it: exit 2 and one clear line, or a note for one bad file in a folder;
never a traceback, a hang or a silent misreading (issue 14)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET

import pytest

from _runs import ROOT, SEEDS, cli

TEXT = ("ヘグセス米国防長官は2025年2月12日、ブリュッセルで演説した。\n"
        "会談は東京都内のホテルで行われ、約1時間半続いた。\n")
OTHER = "ヘグセス米国防長官は2025年2月12日、ブリュッセルで演説し、支援の継続を訴えた。\n"


def one_error(r, *words):
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimcheck: error: "), r.stderr
    for w in words:
        assert w in lines[0], lines[0]


def report_json(tmp_path, *paths, name="r", quiet=True):
    js = tmp_path / f"{name}.json"
    r = cli("report", *map(str, paths), "-o", str(tmp_path / f"{name}.html"), "--json", str(js),
            *(["-q"] if quiet else []), timeout=300)
    assert r.returncode == 0, r.stderr
    return json.loads(js.read_text(encoding="utf-8")), r


# -- encodings --------------------------------------------------------------------------------------

ENCODINGS = {"utf8": "utf-8", "utf8bom": "utf-8-sig", "utf16le": "utf-16", "utf16be": "utf-16-be",
             "utf32": "utf-32", "sjis": "cp932", "eucjp": "euc_jp", "jis": "iso2022_jp"}


def test_every_encoding_is_read_the_same(tmp_path):
    for name, enc in ENCODINGS.items():
        data = TEXT.encode(enc)
        if enc == "utf-16-be":
            data = b"\xfe\xff" + data
        (tmp_path / f"{name}.txt").write_bytes(data)
    rep, _ = report_json(tmp_path, tmp_path)
    quotes = {s: sorted(c["quote"] for c in rep["claims"] if c["source"] == s) for s in ENCODINGS}
    assert quotes["utf8"] and all(q == quotes["utf8"] for q in quotes.values()), quotes


@pytest.mark.parametrize("data,words", [
    (b"\xef\xbb\xbf\xff\xfe", ["UTF-8 byte-order mark", "not valid UTF-8"]),
    (b"\xff\xfe" + TEXT.encode("utf-16-le") + b"A", ["UTF-16 byte-order mark", "truncated"]),
    (b"\xff\xfe" + TEXT.encode("utf-16-le") + b"\x00\xd8A\x00", ["UTF-16", "surrogate"]),
    (TEXT.encode("utf-32")[:-1], ["UTF-32 byte-order mark"]),
    (TEXT.encode("utf-16-le"), ["binary", "byte-order mark"]),  # UTF-16 without a BOM: not guessed
    ("Déjà vu, naïve café".encode("latin-1"), ["not valid UTF-8", "Shift_JIS"]),
    (b"\x1b$B%H%i\x1b$B\xff", ["ISO-2022-JP"]),
])
def test_undecodable_file_is_one_error(tmp_path, data, words):
    p = tmp_path / "a.txt"
    p.write_bytes(data)
    one_error(cli("report", str(p), "-o", str(tmp_path / "o.html")), "a.txt", *words)


def test_a_bad_file_in_a_folder_is_a_note_and_the_rest_is_read(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXT, encoding="utf-8")
    (docs / "b.md").write_text(OTHER, encoding="utf-8")
    (docs / "bad.txt").write_bytes(b"\xef\xbb\xbf\xff\xfe")
    rep, r = report_json(tmp_path, docs, quiet=False)
    assert {s["id"] for s in rep["sources"]} == {"a", "b"}
    assert "note: " in r.stderr and "bad.txt" in r.stderr and "left out" in r.stderr


# -- the cases of the issue -------------------------------------------------------------------------

def test_odd_values_markup_and_long_cells_run(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "numbers.txt").write_text("会場には1.2.3人が集まった。\n公開日:2025/02/30\n", encoding="utf-8")
    (docs / "dates.txt").write_text("9999年12月31日に会議が開かれた。翌日、首相は演説した。\n", encoding="utf-8")
    (docs / "page.html").write_text("<html><body><p>会談は東京で行われた。</p><![3]<p>首相は演説した。</p></body></html>",
                                    encoding="utf-8")
    (docs / "table.md").write_text(TEXT * 4 + "\n| 項目 | 説明 |\n|---|---|\n| 会場 | " + "東" * 16_500 + " |\n", encoding="utf-8")
    (docs / "row.html").write_text(f"<p>{TEXT * 4}</p><table><tr><th>項目</th><th>説明</th></tr><tr><td>会場</td><td>" + "京" * 16_500
                                   + "</td></tr></table>", encoding="utf-8")
    rep, _ = report_json(tmp_path, docs)  # (enough kana beside the long cells: a Japanese document)
    assert len(rep["sources"]) == 5
    assert any("会談は東京で行われた" in c["quote"] or c["quote"] == "東京" for c in rep["claims"]
               if c["source"] == "page")


# -- only regular files; links stay inside the folder ------------------------------------------------

@pytest.mark.parametrize("command", ["report", "store add", "check", "extract"])
def test_a_fifo_is_refused_not_waited_on(tmp_path, command):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    other = tmp_path / "a.txt"
    other.write_text(TEXT, encoding="utf-8")
    args = {"report": ["report", str(fifo), "-o", str(tmp_path / "o.html")],
            "store add": ["store", "add", str(fifo), "--store", str(tmp_path / "s.db")],
            "check": ["check", str(fifo), "--against", str(other), str(tmp_path)],
            "extract": ["extract", str(fifo)]}[command]
    one_error(cli(*args, timeout=60), "pipe.txt", "FIFO")


def test_a_fifo_store_is_refused(tmp_path):
    fifo = tmp_path / "s.db"
    os.mkfifo(fifo)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    one_error(cli("store", "add", str(tmp_path / "a.txt"), "--store", str(fifo), timeout=60), "not a regular file")


def test_a_fifo_in_a_folder_is_left_out(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(docs / "pipe.txt")
    r = cli("extract", str(docs), timeout=120)
    assert r.returncode == 0, r.stderr
    assert "pipe.txt" in r.stderr and "FIFO" in r.stderr and r.stdout.strip()


def test_a_link_out_of_the_folder_is_not_followed(tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("林芳正官房長官は記者会見で「秘密の内容だ」と述べた。\n", encoding="utf-8")
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.txt").write_text(TEXT, encoding="utf-8")
    (docs / "link.txt").symlink_to(secret)
    (docs / "sub" / "inner.txt").symlink_to(docs / "a.txt")  # inside the folder: followed
    (docs / "away").symlink_to(secret.parent, target_is_directory=True)
    rep, r = report_json(tmp_path, docs, quiet=False)
    assert {s["id"] for s in rep["sources"]} == {"a", "inner"}
    assert "秘密" not in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "秘密" not in json.dumps(rep, ensure_ascii=False)
    assert "link.txt" in r.stderr and "away" in r.stderr and "not followed" in r.stderr


def test_a_file_name_that_is_not_utf8(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXT, encoding="utf-8")
    bad = os.path.join(os.fsencode(docs), b"\xff\xfe.txt")
    with open(bad, "wb") as fh:
        fh.write(OTHER.encode("utf-8"))
    r = cli("extract", str(docs), timeout=120)
    assert r.returncode == 0 and "not valid UTF-8" in r.stderr and "\\xff" in r.stderr, r.stderr
    r = subprocess.run([sys.executable, "-m", "checker", "extract", bad], capture_output=True, cwd=ROOT, timeout=60)
    assert r.returncode == 2 and b"not valid UTF-8" in r.stderr and b"Traceback" not in r.stderr


# -- --against ----------------------------------------------------------------------------------------

def test_one_text_file_against_is_not_a_claim_store(tmp_path):
    (tmp_path / "x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("メモ:明日までに確認する。\n", encoding="utf-8")
    one_error(cli("check", str(tmp_path / "x.txt"), "--against", str(tmp_path / "notes.txt")), "notes.txt",
              "not a claim store")


# -- output that nothing in a document or a file name can hijack --------------------------------------

HOSTILE_NAME = "001\x1b[31m\n::error file=x.txt::injected"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Seed 001 under a file name with ESC, a newline and a workflow command, and the other seeds."""
    tmp = tmp_path_factory.mktemp("hostile")
    corpus = tmp / "corpus"
    corpus.mkdir()
    for f in SEEDS.glob("*.txt"):
        if not f.name.startswith("001"):
            shutil.copy(f, corpus / f.name)
    new = tmp / f"{HOSTILE_NAME}.txt"
    shutil.copy(next(SEEDS.glob("001_*.txt")), new)
    return new, corpus


@pytest.mark.parametrize("fmt", ["text", "github", "junit", "sarif", "json"])
def test_no_output_line_is_a_ci_command(hostile, fmt):
    new, corpus = hostile
    r = cli("check", str(new), "--against", str(corpus), "--format", fmt, "--fail-on", "never", "-q", timeout=300)
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout and "\x1b" not in r.stderr
    commands = [ln for ln in r.stdout.splitlines() if ln.lstrip().startswith("::")]
    if fmt == "github":
        assert commands and all(ln.startswith(("::error ", "::warning ", "::notice ")) for ln in commands)
        assert all("::injected" not in ln.split("::", 2)[1] for ln in commands)  # the name stays a property
    else:
        assert not commands, commands
    if fmt == "junit":
        root = ET.fromstring(r.stdout.encode("utf-8"))  # well-formed: no raw control characters
        assert any("\\x1b" in s.get("name") for s in root.iter("testsuite"))
    if fmt in ("sarif", "json"):
        json.loads(r.stdout)


def test_junit_control_characters_in_quotes(tmp_path):
    """ESC and other controls inside the document text itself reach the XML escaped."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in SEEDS.glob("*.txt"):
        if not f.name.startswith("001"):
            shutil.copy(f, corpus / f.name)
    text = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    new = tmp_path / "esc.txt"
    new.write_text(text.replace("。", "。\x1b[2J\x07\x0b", 40), encoding="utf-8")
    r = cli("check", str(new), "--against", str(corpus), "--format", "junit", "-q", timeout=300)
    assert r.returncode in (0, 1), r.stderr
    ET.fromstring(r.stdout.encode("utf-8"))
    assert not any(ch in r.stdout for ch in "\x1b\x07\x0b")


# -- the same files in any order ----------------------------------------------------------------------

def test_the_same_files_in_any_order_give_the_same_report(tmp_path):
    files = sorted(SEEDS.glob("*.txt"))
    a, _ = report_json(tmp_path, *files, name="a")
    b, _ = report_json(tmp_path, *reversed(files), name="b")
    c, _ = report_json(tmp_path, *(files[2:] + files[:2]), name="c")
    assert a == b == c
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


# -- two writers creating one store ---------------------------------------------------------------------

def test_two_store_adds_create_one_new_store(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXT, encoding="utf-8")
    (docs / "b.txt").write_text(OTHER, encoding="utf-8")
    for round_ in range(2):
        db = tmp_path / f"new{round_}.db"
        env = dict(os.environ, PYTHONIOENCODING="utf-8")
        procs = [subprocess.Popen([sys.executable, "-m", "checker", "store", "add", str(docs), "--store", str(db)],
                                  cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        outs = [p.communicate(timeout=300) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
        r = cli("store", "list", "--store", str(db), "--format", "json")
        assert sorted(d["id"] for d in json.loads(r.stdout)) == ["a", "b"]


def test_many_threads_open_one_new_store(tmp_path):
    from checker.store import Store

    for k in range(5):
        db = str(tmp_path / f"s{k}.db")
        errors: list[BaseException] = []
        start = threading.Barrier(8)

        def open_it():
            try:
                start.wait()
                with Store.open(db, create=True) as store:
                    store.hashes()
            except BaseException as exc:  # noqa: BLE001 - the test reports any failure
                errors.append(exc)

        threads = [threading.Thread(target=open_it) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
