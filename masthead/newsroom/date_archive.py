"""The archive by date as addresses: /archive/, /archive/2025/, /archive/2025/05/,
/archive/2025/05/16/, and which of them a story's publish date shows on.

Days are the site's days (its time zone), not UTC days: a story published at
23:35 in Shanghai belongs to that Shanghai date. The pages themselves are
served by `masthead.website.archive`; the scheme lives here, beside the
articles, because a publish must know which archive pages to purge.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from masthead.newsroom.models import ArticlePage

PERIODS = ("day", "month", "year")
INDEX_PATH = "/archive/"


def period_path(day: date, period: str) -> str:
    """The archive page of the day, month or year that `day` falls in."""
    if period == "day":
        return f"/archive/{day:%Y/%m/%d}/"
    if period == "month":
        return f"/archive/{day:%Y/%m}/"
    return f"/archive/{day:%Y}/"


def site_range(start: date, end: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The instants from the start of `start` to the start of `end` in `zone`."""
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end, time.min, tzinfo=zone),
    )


def period_bounds(day: date, period: str) -> tuple[date, date]:
    """The first day of `day`'s period and the first day after it."""
    if period == "day":
        return day, day + timedelta(days=1)
    if period == "month":
        first = day.replace(day=1)
        return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return day.replace(month=1, day=1), day.replace(year=day.year + 1, month=1, day=1)


def neighbours(
    since: datetime, until: datetime, zone: ZoneInfo
) -> tuple[date | None, date | None]:
    """The site-zone dates of the last story before `since` and the first at or
    after `until`: the nearest days (months, years) that have articles.

    Two single-row queries walking the publish-time index from the edge of the
    period, so empty stretches cost nothing however large the archive is (no
    tie-breaking column: it would add a sort, and only the time is read).
    """
    live = ArticlePage.objects.published()
    before = (
        live.filter(first_published_at__lt=since)
        .order_by("-first_published_at")
        .values_list("first_published_at", flat=True)
        .first()
    )
    after = (
        live.filter(first_published_at__gte=until)
        .order_by("first_published_at")
        .values_list("first_published_at", flat=True)
        .first()
    )
    return (
        before.astimezone(zone).date() if before else None,
        after.astimezone(zone).date() if after else None,
    )


def paths_around(day: date, zone: ZoneInfo) -> set[str]:
    """Archive pages whose content or previous/next links change when a story
    on `day` (a site-zone date) appears or goes: the index, its own day, month
    and year, and the nearest day, month and year on each side that have
    stories (their links may now skip to, or past, this one)."""
    paths = {INDEX_PATH}
    for period in PERIODS:
        start, end = period_bounds(day, period)
        paths.add(period_path(start, period))
        for near in neighbours(*site_range(start, end, zone), zone):
            if near is not None:
                paths.add(period_path(near, period))
    return paths
