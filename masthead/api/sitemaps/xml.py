"""Writing sitemap XML a piece at a time, so a big file streams out as its
rows come from the database instead of being built in memory first."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from django.utils.encoding import iri_to_uri

from masthead.api.addresses import xml_text

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
# Characters iri_to_uri keeps as they are and XML needs no escape for.
_PLAIN_URL = re.compile(r"[A-Za-z0-9/:.\-_~]*")
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def text(value) -> str:
    return escape(xml_text(value))


def loc(url: str) -> str:
    """A URL as sitemaps want it: percent-encoded (a slug may be Chinese), escaped."""
    if _PLAIN_URL.fullmatch(url):
        return url  # nothing to encode or escape: most of a month's URLs
    return escape(iri_to_uri(url))


def w3c(when: datetime) -> str:
    # isoformat, not strftime: several times faster over a month's URLs.
    return when.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


@dataclass
class NewsTags:
    name: str
    language: str
    published: datetime
    title: str


@dataclass
class UrlEntry:
    url: str
    lastmod: datetime | None = None
    images: list[str] = field(default_factory=list)
    news: NewsTags | None = None


def url_element(entry: UrlEntry) -> str:
    parts = [f"<url><loc>{loc(entry.url)}</loc>"]
    if entry.lastmod is not None:
        parts.append(f"<lastmod>{w3c(entry.lastmod)}</lastmod>")
    for image in entry.images:
        parts.append(f"<image:image><image:loc>{loc(image)}</image:loc></image:image>")
    if entry.news is not None:
        news = entry.news
        parts.append(
            "<news:news><news:publication>"
            f"<news:name>{text(news.name)}</news:name>"
            f"<news:language>{text(news.language)}</news:language>"
            "</news:publication>"
            f"<news:publication_date>{w3c(news.published)}</news:publication_date>"
            f"<news:title>{text(news.title)}</news:title>"
            "</news:news>"
        )
    parts.append("</url>\n")
    return "".join(parts)


def urlset(entries: Iterable[UrlEntry], *, images=False, news=False):
    """The chunks of a `<urlset>` document: write them out as they come."""
    namespaces = [f'xmlns="{SITEMAP_NS}"']
    if images:
        namespaces.append(f'xmlns:image="{IMAGE_NS}"')
    if news:
        namespaces.append(f'xmlns:news="{NEWS_NS}"')
    yield f"{XML_DECLARATION}<urlset {' '.join(namespaces)}>\n"
    for entry in entries:
        yield url_element(entry)
    yield "</urlset>\n"


def sitemap_index(sitemaps: Iterable[tuple[str, datetime | None]]):
    yield f'{XML_DECLARATION}<sitemapindex xmlns="{SITEMAP_NS}">\n'
    for url, lastmod in sitemaps:
        stamp = f"<lastmod>{w3c(lastmod)}</lastmod>" if lastmod else ""
        yield f"<sitemap><loc>{loc(url)}</loc>{stamp}</sitemap>\n"
    yield "</sitemapindex>\n"
