"""RSS 2.0 and Atom feeds: one story per item/entry."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from lxml import etree

from .agencies import normalise_provider
from .common import clean_byline, clean_text, first, parse_datetime
from .errors import WireRefusal
from .safe_xml import parse_xml, sniff_root
from .sanitize import clean_html, text_to_html
from .story import WireStory
from .xmlbody import text_of

_LOOKS_HTML = re.compile(r"<(p|br|div|a|strong|em|b|i|ul|ol)\b", re.I)


def can_parse(data: bytes) -> bool:
    return sniff_root(data) in ("rss", "feed", "RDF")


def parse(data: bytes) -> list[WireStory]:
    parsed = parse_xml(data)
    root = parsed.root
    if root.tag == "feed":
        entries, fmt = root.findall("entry"), "atom"
        feed_title = text_of(root.find("title"))
        feed_author = text_of(root.find("author/name"))
    elif root.tag in ("rss", "RDF"):
        channel = root.find("channel")
        entries = root.findall("channel/item") + root.findall("item")
        fmt = "rss"
        feed_title = text_of(channel.find("title")) if channel is not None else ""
        feed_author = ""
    else:
        raise WireRefusal(f"feed: unexpected root element <{root.tag}>")
    if not entries:
        raise WireRefusal(f"{fmt}: feed has no entries")
    provider = normalise_provider(feed_title, feed_author)
    stories = []
    for entry in entries:
        warnings = list(parsed.warnings)
        stories.append(_entry(entry, fmt, provider, feed_title, warnings))
    return stories


def _content(el: etree._Element | None) -> str:
    """Atom content/summary or RSS description as sanitised HTML."""
    if el is None:
        return ""
    if el.get("type") == "xhtml":
        inner = el.find("div")
        return (
            clean_html(etree.tostring(inner, method="html", encoding="unicode"))
            if inner is not None
            else ""
        )
    raw = "".join(el.itertext())
    if el.get("type") in ("html", "text/html") or _LOOKS_HTML.search(raw):
        return clean_html(raw)
    return text_to_html(raw)


def _entry(
    entry: etree._Element, fmt: str, provider: str, feed_title: str, warnings: list[str]
) -> WireStory:
    headline = text_of(entry.find("title"))
    if not headline:
        raise WireRefusal(f"{fmt}: entry without a title")
    if fmt == "atom":
        guid = text_of(entry.find("id")) or None
        link = entry.find("link[@rel='alternate']")
        if link is None:
            link = entry.find("link")
        url = link.get("href", "") if link is not None else ""
        body = _content(entry.find("content"))
        lead_html = _content(entry.find("summary"))
        byline = clean_byline(text_of(entry.find("author/name")))
        published = parse_datetime(
            text_of(entry.find("published")) or None,
            warnings,
            provider=provider,
            field="published",
        )
        updated = parse_datetime(
            text_of(entry.find("updated")) or None,
            warnings,
            provider=provider,
            field="updated",
        )
        subjects = [
            c.get("term", "") for c in entry.findall("category") if c.get("term")
        ]
    else:
        guid = text_of(entry.find("guid")) or None
        url = text_of(entry.find("link"))
        body = _content(entry.find("encoded"))
        lead_html = _content(entry.find("description"))
        byline = clean_byline(
            first(text_of(entry.find("creator")), text_of(entry.find("author")))
        )
        published = _rfc822(text_of(entry.find("pubDate")), warnings)
        updated = published
        subjects = [text_of(c) for c in entry.findall("category") if text_of(c)]
    if not body:
        body, lead_html = lead_html, ""
    lead = clean_text(re.sub(r"<[^>]+>", " ", lead_html))
    if not lead:
        lead = text_of(entry.find(".//first_line"))
    # Some feeds (WENN) put the text in their own namespace; prefer it when
    # the standard content is a placeholder.
    ext_body = entry.find(".//body")
    if ext_body is not None and len(text_of(ext_body)) > len(
        clean_text(re.sub(r"<[^>]+>", " ", body))
    ):
        body = _content(ext_body)
    if not body:
        warnings.append(f"{fmt}: entry has no content")
    return WireStory(
        format=fmt,
        guid=guid or url or None,
        version=None,
        headline=headline,
        lead=lead,
        body_html=body,
        byline=byline,
        provider=provider,
        source=first(feed_title, provider),
        subjects=tuple(dict.fromkeys(subjects)),
        first_created=published or updated,
        version_created=updated or published,
        source_url=url,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _rfc822(value: str, warnings: list[str]) -> datetime | None:
    if not value:
        return None
    try:
        dt = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return parse_datetime(value, warnings, field="pubDate")
    if dt.tzinfo is None:
        warnings.append(f"pubDate: {value!r} has no zone; treated as UTC")
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)
