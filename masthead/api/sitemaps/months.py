"""How many stories each month of the archive holds, and when its newest
change was: what the sitemap index needs, remembered per month.

Counting a month is one range of the publish-time index, but a ten-year
archive has 120 of them and a million stories: seconds for every render of the
index, which every publish purges. Past months hardly change, so their figures
are kept in the default cache; the current and the previous month are counted
afresh each time. Any change that purges a story's sitemaps (publish,
unpublish, takedown, embargo lift, delete) forgets its month's figures as it
commits, just before the purge (paths.py asks, `forget_month`), and what is
kept expires after a day anyway, so a figure a race left behind does not
last.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max
from django.db.models.functions import TruncMonth

from masthead.core.pagecache.store import CACHE_ERRORS

logger = logging.getLogger("masthead.sitemaps")

# A day, plus up to six hours more per month (from its key), so the figures
# of a whole archive counted together do not all lapse at the same render.
KEPT_SECONDS = 24 * 3600
KEPT_SPREAD_SECONDS = 6 * 3600


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    count: int
    lastmod: datetime | None


def month_bounds(year: int, month: int):
    """[start, end) of a calendar month in UTC."""
    start = datetime(year, month, 1, tzinfo=UTC)
    end = (
        datetime(year + 1, 1, 1, tzinfo=UTC)
        if month == 12
        else datetime(year, month + 1, 1, tzinfo=UTC)
    )
    return start, end


def _key(root_id: int, year: int, month: int) -> str:
    return f"masthead:sitemap-month:{root_id}:{year:04d}-{month:02d}"


def _months_between(newest: datetime, oldest: datetime):
    year, month = newest.year, newest.month
    while (year, month) >= (oldest.year, oldest.month):
        yield year, month
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)


def _count(articles, year: int, month: int) -> tuple[int, datetime | None]:
    start, end = month_bounds(year, month)
    stats = articles.filter(
        first_published_at__gte=start, first_published_at__lt=end
    ).aggregate(count=Count("id"), lastmod=Max("last_published_at"))
    return stats["count"], stats["lastmod"]


# More months than this to count: one grouped pass over their range instead of
# a query each (a cold index of a ten-year archive was 120 queries, 6 s at 1M).
GROUPED_FROM_MONTHS = 6


def _count_grouped(articles, months) -> dict[tuple[int, int], tuple]:
    """(count, lastmod) of each of `months`, in one query over their range."""
    oldest, newest = min(months), max(months)
    start, _ = month_bounds(*oldest)
    _, end = month_bounds(*newest)
    rows = (
        articles.filter(first_published_at__gte=start, first_published_at__lt=end)
        .order_by()
        .annotate(month=TruncMonth("first_published_at", tzinfo=UTC))
        .values("month")
        .annotate(count=Count("id"), lastmod=Max("last_published_at"))
        .values_list("month", "count", "lastmod")
    )
    found = {(m.year, m.month): (count, lastmod) for m, count, lastmod in rows}
    return {ym: found.get(ym, (0, None)) for ym in months}


def _cached(keys: list[str]) -> dict:
    try:
        return cache.get_many(keys)
    except CACHE_ERRORS:
        logger.warning("cache unavailable; counting every month", exc_info=True)
        return {}


def _keep(found: dict) -> None:
    try:
        for key, figures in found.items():
            spread = zlib.crc32(key.encode()) % KEPT_SPREAD_SECONDS
            cache.set(key, figures, KEPT_SECONDS + spread)
    except CACHE_ERRORS:
        logger.warning("cache unavailable; month figures not kept", exc_info=True)


def archive_months(articles, root_id: int) -> list[Month]:
    """Every month with a published story among `articles`, newest first."""
    newest = articles.values_list("first_published_at", flat=True).first()
    oldest = (
        articles.order_by("first_published_at", "id")
        .values_list("first_published_at", flat=True)
        .first()
    )
    if newest is None or oldest is None:
        return []
    months = list(_months_between(newest.astimezone(UTC), oldest.astimezone(UTC)))
    now = datetime.now(UTC)
    # Still filling up (or just closed, with late corrections): always counted.
    fresh = {
        (now.year, now.month),
        (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12),
    }
    keys = {ym: _key(root_id, *ym) for ym in months if ym not in fresh}
    cached = _cached(list(keys.values()))
    missing = [ym for ym in months if keys.get(ym) not in cached]
    counted = (
        _count_grouped(articles, missing)
        if len(missing) > GROUPED_FROM_MONTHS
        else {ym: _count(articles, *ym) for ym in missing}
    )
    to_keep = {}
    result = []
    for ym in months:
        key = keys.get(ym)
        if ym in counted:
            count, lastmod = counted[ym]
            if key is not None:
                to_keep[key] = (count, lastmod)
        else:
            count, lastmod = cached[key]
        if count:
            result.append(Month(ym[0], ym[1], count, lastmod))
    _keep(to_keep)
    return result


def forget_month(root_id: int, year: int, month: int) -> None:
    """Drop the kept figures of a month once the change in hand commits."""
    key = _key(root_id, year, month)

    def forget():
        try:
            cache.delete(key)
        except CACHE_ERRORS:
            logger.warning("cache unavailable; month figures kept", exc_info=True)

    transaction.on_commit(forget, robust=True)
