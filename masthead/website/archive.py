"""The archive by date: /archive/, /archive/2025/, /archive/2025/05/, /archive/2025/05/16/.

Days are the site's days (its time zone), not UTC days: a story published at
23:35 in Shanghai belongs to that Shanghai date.
"""

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.template.response import TemplateResponse

from masthead.core.models import SiteSettings
from masthead.newsroom.listing import paginate
from masthead.newsroom.models import ArticlePage


def _zone(request) -> ZoneInfo:
    return ZoneInfo(SiteSettings.for_request(request).time_zone)


def _range(start: date, end: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end, time.min, tzinfo=zone),
    )


def archive_index(request):
    zone = _zone(request)
    months = (
        ArticlePage.objects.published()
        .order_by()
        .annotate(month=TruncMonth("first_published_at", tzinfo=zone))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )
    years: dict[int, dict] = {}
    for row in months:
        # Labels are made here, in the site's zone: the template filters
        # would shift the month start back into UTC (1 May 00:00 -> 30 April).
        month = row["month"]
        year = years.setdefault(
            month.year,
            {
                "year": month.year,
                "url": f"/archive/{month:%Y}/",
                "count": 0,
                "months": [],
            },
        )
        year["count"] += row["count"]
        year["months"].append(
            {
                "url": f"/archive/{month:%Y/%m}/",
                "label": month.strftime("%B"),
                "count": row["count"],
            }
        )
    request.surrogate_keys = {"archive"}
    return TemplateResponse(
        request,
        "website/archive_index.html",
        {"years": sorted(years.values(), key=lambda y: y["year"], reverse=True)},
    )


# The years the archive has pages for. Checked before any date is made: the
# URL takes any number of digits, and year 0, 10000 or a 23-digit day cannot
# be a date (nor 9999-12-31 + 1 day an end of period).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2999


def _check_year(year: int) -> None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise Http404("No such year.")


def archive_year(request, year: int):
    _check_year(year)
    return _listing(request, date(year, 1, 1), date(year + 1, 1, 1), "year")


def archive_month(request, year: int, month: int):
    _check_year(year)
    if not 1 <= month <= 12:
        raise Http404("No such month.")
    start = date(year, month, 1)
    end = start + timedelta(days=calendar.monthrange(year, month)[1])
    return _listing(request, start, end, "month")


def archive_day(request, year: int, month: int, day: int):
    _check_year(year)
    try:
        start = date(year, month, day)
    except (ValueError, OverflowError) as exc:
        raise Http404("No such day.") from exc
    return _listing(request, start, start + timedelta(days=1), "day")


def _listing(request, start: date, end: date, period: str):
    zone = _zone(request)
    since, until = _range(start, end, zone)
    articles = ArticlePage.objects.published().filter(
        first_published_at__gte=since, first_published_at__lt=until
    )
    earlier, later = neighbours(since, until, zone)
    request.surrogate_keys = {"archive"}
    return TemplateResponse(
        request,
        "website/archive_listing.html",
        {
            "period": period,
            "start": start,
            "page_of_articles": paginate(articles, request),
            "previous_link": _period_link(earlier, period),
            "next_link": _period_link(later, period),
        },
    )


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


def _period_link(day: date | None, period: str) -> dict | None:
    if day is None:
        return None
    if period == "day":
        return {"url": f"/archive/{day:%Y/%m/%d}/", "label": _day_label(day)}
    if period == "month":
        return {"url": f"/archive/{day:%Y/%m}/", "label": f"{day:%B %Y}"}
    return {"url": f"/archive/{day:%Y}/", "label": f"{day:%Y}"}


def _day_label(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def paths_around(day: date, zone: ZoneInfo) -> set[str]:
    """Archive pages whose content or previous/next links change when a story
    on `day` (a site-zone date) appears or goes: the index, its own day, month
    and year, and the nearest day, month and year on each side that have
    stories (their links may now skip to, or past, this one)."""
    paths = {"/archive/"}
    periods = (
        ("day", day, day + timedelta(days=1)),
        ("month", day.replace(day=1), _next_month(day)),
        (
            "year",
            day.replace(month=1, day=1),
            day.replace(year=day.year + 1, month=1, day=1),
        ),
    )
    for period, start, end in periods:
        paths.add(_period_link(start, period)["url"])
        for near in neighbours(*_range(start, end, zone), zone):
            if near is not None:
                paths.add(_period_link(near, period)["url"])
    return paths


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
