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
from masthead.core.public_urls import base_url, page_url
from masthead.newsroom.date_archive import paths_around

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
        paths |= paths_around(article.first_published_at.astimezone(zone).date(), zone)
    paths |= set(FEED_AND_SITEMAP_PATHS)
    paths.discard(None)
    return paths


def surrogate_keys_for(page) -> set[str]:
    """Keys a CDN can purge a served page by: `page-<id>` on every page, and on
    an article `article-<id>` and `section-<id>` of its section."""
    keys = {f"page-{page.pk}"}
    if page.specific_class is not None and (
        page.specific_class._meta.label_lower == "newsroom.articlepage"
    ):
        keys |= {f"article-{page.pk}", f"section-{page.get_parent().pk}"}
    return keys


def remember_paths_before_publish(article) -> None:
    """Before a live article is saved with new content, note the URLs its live
    version shows on: a region or author taken off it, or a changed slug,
    leaves pages that still list the old version."""
    from masthead.newsroom.models import ArticlePage

    before = ArticlePage.objects.filter(pk=article.pk, live=True).first()
    if before is not None:
        article._masthead_paths_before = paths_for_article(before)


def purge_for_article(article) -> set[str]:
    from masthead.newsroom.fragments import bump_section, section_path_of

    transaction.on_commit(lambda: bump_section(section_path_of(article)), robust=True)
    paths = paths_for_article(article)
    paths |= getattr(article, "_masthead_paths_before", set())
    article._masthead_paths_before = set()
    _purge_after_commit(paths, _full_urls(article, paths))
    return paths


def _full_urls(page, paths: set[str]) -> list[str]:
    site = page.get_site()
    if site is None:
        return [page.full_url] if page.full_url else []
    root = base_url(fallback=site.root_url)
    return [root + path for path in sorted(paths)]


def purge_for_page(page) -> None:
    """A section, region, person or static page changed: titles and links of
    these show in the navigation and footer of every page, so drop everything."""
    from masthead.core.navigation import clear_navigation_cache

    def run():
        clear_navigation_cache()
        purge_all()
        url = page_url(page)
        _enqueue_cdn_purge([url] if url else [])

    # robust: a cache that is down must not fail the editor's publish.
    transaction.on_commit(run, robust=True)


def _purge_after_commit(paths: set[str], full_urls: list[str]) -> None:
    def run():
        purge_paths(paths)
        _enqueue_cdn_purge(full_urls)

    transaction.on_commit(run, robust=True)


def _enqueue_cdn_purge(urls: list[str]) -> None:
    from django.conf import settings

    if not settings.WAGTAILFRONTENDCACHE or not urls:
        return
    from masthead.core.tasks import purge_cdn_urls

    purge_cdn_urls.enqueue(urls=urls)
