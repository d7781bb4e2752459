"""What ``check`` reports: ``[tool.claimcheck]`` settings, the baseline file, inline suppressions."""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal, Optional, Sequence

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claims.ingest import InputError, decode
from claims.models import Document
from claims.segment import line_of, line_starts

from .pipeline import CODES as FINDING_CODES
from .records import Finding

# codes of the findings ``check`` adds itself
CHECK_CODES = {"bad_suppression": "CC901"}
CODES = {**FINDING_CODES, **CHECK_CODES}
BASELINE_VERSION = 1
MAX_RELATED = 25  # corpus documents a check compares with; analysis cost grows with their square


# -- [tool.claimcheck] -----------------------------------------------------------------------------

class Config(BaseModel):
    """Settings from pyproject.toml; command-line options override them."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    fail_on: Literal["error", "warning", "never"] = Field("error", alias="fail-on")
    ignore: tuple[str, ...] = ()  # finding codes (CC201) or types (unsupported_claim)
    store: Optional[str] = None
    baseline: Optional[str] = None
    max_related: int = Field(MAX_RELATED, alias="max-related", ge=1)


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` that has a [tool.claimcheck] table."""
    for folder in (start, *start.parents):
        p = folder / "pyproject.toml"
        if p.is_file() and "[tool.claimcheck" in p.read_text(encoding="utf-8", errors="replace"):
            return p
    return None


def load_config(path: str | None = None, start: Path | None = None) -> Config:
    """``[tool.claimcheck]`` of ``path``, or of the nearest pyproject.toml; defaults when there is none.

    ``store`` and ``baseline`` are resolved against the folder of the file they are written in.
    """
    p = Path(path) if path else find_pyproject((start or Path.cwd()).resolve())
    if p is None:
        return Config()
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            raise InputError(f"{p}: reading pyproject.toml needs Python 3.11 or the tomli package") from None
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{p}: {exc}") from exc
    table = data.get("tool", {}).get("claimcheck", {})
    try:
        config = Config.model_validate(table)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InputError(f"{p}: [tool.claimcheck]: {problems}") from exc
    unknown = [c for c in config.ignore if c not in CODES and c not in CODES.values()]
    if unknown:
        raise InputError(f"{p}: [tool.claimcheck] ignore: unknown finding code {', '.join(unknown)}")
    base = os.path.relpath(p.parent)
    return config.model_copy(update={k: os.path.normpath(os.path.join(base, v)) for k in ("store", "baseline")
                                     if (v := getattr(config, k))})


def codes_of(names: Iterable[str]) -> set[str]:
    """Finding codes from codes or type names; unknown names raise InputError."""
    out = set()
    for n in names:
        code = CODES.get(n, n)
        if code not in CODES.values():
            raise InputError(f"unknown finding code or type {n!r} (codes: {', '.join(sorted(CODES.values()))})")
        out.add(code)
    return out


# -- baseline ----------------------------------------------------------------------------------------

def fingerprint(f: Finding) -> str:
    """Stable across edits that move text: source id, code and the quoted evidence, not line numbers."""
    own = [e for e in f.evidence if e.source == f.source] or f.evidence
    quote = "\n".join(" ".join(e.quote.split()) for e in own)
    return hashlib.sha256(f"{f.source}\0{f.code}\0{quote}".encode("utf-8")).hexdigest()[:20]


def baseline_json(findings: Sequence[Finding]) -> str:
    rows = sorted(({"fingerprint": fingerprint(f), "source": f.source, "code": f.code, "type": f.type,
                    "quote": f.evidence[0].quote if f.evidence else ""} for f in findings),
                  key=lambda r: (r["source"], r["code"], r["fingerprint"]))
    return json.dumps({"schema_version": BASELINE_VERSION, "findings": rows}, ensure_ascii=False, indent=1) + "\n"


def read_baseline(path: str) -> Counter:
    """Fingerprint -> how many findings with it the baseline accepts."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return Counter(row["fingerprint"] for row in data["findings"])
    except OSError as exc:
        raise InputError(f"{path}: cannot read the baseline ({exc.strerror})") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a claimcheck baseline file ({exc})") from exc


def apply_baseline(findings: Sequence[Finding], accepted: Counter) -> tuple[list[Finding], int]:
    """The findings the baseline does not cover, and how many it hid."""
    left = Counter(accepted)
    kept = []
    for f in findings:
        fp = fingerprint(f)
        if left[fp] > 0:
            left[fp] -= 1
        else:
            kept.append(f)
    return kept, len(findings) - len(kept)


# -- inline suppressions: <!-- claimcheck: ignore CODE[,CODE] reason --> ------------------------------

DIRECTIVE = re.compile(r"<!--\s*claimcheck\s*:(.*?)-->", re.S)


@dataclass(frozen=True)
class Suppression:
    source: str
    first: int  # lines whose findings it covers, inclusive
    last: int
    start: int  # where to report a problem with it (offsets into the document text)
    end: int
    codes: tuple[str, ...] = ()
    reason: str = ""
    problem: str | None = None  # why it suppresses nothing

    def covers(self, f: Finding) -> bool:
        return (self.problem is None and f.source == self.source and f.code in self.codes and bool(f.evidence)
                and self.first <= f.evidence[0].line <= self.last)


def parse_directive(body: str) -> tuple[tuple[str, ...], str, str | None]:
    """(codes, reason, problem) of the text between 'claimcheck:' and '-->'."""
    words = body.split(None, 2)
    if not words or words[0] != "ignore":
        return (), "", "not a claimcheck directive (write: claimcheck: ignore CODE reason)"
    if len(words) < 2:
        return (), "", "no finding code (write: claimcheck: ignore CODE reason)"
    names = [n for n in words[1].split(",") if n]
    unknown = [n for n in names if CODES.get(n, n) not in CODES.values()]
    if unknown:
        return (), "", f"unknown finding code {', '.join(unknown)}"
    codes = tuple(sorted({CODES.get(n, n) for n in names}))
    reason = " ".join(words[2].split()) if len(words) > 2 else ""
    if not reason:
        return codes, "", "a suppression needs a reason (claimcheck: ignore CODE reason)"
    return codes, reason, None


def read_suppressions(doc: Document) -> list[Suppression]:
    """The suppression comments of a Markdown or HTML document.

    Markdown keeps its comments in the text: one covers its own line(s) and the line after.  HTML
    loses them when it is turned into text, so they are read from the raw file; one covers the line
    of text that follows it.
    """
    if doc.format == "md":
        starts = line_starts(doc.text)
        out = []
        for m in DIRECTIVE.finditer(doc.text):
            codes, reason, problem = parse_directive(m.group(1))
            first, last = line_of(starts, m.start()), line_of(starts, m.end() - 1)
            out.append(Suppression(doc.id, first, last + 1, m.start(), m.end(), codes, reason, problem))
        return out
    if doc.format == "html":
        return _html_suppressions(doc)
    return []


def _html_suppressions(doc: Document) -> list[Suppression]:
    from bs4 import BeautifulSoup, Comment

    try:
        raw, _ = decode(Path(doc.path).read_bytes())
    except (OSError, InputError):
        return []
    if "claimcheck" not in raw:
        return []
    soup = BeautifulSoup(raw, "html.parser")
    starts = line_starts(doc.text)
    out, cursor = [], 0
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        m = DIRECTIVE.fullmatch(f"<!--{c}-->")
        if not m:
            continue
        codes, reason, problem = parse_directive(m.group(1))
        at = _next_text_offset(c, doc.text, cursor)
        cursor = at
        line = line_of(starts, at)
        out.append(Suppression(doc.id, line, line, at, at, codes, reason, problem))
    return out


def _next_text_offset(comment, text: str, cursor: int) -> int:
    """Offset in the document text of the first visible text after an HTML comment."""
    from bs4 import Comment, NavigableString

    hidden = {"script", "style", "noscript", "template", "head", "title", "svg", "iframe", "object"}
    for el in comment.next_elements:
        if not isinstance(el, NavigableString) or isinstance(el, Comment):
            continue
        if any(p.name in hidden for p in el.parents if p.name):
            continue
        words = re.sub(r"[ \t\u3000]+", " ", str(el)).strip().split("\n")[0].strip()
        if words:
            found = text.find(words, cursor)
            return found if found >= 0 else cursor
    return len(text)
