"""The site's clock: the zone and the way of writing a time that the default
site's settings name, for screens that have no request to read them from (the
admin's listings and messages, the wire desk, the worker).

Read on every admin request and for every time a listing shows, hence cached;
saving the settings or the site drops the cached clock (connected in
CoreConfig.ready()), and other processes see the change within CACHE_SECONDS.
"""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache
from django.db.models.signals import post_save
from wagtail.models import Site

from masthead.core.models import SiteSettings
from masthead.core.timefmt import DEFAULT_TIME_FORMAT, format_news_time

CACHE_KEY = "masthead:admin-clock"
CACHE_SECONDS = 60  # other processes see a change of the settings this late


def site_clock() -> tuple[str, str]:
    """(zone, pattern) of the default site's settings; UTC without a site."""
    clock = cache.get(CACHE_KEY)
    if clock is None:
        clock = _read_clock()
        cache.set(CACHE_KEY, clock, CACHE_SECONDS)
    return tuple(clock)


def _read_clock() -> tuple[str, str]:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "UTC", DEFAULT_TIME_FORMAT
    settings = SiteSettings.for_site(site)
    return settings.time_zone, settings.time_format


def forget_clock(**kwargs) -> None:
    cache.delete(CACHE_KEY)


def site_time(value: datetime | None) -> str:
    """`14:00 UTC+8, 2026-11-27`: a time in the site's zone and format."""
    if value is None:
        return ""
    zone, pattern = site_clock()
    return format_news_time(value, zone, pattern)


def connect() -> None:
    for model in (SiteSettings, Site):
        post_save.connect(forget_clock, sender=model, dispatch_uid=f"clock-{model}")
