"""The cached navigation every public page shows.

What is in it (sections, regions, static pages) is known to the apps above
core: the website registers its builder here in WebsiteConfig.ready()
(masthead.website.navigation). Core keeps the cache, so that every layer can
read the navigation (`navigation_for_request`) or drop it after a change
(`clear_navigation_cache`) without importing the pages it is made of.

The cache is a speed-up, never a dependency: with Redis down the navigation is
built from the database on every request rather than failing every page.
"""

import logging
from collections.abc import Callable

from django.core.cache import cache
from redis.exceptions import RedisError
from wagtail.models import Site

CACHE_KEY = "masthead:navigation:{site_id}"
# What a cache backend raises when its server is away: redis-py's errors, and
# OSError (refused or reset sockets, a full or unreadable file cache folder).
CACHE_ERRORS = (RedisError, OSError)
# A site with no builder registered (no website app) has an empty menu.
EMPTY = {"sections": [], "regions": [], "footer_pages": []}

logger = logging.getLogger("masthead.navigation")

_builder: Callable[[Site], dict] | None = None


def set_builder(build: Callable[[Site], dict]) -> None:
    """Name the function that builds a site's navigation from its pages."""
    # One builder per process, set once at start-up.
    global _builder
    _builder = build


def build_navigation(site: Site) -> dict:
    """The navigation of `site`, uncached."""
    if _builder is None:
        return dict(EMPTY)
    return _builder(site)


def navigation_for_request(request) -> dict:
    site = Site.find_for_request(request)
    if site is None:
        return {"sections": [], "regions": []}
    key = CACHE_KEY.format(site_id=site.pk)
    try:
        nav = cache.get(key)
    except CACHE_ERRORS as error:
        logger.warning(
            "navigation cache unavailable (%s); built from the database", error
        )
        return build_navigation(site)
    if nav is None:
        nav = build_navigation(site)
        try:
            cache.set(key, nav, 3600)
        except CACHE_ERRORS as error:
            logger.warning("navigation cache unavailable (%s); not stored", error)
    return nav


def clear_navigation_cache() -> None:
    for site_id in Site.objects.values_list("pk", flat=True):
        cache.delete(CACHE_KEY.format(site_id=site_id))
