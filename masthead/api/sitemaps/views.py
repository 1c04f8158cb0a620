"""The sitemap index, its sitemaps, and robots.txt naming them (paths.py
says where each lives). Every URL is on the public base URL.

Sitemaps read no query parameter, except that the index answers a `p` (which
Django's sitemap index paged with, and the page cache keys) with a 400: it is
one file, whatever the size of the archive.
"""

from __future__ import annotations

from django.conf import settings
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.models import Site

from masthead.api.addresses import site_url
from masthead.api.sitemaps.paths import (
    NEWS_SITEMAP,
    NEWS_WINDOW,
    PAGES_SITEMAP,
    SECTIONS_SITEMAP,
    SITEMAP_INDEX,
    month_path,
    parts_for,
    urls_per_file,
)
from masthead.api.sitemaps.queries import SiteRows
from masthead.api.sitemaps.xml import NewsTags, UrlEntry, sitemap_index, urlset
from masthead.core.models import SiteSettings
from masthead.core.public_urls import base_url

XML = "application/xml; charset=utf-8"
# Chunks written to the client: one per URL would be a write per line.
STREAM_CHUNK_CHARS = 64 * 1024
EARLIEST_YEAR = 1900


def _rows(request) -> SiteRows:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site here.")
    return SiteRows(site, request, base_url(request))


def _buffered(chunks):
    buffer, size = [], 0
    for chunk in chunks:
        buffer.append(chunk)
        size += len(chunk)
        if size >= STREAM_CHUNK_CHARS:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


def _stream(chunks) -> StreamingHttpResponse:
    return StreamingHttpResponse(_buffered(chunks), content_type=XML)


def news_language(code: str | None = None) -> str:
    """The site's language as Google News names it: ISO 639 (`en`), except
    Chinese, which is `zh-cn` (simplified) or `zh-tw` (traditional)."""
    code = (code or settings.LANGUAGE_CODE).lower()
    if code.startswith("zh"):
        traditional = ("zh-tw", "zh-hant", "zh-hk", "zh-mo")
        return "zh-tw" if code.startswith(traditional) else "zh-cn"
    return code.split("-")[0]


@require_safe
def index(request):
    if "p" in request.GET:
        return HttpResponseBadRequest(
            "The sitemap index is a single file and takes no 'p' parameter: "
            "each <loc> in it names one sitemap.",
            content_type="text/plain; charset=utf-8",
        )
    rows = _rows(request)
    entries = [
        (site_url(NEWS_SITEMAP, request), None),
        (site_url(SECTIONS_SITEMAP, request), None),
        (site_url(PAGES_SITEMAP, request), None),
    ]
    for month in rows.months():
        for part in range(1, parts_for(month.count) + 1):
            path = month_path(month.year, month.month, part)
            entries.append((site_url(path, request), month.lastmod))
    return HttpResponse("".join(sitemap_index(entries)), content_type=XML)


@require_safe
def month(request, year, month, part=None):
    year, month, part = int(year), int(month), int(part or 1)
    if year < EARLIEST_YEAR or not 1 <= month <= 12:
        raise Http404("No such month.")
    rows = _rows(request)
    per_file = urls_per_file()
    offset = (part - 1) * per_file
    if offset >= rows.month_count(year, month):
        raise Http404("No such sitemap.")
    entries = (
        UrlEntry(url, lastmod, [image] if image else [])
        for url, lastmod, image in rows.month_rows(year, month, offset, per_file)
    )
    return _stream(urlset(entries, images=True))


@require_safe
def sections(request):
    entries = (
        UrlEntry(url, lastmod, images)
        for url, lastmod, images in _rows(request).listing_pages()
    )
    return _stream(urlset(entries, images=True))


@require_safe
def pages(request):
    entries = (
        UrlEntry(url, lastmod, images)
        for url, lastmod, images in _rows(request).other_pages()
    )
    return _stream(urlset(entries, images=True))


@require_safe
def news(request):
    name = SiteSettings.for_request(request).masthead_name
    language = news_language()
    since = timezone.now() - NEWS_WINDOW
    entries = (
        UrlEntry(url, news=NewsTags(name, language, published, title))
        for url, published, title in _rows(request).news_rows(since)
    )
    return _stream(urlset(entries, news=True))


@require_safe
def robots(request):
    lines = [
        "User-agent: *",
        # Endless combinations of queries: crawl the archive instead.
        "Disallow: /search/",
        "",
        f"Sitemap: {site_url(SITEMAP_INDEX, request)}",
        f"Sitemap: {site_url(NEWS_SITEMAP, request)}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
