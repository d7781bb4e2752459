"""Error-level findings as schema.org ``ClaimReview`` records (JSON-LD), for fact-checking tools.

One review per finding of severity ``error``::

    claimReviewed   the flagged quote, as the document writes it
    itemReviewed    a Claim: where it appears (the document's URL, else its path), its author where
                    the page names one, the date the page states
    reviewRating    the checker's verdict on a three-step scale (1 contradicted, 2 unsupported,
                    3 corroborated); an error is always 1, its alternateName says how it is wrong
    url             the finding's anchor in the HTML report

Like the other outputs it is a pure function of the :class:`Report`: same report, same bytes, no
timestamps.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from checker.records import Finding, Report
from claims.models import Document

from .quotes import plain_markdown, sides
from .render import finding_anchor

SCALE = {"worstRating": 1, "bestRating": 3}
SCALE_TEXT = "1 contradicted (an error), 2 unsupported, 3 corroborated"
VERDICT = {
    "misattribution": "misattributed: the better-supported sources give this to someone else",
    "role_conflict": "wrong office: sources show a different holder or status at that date",
    "location_conflict": "wrong place: other sources place this elsewhere",
    "date_conflict": "wrong date: other sources date this differently",
    "number_conflict": "wrong figure: other sources give a different value",
    "negation_conflict": "contradicted: other sources state the opposite",
    "internal_contradiction": "self-contradictory: the document states two incompatible things",
}
BYLINE = re.compile(r"^[【〔（(]\s*[^=＝】〕）)\n]{1,20}[=＝]\s*([^】〕）)\n]{1,30}?)\s*[】〕）)]", re.M)
URL_LINE = re.compile(r"^(?:URL|url|出典|Source|source)\s*[:：]\s*(https?://\S+)", re.M)


class _Meta(HTMLParser):
    """The author and URL a page's head names: meta author, article:author, og:url, canonical link."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.author: str | None = None
        self.url: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "").strip() for k, v in attrs}
        key = (a.get("name") or a.get("property") or "").lower()
        if tag == "meta" and key in ("author", "article:author") and a.get("content") and not self.author:
            self.author = a["content"]
        elif tag == "meta" and key == "og:url" and a.get("content", "").startswith("http"):
            self.url = self.url or a["content"]
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href", "").startswith("http"):
            self.url = a["href"]


def page_meta(doc: Document | None) -> tuple[str | None, str | None]:
    """(author, URL) where the document names them; (None, None) where it does not."""
    if doc is None:
        return None, None
    if doc.format == "html":
        meta = _Meta()
        try:
            meta.feed(doc.text)
            meta.close()
        except (AssertionError, ValueError):  # html.parser gives up on some broken markup
            pass
        if meta.author or meta.url:
            return meta.author, meta.url
    head = doc.visible[:3000]
    byline, url = BYLINE.search(head), URL_LINE.search(head)
    return (byline.group(1).strip() if byline else None), (url.group(1) if url else None)


def claimreviews(report: Report, report_url: str = "report.html") -> list[dict]:
    """One ClaimReview per error-level finding, in the report's finding order."""
    docs = {d.id: d for d in report.documents}
    paths = {s.id: s.path for s in report.sources}
    out = []
    for k, f in enumerate(report.findings):
        if f.severity == "error":
            out.append(_review(f, k, docs.get(f.source), paths.get(f.source, f.source), report_url))
    return out


def _review(f: Finding, k: int, doc: Document | None, path: str, report_url: str) -> dict:
    flagged, against, _ = sides(f)
    quote = flagged[0].quote if flagged else ""
    if doc is not None and doc.format == "md":
        quote = plain_markdown(quote)
    author, url = page_meta(doc)
    appearance = {"@type": "CreativeWork", "url": url or path, "name": (doc.title if doc else "") or f.source}
    if author:
        appearance["author"] = {"@type": "Person" if _personal(author) else "Organization", "name": author}
    claim = {"@type": "Claim", "appearance": [appearance], "name": quote}
    if author:
        claim["author"] = appearance["author"]
    if doc is not None and doc.published:
        claim["datePublished"] = doc.published
        appearance["datePublished"] = doc.published
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{report_url}#{finding_anchor(f, k)}",
        "name": f"{f.code} {f.type}".strip(),
        "claimReviewed": quote,
        "reviewBody": f.message,
        "inLanguage": "ja",
        "itemReviewed": claim,
        "reviewRating": {"@type": "Rating", "ratingValue": 1, **SCALE, "alternateName": VERDICT.get(f.type, "contradicted"),
                         "ratingExplanation": f.message, "description": SCALE_TEXT},
        "author": {"@type": "Organization", "name": "claimcheck"},
    }
    if against:
        review["citation"] = [{"@type": "CreativeWork", "name": f"{e.source}, line {e.line}", "text": e.quote}
                              for e in against]
    return review


def _personal(author: str) -> bool:
    """A named author rather than a desk: no organisation word in it."""
    return not re.search(r"(?:班|部|局|社|編集|新聞|通信|ニュース|チーム|News|Press|Team|Desk)", author)


def claimreview_jsonld(report: Report, report_url: str = "report.html") -> str:
    """The reviews as one JSON-LD document: a list, each review carrying its own @context."""
    return json.dumps(claimreviews(report, report_url), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
