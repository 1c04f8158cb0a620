"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one story per item/entry.

The bytes our fetcher got are checked by safe_xml first (size cap, entity
declarations refused, DOCTYPE dropped unread, encoding repaired, depth
capped), then read by feedparser from memory: never from a URL or a file
name, with its own sanitiser and relative-URI resolution off, so it never
fetches anything. Every field it hands back is cleaned here (feed_text, nh3).

Each item stands or falls alone: one that cannot be published (no title and
no body) comes back as a WireRefusal at its position beside the stories; a
feed with no publishable item at all is refused whole.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import feedparser
from lxml import etree

from .agencies import normalise_provider
from .common import clean_byline, clean_text, derive_headline, first, parse_datetime
from .errors import WireRefusal
from .feed_text import absolute_links, body_html, html_to_text, plain_title

# Private helpers of the one XML module, reused so feeds obey the same limits.
from .safe_xml import MAX_DEPTH, _check_depth, _parser, prepare_xml_text, sniff_root
from .story import WireStory

DERIVED_HEADLINE = "headline derived from the body"
_ISO_START = re.compile(r"^\s*\d{4}")
_ISO_SLASHES = re.compile(r"^(\d{4})/(\d{2})/(\d{2})")
# "+01:00" at the end of an RFC 822 date: email.utils only reads "+0100".
_COLON_ZONE = re.compile(r"([+-]\d{2}):(\d{2})$")
_ADDRESS_NAME = re.compile(r"^\s*<?[^\s@<>()]+@[^\s@<>()]+>?\s*\((.+)\)\s*$")
_EMAIL_ONLY = re.compile(r"^\s*<?[^\s@<>()]+@[^\s@<>()]+>?\s*$")


def can_parse(data: bytes) -> bool:
    return sniff_root(data) in ("rss", "feed", "RDF")


def parse(data: bytes) -> list[WireStory | WireRefusal]:
    fmt = "atom" if sniff_root(data) == "feed" else "rss"
    warnings: list[str] = []
    text = _prechecked(data, warnings)
    try:
        parsed = feedparser.parse(
            # A stream, so feedparser can never take the input for a URL or path.
            io.BytesIO(('<?xml version="1.0" encoding="utf-8"?>' + text).encode()),
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except (KeyError, AttributeError, IndexError, TypeError, ValueError) as exc:
        # Its lenient reader can trip over badly broken markup (an end tag
        # of a Media RSS element it never saw open): refused with a reason.
        raise WireRefusal(
            f"{fmt}: feed is too badly broken to read ({type(exc).__name__}: {exc})"
        ) from exc
    entries = parsed.entries
    if not entries:
        raise WireRefusal(f"{fmt}: feed has no entries")
    channel = parsed.feed
    feed_title = plain_title(channel.get("title"), _type(channel, "title_detail"))
    feed_author = ""
    if fmt == "atom":
        feed_author = clean_text((channel.get("author_detail") or {}).get("name"))
    provider = normalise_provider(feed_title, feed_author)
    outputs: list[WireStory | WireRefusal] = []
    for n, entry in enumerate(entries, start=1):
        try:
            outputs.append(
                _entry(entry, fmt, provider, feed_title, list(warnings), n, channel)
            )
        except WireRefusal as refusal:
            outputs.append(refusal)
    refusals = [o for o in outputs if isinstance(o, WireRefusal)]
    if len(refusals) == len(outputs):
        if len(outputs) == 1:
            raise refusals[0]
        raise WireRefusal(
            f"{fmt}: none of the {len(outputs)} items can be published "
            f"({refusals[0].reason})"
        )
    return outputs


def _prechecked(data: bytes, warnings: list[str]) -> str:
    """Our own XML safety rules before feedparser sees a byte: returns the
    decoded text (declaration removed, HTML entities mapped)."""
    text = prepare_xml_text(data, warnings)
    try:
        root = etree.fromstring(text.encode("utf-8"), _parser())
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc).lower():
            raise WireRefusal(
                f"XML: elements nested deeper than {MAX_DEPTH} levels"
            ) from exc
        reason = getattr(exc, "msg", "") or str(exc)
        warnings.append(f"feed is not well-formed XML ({reason}); read leniently")
        return text
    if root is not None:
        _check_depth(root, MAX_DEPTH)
    return text


def _type(entry: Mapping, key: str, default: str = "text/plain") -> str:
    detail = entry.get(key) or {}
    return detail.get("type") or default


def _ext(entry: Mapping, suffix: str) -> str:
    """A text value of a foreign-namespace element (e.g. WENN's wenn_cm:body),
    which feedparser keys as prefix_localname."""
    for key, value in entry.items():
        if key.endswith(suffix) and key != suffix and isinstance(value, str):
            if value.strip():
                return value
    return ""


def _entry(
    entry: Mapping,
    fmt: str,
    provider: str,
    feed_title: str,
    warnings: list[str],
    n: int,
    channel: Mapping,
) -> WireStory:
    headline = plain_title(entry.get("title"), _type(entry, "title_detail"))
    url = _link(entry)
    body, base = "", ""
    for content in entry.get("content") or []:
        body = body_html(content.get("value"), content.get("type") or "text/html")
        if body:
            base = content.get("base") or ""
            break
    summary = entry.get("summary_detail")
    lead_html = ""
    if summary:
        lead_html = body_html(summary.get("value"), summary.get("type") or "")
    if not body:
        body, lead_html = lead_html, ""
        base = (summary or {}).get("base") or ""
    # Relative links would point into our own site: made absolute against the
    # item's xml:base, its link or the feed's link (string work, no fetching).
    body = absolute_links(body, first(base, url, channel.get("link")))
    lead = html_to_text(lead_html) or clean_text(_ext(entry, "_first_line"))
    # Some feeds (WENN) put the text in their own namespace; prefer it when
    # the standard content is a placeholder.
    ext_body = _ext(entry, "_body")
    if ext_body and len(clean_text(ext_body)) > len(html_to_text(body)):
        body = body_html(ext_body, "text/plain")
    if not headline:
        # Through plain_title too: copy that shows escaped tags as text must
        # not lend them to the headline.
        headline = plain_title(derive_headline(body))
        if not headline:
            raise WireRefusal(f"{fmt}: item {n} has no title and no body")
        warnings.append(DERIVED_HEADLINE)
    if not body:
        warnings.append(f"{fmt}: entry has no content")
    guid = clean_text(entry.get("id")) or None
    published = _date(entry, "published", provider, warnings)
    updated = _date(entry, "updated", provider, warnings)
    subjects = [clean_text(t.get("term")) for t in entry.get("tags") or []]
    language = (entry.get("title_detail") or {}).get("language") or channel.get(
        "language"
    )
    return WireStory(
        format=fmt,
        guid=guid or url or None,
        version=None,
        headline=headline,
        lead=lead,
        body_html=body,
        byline=_byline(entry),
        provider=provider,
        source=first(feed_title, provider),
        language=clean_text(language),
        subjects=tuple(dict.fromkeys(s for s in subjects if s)),
        first_created=published or updated,
        version_created=updated or published,
        source_url=url,
        picture_credit=_picture_credit(entry),
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _link(entry: Mapping) -> str:
    """The item's web page: the alternate link, else the first that is not
    an enclosure (an RSS guid is not taken for a link)."""
    links = [x for x in entry.get("links") or [] if x.get("href")]
    for rel in ("alternate", None):
        for link in links:
            if (rel is None and link.get("rel") != "enclosure") or link.get(
                "rel"
            ) == rel:
                return clean_text(link["href"])
    return ""


def _byline(entry: Mapping) -> str:
    detail = entry.get("author_detail") or {}
    raw = plain_title(entry.get("author"))
    # RSS 2.0 <author> is "address (Name)"; feedparser's split misreads
    # addresses with long top-level domains, so that form is read here.
    m = _ADDRESS_NAME.match(raw)
    name = clean_byline(m.group(1) if m else first(detail.get("name"), raw))
    # An address alone names no writer; a reader is not shown it.
    return "" if _EMAIL_ONLY.match(name) else name


def _picture_credit(entry: Mapping) -> str:
    """Media RSS <media:credit> (the photographer's, when roles are given)."""
    credits = [c for c in entry.get("media_credit") or [] if c.get("content")]
    credits.sort(key=lambda c: c.get("role") not in ("photographer", None))
    return plain_title(credits[0]["content"]) if credits else ""


def _date(
    entry: Mapping, field: str, provider: str, warnings: list[str]
) -> datetime | None:
    """Our own readings first (they warn about a missing zone and use the
    agency's home zone); feedparser's many lenient formats as a fallback."""
    # dict.get: FeedParserDict.get("updated") falls back to "published" (with
    # a DeprecationWarning); each field is read for itself here.
    raw = clean_text(dict.get(entry, field))
    if not raw:
        return None
    if _ISO_START.match(raw):
        # ISO-like dates are ours alone: feedparser misreads "2024/01/02" as
        # 1 November, so it gets no second go at them.
        iso = _ISO_SLASHES.sub(r"\1-\2-\3", raw)
        return parse_datetime(iso, warnings, provider=provider, field=field)
    tried: list[str] = []
    dt = _rfc822(raw, tried, field)
    if dt is not None:
        warnings.extend(tried)
        return dt
    lenient = dict.get(entry, f"{field}_parsed")
    if isinstance(lenient, time.struct_time):
        warnings.append(f"{field}: {raw!r} read leniently (as UTC)")
        return datetime(*lenient[:6], tzinfo=UTC)
    warnings.append(f"{field}: unparseable date {raw!r} ignored")
    return None


def _rfc822(value: str, warnings: list[str], field: str) -> datetime | None:
    try:
        dt = parsedate_to_datetime(_COLON_ZONE.sub(r"\1\2", value))
    except (TypeError, ValueError, IndexError):
        return None
    if dt.tzinfo is None:
        warnings.append(f"{field}: {value!r} has no zone; treated as UTC")
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)
