"""The daily build: once the site's day reaches the edition hour."""

import logging
from datetime import datetime

from django.conf import settings

from masthead.core.scheduler import periodic
from masthead.epaper.build import NothingToPrint, build_edition
from masthead.epaper.content import site_zone
from masthead.epaper.models import Edition, EditionBuild

logger = logging.getLogger("masthead.epaper")


def edition_due(now: datetime | None = None):
    """The site-zone date whose edition should be built now, or None: after
    the edition hour, once per day (a rebuild is the takedown's business)."""
    local = (now or datetime.now(tz=site_zone())).astimezone(site_zone())
    if local.hour < settings.MASTHEAD_EDITION_HOUR:
        return None
    day = local.date()
    if Edition.objects.filter(day=day).exists():
        return None
    return day


@periodic("epaper-daily")
def build_daily_edition(now: datetime | None = None) -> str:
    day = edition_due(now)
    if day is None:
        return "not due"
    try:
        build_edition(
            day,
            trigger=EditionBuild.Trigger.SCHEDULE,
            reason=f"Daily build after {settings.MASTHEAD_EDITION_HOUR}:00.",
        )
    except NothingToPrint:
        # Checked again on the next tick: a story may still come that day.
        return "nothing to print"
    return f"built {day:%Y-%m-%d}"
