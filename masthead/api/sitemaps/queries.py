"""The rows sitemaps are made of, read as plain values (no page objects) on
the publish-time index, so a month of a million-article archive is one index
range (and the index's figures per month are kept: months.py).

Every article comes from newsroom's one definition of live (`published()`):
nothing embargoed, scheduled, unpublished or taken down, and nothing behind a
password or a sign-in (`public()`).
"""

from __future__ import annotations

import re
from datetime import datetime

from django.db.models.functions import Coalesce
from wagtail.models import Page

from masthead.api.addresses import media_url
from masthead.api.sitemaps.months import Month, archive_months, month_bounds
from masthead.newsroom.models import (
    ArticlePage,
    NewsImage,
    PersonPage,
    RegionPage,
    SectionPage,
    SpecialReportPage,
)
from masthead.website.models import HomePage, StandardPage

# Listing pages show the pictures of their newest stories: this many are named,
# found among the site's newest stories.
LISTING_STORIES = 10
NEWEST_STORIES = 1000
NEWS_MAX_URLS = 1000  # Google News reads at most this many per news sitemap
LISTING_TYPES = (HomePage, SectionPage, SpecialReportPage, RegionPage)
# `<embed embedtype="image" id="12" .../>` in a rich text field.
_EMBEDDED_IMAGE = re.compile(r'<embed\b[^>]*\bembedtype="image"[^>]*\bid="(\d+)"')


class SiteRows:
    """Rows of one Wagtail Site, with paths and image URLs made absolute."""

    def __init__(self, site, request, base: str):
        self.root = site.root_page
        self.request = request
        self.base = base
        self._image_urls: dict[str, str | None] = {}

    def url(self, url_path: str) -> str:
        return self.base + "/" + url_path[len(self.root.url_path) :]

    def image_url(self, name: str | None) -> str | None:
        if not name:
            return None
        # Remembered: a month's stories share pictures, and making each URL
        # (storage, base URL, host) was most of a month sitemap's time.
        url = self._image_urls.get(name)
        if url is None:
            storage = NewsImage._meta.get_field("file").storage
            url = self._image_urls[name] = media_url(storage.url(name), self.request)
        return url

    # Articles.

    def articles(self):
        return ArticlePage.objects.published().public().descendant_of(self.root)

    def months(self) -> list[Month]:
        """Every month with a published story, newest first (months.py)."""
        return archive_months(self.articles(), self.root.pk)

    def month_count(self, year: int, month: int) -> int:
        start, end = month_bounds(year, month)
        return (
            self.articles()
            .filter(first_published_at__gte=start, first_published_at__lt=end)
            .count()
        )

    def month_rows(self, year: int, month: int, offset: int, limit: int):
        """(url, lastmod, image URL or None) of one file of a month, oldest
        first, streamed from the database in chunks."""
        start, end = month_bounds(year, month)
        rows = (
            self.articles()
            .filter(first_published_at__gte=start, first_published_at__lt=end)
            .order_by("first_published_at", "id")
            .values_list(
                "url_path",
                # One time and one file per row: turning database timestamps
                # into datetimes was a fifth of a month's time.
                Coalesce("last_published_at", "first_published_at"),
                Coalesce("main_image__file", "video__poster__file"),
            )[offset : offset + limit]
        )
        for url_path, lastmod, image in rows.iterator(chunk_size=5000):
            yield self.url(url_path), lastmod, self.image_url(image)

    def news_rows(self, since: datetime):
        """(url, first published, headline) of the articles since `since`."""
        rows = (
            self.articles()
            .filter(first_published_at__gte=since)
            .values_list("url_path", "first_published_at", "title")[:NEWS_MAX_URLS]
        )
        for url_path, first, title in rows:
            yield self.url(url_path), first, title

    # Other pages.

    def listing_pages(self):
        """(url, lastmod, image URLs) of home, sections, special reports and
        regions. A listing changes when a story appears on it: its lastmod
        and pictures come from the site's newest stories, read once for all
        of them (a query per region would sort each region's whole list). A
        page none of those stories is on keeps its own publish time."""
        pages = (
            Page.objects.live()
            .public()
            .descendant_of(self.root, inclusive=True)
            .type(*LISTING_TYPES)
            .order_by("path")
            .values_list("id", "url_path", "path", "last_published_at")
        )
        newest = list(
            self.articles().values_list(
                "id",
                "path",
                "first_published_at",
                "main_image__file",
                "video__poster__file",
            )[:NEWEST_STORIES]
        )
        ids = [row[0] for row in newest]
        listed_on: dict[int, set[int]] = {}  # story -> regions and reports
        for through, column in (
            (ArticlePage.regions.through, "regionpage_id"),
            (ArticlePage.special_reports.through, "specialreportpage_id"),
        ):
            for story, page in through.objects.filter(
                articlepage_id__in=ids
            ).values_list("articlepage_id", column):
                listed_on.setdefault(story, set()).add(page)
        report_images = dict(
            SpecialReportPage.objects.filter(image__isnull=False).values_list(
                "id", "image__file"
            )
        )
        for page_id, url_path, path, last in pages:
            stories = [
                row
                for row in newest
                if row[1].startswith(path) or page_id in listed_on.get(row[0], ())
            ][:LISTING_STORIES]
            stamps = [s for s in (last, stories[0][2] if stories else None) if s]
            names = [report_images.get(page_id)]
            names += [image or poster for _, _, _, image, poster in stories]
            images = [self.image_url(n) for n in dict.fromkeys(names) if n]
            yield self.url(url_path), max(stamps) if stamps else None, images

    def other_pages(self):
        """(url, lastmod, image URLs) of every other public page: static
        pages (with the pictures in their text), people (their photo), the
        indexes of regions and people."""
        pages = list(
            Page.objects.live()
            .public()
            .descendant_of(self.root)
            .not_type(ArticlePage, *LISTING_TYPES)
            .order_by("path")
            .values_list("id", "url_path", "last_published_at")
        )
        ids = [page_id for page_id, _, _ in pages]
        images: dict[int, list[str]] = {}
        for page_id, photo in PersonPage.objects.filter(
            id__in=ids, photo__isnull=False
        ).values_list("id", "photo__file"):
            images[page_id] = [photo]
        embedded = {
            page_id: [int(i) for i in _EMBEDDED_IMAGE.findall(body or "")]
            for page_id, body in StandardPage.objects.filter(id__in=ids).values_list(
                "id", "body"
            )
        }
        wanted = {i for found in embedded.values() for i in found}
        files = dict(NewsImage.objects.filter(id__in=wanted).values_list("id", "file"))
        for page_id, found in embedded.items():
            images.setdefault(page_id, []).extend(files[i] for i in found if i in files)
        for page_id, url_path, last in pages:
            urls = [self.image_url(name) for name in images.get(page_id, [])]
            yield self.url(url_path), last, [u for u in urls if u]
