"""The daily digest: made by the worker once a day, at the hour the
newsletter settings name, in the site's time zone.

A worker that was down at that hour makes the day's digest when it comes
back the same day; two workers cannot make two (one digest per date is a
database constraint). The digest covers what was published since the last
one (at most the last 48 hours).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date
from wagtail.models import Site

from masthead.core.clock import site_clock
from masthead.core.models import SiteSettings

from .content import newsletter_articles
from .models import Mailing, NewsletterSettings
from .sending import create_mailing

DEFAULT_WINDOW = timedelta(hours=24)
LONGEST_WINDOW = timedelta(hours=48)
MADE_MARK_SECONDS = 3600


def make_due_digest(now: datetime | None = None) -> str:
    """Make today's digest if its hour has come and it is not made yet.
    Returns what happened: off, early, made (already), empty, or queued."""
    now = now or timezone.now()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "off"
    options = NewsletterSettings.for_site(site)
    if not options.digest_enabled:
        return "off"
    zone, _pattern = site_clock()
    local = now.astimezone(ZoneInfo(zone))
    if local.hour < options.digest_hour:
        return "early"
    edition = local.date()
    mark = f"masthead:digest-made:{edition.isoformat()}"
    if (
        cache.get(mark)
        or Mailing.objects.filter(kind=Mailing.Kind.DIGEST, edition=edition).exists()
    ):
        cache.set(mark, 1, MADE_MARK_SECONDS)
        return "made"

    previous = (
        Mailing.objects.filter(kind=Mailing.Kind.DIGEST, window_end__isnull=False)
        .order_by("-window_end")
        .first()
    )
    start = now - DEFAULT_WINDOW
    if previous is not None and previous.window_end > now - LONGEST_WINDOW:
        start = previous.window_end
    name = SiteSettings.for_site(site).masthead_name
    subject = f"{name}: your daily digest, {format_date(local, 'j F Y')}"
    fields = {"edition": edition, "window_start": start, "window_end": now}
    has_news = (
        newsletter_articles()
        .filter(first_published_at__gte=start, first_published_at__lt=now)
        .exists()
    )
    try:
        if not has_news:
            # Recorded all the same: the day is done, and the admin says why.
            with transaction.atomic():
                Mailing.objects.create(
                    kind=Mailing.Kind.DIGEST,
                    subject=subject,
                    state=Mailing.State.DONE,
                    finished_at=now,
                    last_error="Nothing was published since the last digest.",
                    **fields,
                )
            outcome = "empty"
        else:
            create_mailing(Mailing.Kind.DIGEST, subject, **fields)
            outcome = "queued"
    except IntegrityError:
        outcome = "made"  # another runner got there first
    cache.set(mark, 1, MADE_MARK_SECONDS)
    return outcome
