"""Purges for changes that show on every page but are not pages.

The masthead name, tagline, footer lines and social links (SiteSettings) and the
Site itself (its root page, host) are in the header and footer of every page, so
a change to them drops the whole page cache at once and asks the CDN to drop
every page of the site. Page changes (navigation order, section and static page
titles) are purged by masthead/newsroom/purge.py.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_tasks import task
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site

from masthead.core.models import SiteSettings
from masthead.core.pagecache import purge_all

logger = logging.getLogger("masthead.purge")

# Each CDN call names this many URLs at most; an archive can hold many thousands.
CDN_BATCH = 500
# Pages of the site that are not Wagtail pages but carry the same header and footer.
EXTRA_PATHS = ("/archive/", "/search/")


def site_urls(site) -> list[str]:
    """Every live page of `site` and the other pages with its chrome, as full URLs."""
    root = site.root_url.rstrip("/")
    prefix = site.root_page.url_path
    paths = [
        "/" + url_path[len(prefix) :]
        for url_path in Page.objects.live()
        .descendant_of(site.root_page, inclusive=True)
        .order_by("path")
        .values_list("url_path", flat=True)
        .iterator()
    ]
    return [root + path for path in [*paths, *EXTRA_PATHS]]


@task()
def purge_site_from_cdn(site_id: int) -> None:
    """Tell the CDN (Wagtail's frontend_cache backends) to drop every page of a site."""
    site = Site.objects.select_related("root_page").filter(pk=site_id).first()
    if site is None:
        return
    urls = site_urls(site)
    for start in range(0, len(urls), CDN_BATCH):
        purge_urls_from_cache(urls[start : start + CDN_BATCH])


def purge_site(site_id: int | None) -> None:
    """After the change commits: drop every cached page, and the CDN's copies."""

    def run():
        purge_all()
        if settings.WAGTAILFRONTENDCACHE and site_id is not None:
            purge_site_from_cdn.enqueue(site_id=site_id)

    # robust: a cache that is down must not fail the administrator's save.
    transaction.on_commit(run, robust=True)


def _on_site_settings_change(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_site(instance.site_id)


def _on_site_change(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_site(instance.pk if kwargs.get("signal") is post_save else None)


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            _on_site_settings_change,
            sender=SiteSettings,
            dispatch_uid=f"masthead-purge-site-settings-{signal is post_save}",
        )
        signal.connect(
            _on_site_change,
            sender=Site,
            dispatch_uid=f"masthead-purge-site-{signal is post_save}",
        )
