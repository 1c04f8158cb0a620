"""An HTML article page: main text and metadata via trafilatura (no fetching)."""

from __future__ import annotations

import re

from .agencies import normalise_provider
from .common import clean_byline, clean_text, parse_datetime
from .errors import WireRefusal
from .safe_xml import check_size, sniff_root
from .sanitize import paragraphs_to_html
from .story import WireStory

NAME = "html"
_HTML_HEAD = re.compile(rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html\b)", re.I | re.S)


def can_parse(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_HEAD.match(head)) or sniff_root(data) == "html"


def parse(data: bytes) -> list[WireStory]:
    check_size(data)
    # Imported lazily: trafilatura is heavy and only this format needs it.
    import trafilatura

    warnings: list[str] = []
    doc = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
    )
    if doc is None:
        raise WireRefusal("html: no article text found on the page")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    headline = clean_text(meta.get("title"))
    text = meta.get("text") or ""
    if not headline:
        raise WireRefusal("html: page has no title")
    paragraphs = [
        p for p in (" ".join(line.split()) for line in text.splitlines()) if p
    ]
    if not paragraphs:
        raise WireRefusal("html: no article text found on the page")
    lead = clean_text(meta.get("description"))
    if lead and paragraphs and clean_text(paragraphs[0]) == lead:
        paragraphs = paragraphs[1:]
    created = parse_datetime(meta.get("date"), warnings, field="date")
    site = clean_text(meta.get("sitename"))
    categories = meta.get("categories") or []
    tags = meta.get("tags") or []
    return [
        WireStory(
            format=NAME,
            headline=headline,
            lead=lead,
            body_html=paragraphs_to_html(paragraphs),
            byline=clean_byline(meta.get("author")),
            provider=normalise_provider(site),
            source=site,
            language=clean_text(meta.get("language")),
            subjects=tuple(dict.fromkeys([*categories, *tags])),
            first_created=created,
            version_created=created,
            source_url=clean_text(meta.get("url")),
            section_hint=" / ".join(categories[:2]) if categories else "",
            warnings=tuple(warnings),
        )
    ]
