"""The admin keeps the site's clock: its zone and its way of writing a time.

A newsroom schedules by one clock. Wagtail shows and reads admin times in the
user's profile zone, falling back to the server's TIME_ZONE (UTC here), which
is not the zone readers see (SiteSettings.time_zone). So:

- `WAGTAIL_USER_TIME_ZONES = []` (settings) hides the per-user choice;
- `install()` makes a profile's zone the default site's zone, and gives every
  user a profile when they sign in (Wagtail reads the zone from the profile and
  falls back to the server zone without one);
- the Django datetime formats (FORMAT_MODULE_PATH) are 24-hour, for the times
  Wagtail renders itself; our own screens and messages use `site_time()`,
  `23:35 UTC+8, 2025-05-16`, as the public site does.
"""

from __future__ import annotations

from datetime import datetime

from masthead.core.timefmt import DEFAULT_TIME_FORMAT, format_news_time

CACHE_KEY = "masthead:admin-clock"
CACHE_SECONDS = 60  # other processes see a change of the settings this late


def site_clock() -> tuple[str, str]:
    """(zone, pattern) of the default site's settings; UTC without a site.

    Read on every admin request and for every time a listing shows, hence
    cached (and dropped when the settings are saved)."""
    from django.core.cache import cache

    clock = cache.get(CACHE_KEY)
    if clock is None:
        clock = _read_clock()
        cache.set(CACHE_KEY, clock, CACHE_SECONDS)
    return tuple(clock)


def _read_clock() -> tuple[str, str]:
    from wagtail.models import Site

    from masthead.core.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "UTC", DEFAULT_TIME_FORMAT
    settings = SiteSettings.for_site(site)
    return settings.time_zone, settings.time_format


def forget_clock(**kwargs) -> None:
    from django.core.cache import cache

    cache.delete(CACHE_KEY)


def site_time(value: datetime | None) -> str:
    """`14:00 UTC+8, 2026-11-27`: an admin time in the site's zone and format."""
    if value is None:
        return ""
    zone, pattern = site_clock()
    return format_news_time(value, zone, pattern)


def _site_zone_for_profile(profile) -> str:
    return site_clock()[0]


def _give_profile(sender, user, **kwargs) -> None:
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(user)


def install() -> None:
    """Called once at start-up (desk_hooks)."""
    from django.contrib.auth.signals import user_logged_in
    from django.db.models.signals import post_save
    from wagtail.models import Site
    from wagtail.users.models import UserProfile

    from masthead.core.models import SiteSettings

    UserProfile.get_current_time_zone = _site_zone_for_profile
    user_logged_in.connect(_give_profile, dispatch_uid="masthead_admin_profile")
    for model in (SiteSettings, Site):
        post_save.connect(forget_clock, sender=model, dispatch_uid=f"clock-{model}")
