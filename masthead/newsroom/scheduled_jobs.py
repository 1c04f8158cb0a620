"""Periodic jobs of the newsroom, run on each tick of `masthead worker`."""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from masthead.core.scheduler import periodic
from masthead.newsroom.publishing import lift_due_embargoes

LAST_EMBARGO_CHECK = "masthead:embargo-check"


@periodic("embargo-lifts")
def embargo_lifts() -> int:
    now = timezone.now()
    # Without a record of the last run, look back a day: the audit log keeps
    # an embargo lifted already from being lifted (and logged) twice.
    since = cache.get(LAST_EMBARGO_CHECK) or now - timedelta(days=1)
    count = lift_due_embargoes(since, now)
    cache.set(LAST_EMBARGO_CHECK, now, None)
    return count
