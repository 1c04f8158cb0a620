"""Where each sitemap lives, and which of them an article shows in.

`/sitemap.xml` is the index. Articles are in one sitemap per month of their
first publication (UTC), `/sitemaps/articles-2025-05.xml`; a month with more
URLs than one file may hold (`MASTHEAD_SITEMAP_URLS`, under the protocol's
50,000) continues in `/sitemaps/articles-2025-05-2.xml` and so on. Beside them:
the listing pages (`sections.xml`: home, sections, special reports, regions,
with the pictures they show), the other pages (`pages.xml`) and the news
sitemap of the last 48 hours (`news.xml`).
"""

from __future__ import annotations

from datetime import UTC, timedelta

from django.conf import settings
from django.utils import timezone

from masthead.api.sitemaps.months import forget_month, month_bounds
from masthead.newsroom.models import ArticlePage

SITEMAP_INDEX = "/sitemap.xml"
NEWS_SITEMAP = "/sitemaps/news.xml"
SECTIONS_SITEMAP = "/sitemaps/sections.xml"
PAGES_SITEMAP = "/sitemaps/pages.xml"

# The protocol allows 50,000 URLs (and 50 MB) per file; ours stay well under.
DEFAULT_URLS_PER_FILE = 40_000
NEWS_WINDOW = timedelta(hours=48)
# An article this close to leaving the news sitemap is still purged from it.
NEWS_PURGE_MARGIN = timedelta(hours=1)


def urls_per_file() -> int:
    return int(getattr(settings, "MASTHEAD_SITEMAP_URLS", DEFAULT_URLS_PER_FILE))


def month_path(year: int, month: int, part: int = 1) -> str:
    suffix = f"-{part}" if part > 1 else ""
    return f"/sitemaps/articles-{year:04d}-{month:02d}{suffix}.xml"


def parts_for(count: int) -> int:
    """How many files a month of `count` URLs takes (at least one)."""
    per_file = urls_per_file()
    return max(1, -(-count // per_file))


def sitemap_paths_for_article(article, listed_on: frozenset[str]) -> set[str]:
    """The index (a month's lastmod), the listing pages' sitemap (their lastmod
    and pictures), every file of the article's month (a story coming or going
    shifts the ones after it), and the news sitemap while it is recent.
    Registered with newsroom's purge; it also has the index's figures for the
    month forgotten (months.py), before the purge of the commit runs."""
    paths = {SITEMAP_INDEX, SECTIONS_SITEMAP}
    published = article.first_published_at
    if published is None:
        return paths
    published = published.astimezone(UTC)
    site = article.get_site()
    if site is not None:
        # The index must count this month afresh when it is rendered again.
        forget_month(site.root_page_id, published.year, published.month)
    start, end = month_bounds(published.year, published.month)
    count = (
        ArticlePage.objects.published()
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .count()
    )
    # One file more than the count needs: the one an unpublish just emptied.
    for part in range(1, parts_for(count) + 2):
        paths.add(month_path(published.year, published.month, part))
    if published >= timezone.now() - NEWS_WINDOW - NEWS_PURGE_MARGIN:
        paths.add(NEWS_SITEMAP)
    return paths
