"""The admin keeps the site's clock (masthead.core.clock): its zone and its
way of writing a time.

A newsroom schedules by one clock. Wagtail shows and reads admin times in the
user's profile zone, falling back to the server's TIME_ZONE (UTC here), which
is not the zone readers see (SiteSettings.time_zone). So:

- `WAGTAIL_USER_TIME_ZONES = []` (settings) hides the per-user choice;
- `install()` makes a profile's zone the default site's zone, and gives every
  user a profile when they sign in (Wagtail reads the zone from the profile and
  falls back to the server zone without one);
- the Django datetime formats (FORMAT_MODULE_PATH) are 24-hour, for the times
  Wagtail renders itself, and name the zone as the site does (`UTC+8`, through
  the active zone's tzname, core.timefmt.SiteZone); our own screens and messages use
  `masthead.core.clock.site_time()`, `23:35 UTC+8, 2025-05-16`, as the public
  site does.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from wagtail.users.models import UserProfile

from masthead.core.clock import site_clock
from masthead.core.timefmt import SiteZone


def _site_zone_for_profile(profile) -> SiteZone:
    # A tzinfo, not a name: Wagtail activates it for the request, and its
    # tzname is the site's `UTC+8`, which the admin's DATETIME_FORMAT prints.
    return SiteZone(site_clock()[0])


def _give_profile(sender, user, **kwargs) -> None:
    UserProfile.get_for_user(user)


def install() -> None:
    """Called once at start-up (desk_hooks)."""
    UserProfile.get_current_time_zone = _site_zone_for_profile
    user_logged_in.connect(_give_profile, dispatch_uid="masthead_admin_profile")
