"""Which URLs a change touches, and purging exactly those.

Our own page cache is purged at once (after the transaction commits), so a
publish is visible on the next request; the CDN is purged by a task because
it is a slow call to another service.
"""

import logging
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.db import transaction
from wagtail.models import Page

from masthead.core.pagecache import purge_all, purge_paths

logger = logging.getLogger("masthead.purge")

FEED_AND_SITEMAP_PATHS = ("/sitemap.xml",)


def _path(url: str | None) -> str | None:
    if not url:
        return None
    return urlsplit(url).path or "/"


def paths_for_article(article) -> set[str]:
    """The article, every section above it (home included), its regions,
    special reports and people, the archive pages of its date, feeds and sitemap."""
    from masthead.core.models import SiteSettings

    paths = {_path(article.url)}
    paths |= {
        _path(p.url) for p in Page.objects.ancestor_of(article).filter(depth__gt=1)
    }
    paths |= {_path(r.url) for r in article.regions.all()}
    paths |= {_path(r.url) for r in article.special_reports.all()}
    paths |= {_path(p.url) for p in article.authors.all()}
    if article.desk_editor_id:
        paths.add(_path(article.desk_editor.url))
    if article.first_published_at:
        site = article.get_site()
        zone = (
            ZoneInfo(SiteSettings.for_site(site).time_zone) if site else ZoneInfo("UTC")
        )
        day = article.first_published_at.astimezone(zone)
        paths |= {
            "/archive/",
            f"/archive/{day:%Y}/",
            f"/archive/{day:%Y/%m}/",
            f"/archive/{day:%Y/%m/%d}/",
        }
    paths |= set(FEED_AND_SITEMAP_PATHS)
    paths.discard(None)
    return paths


def purge_for_article(article) -> set[str]:
    paths = paths_for_article(article)
    _purge_after_commit(paths, [article.full_url])
    return paths


def purge_for_page(page) -> None:
    """A section, region, person or static page changed: titles and links of
    these show in the navigation and footer of every page, so drop everything."""
    from masthead.core.navigation import clear_navigation_cache

    def run():
        clear_navigation_cache()
        purge_all()
        _enqueue_cdn_purge([page.full_url] if page.full_url else [])

    transaction.on_commit(run)


def _purge_after_commit(paths: set[str], full_urls: list[str]) -> None:
    def run():
        purge_paths(paths)
        _enqueue_cdn_purge(full_urls)

    transaction.on_commit(run)


def _enqueue_cdn_purge(urls: list[str]) -> None:
    from django.conf import settings

    if not settings.WAGTAILFRONTENDCACHE or not urls:
        return
    from masthead.core.tasks import purge_cdn_urls

    purge_cdn_urls.enqueue(urls=urls)
