"""The archive by date: /archive/, /archive/2025/, /archive/2025/05/, /archive/2025/05/16/.

Days are the site's days (its time zone), not UTC days: a story published at
23:35 in Shanghai belongs to that Shanghai date. The address scheme and the
nearest-day lookup are `masthead.newsroom.date_archive`, which the purge on
publish uses too; this module serves the pages.
"""

from datetime import date
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.template.response import TemplateResponse

from masthead.core.models import SiteSettings
from masthead.newsroom.date_archive import (
    neighbours,
    period_bounds,
    period_path,
    site_range,
)
from masthead.newsroom.listing import paginate
from masthead.newsroom.models import ArticlePage


def _zone(request) -> ZoneInfo:
    return ZoneInfo(SiteSettings.for_request(request).time_zone)


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
                "url": period_path(month, "year"),
                "count": 0,
                "months": [],
            },
        )
        year["count"] += row["count"]
        year["months"].append(
            {
                "url": period_path(month, "month"),
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
    return _listing(request, *period_bounds(date(year, 1, 1), "year"), "year")


def archive_month(request, year: int, month: int):
    _check_year(year)
    if not 1 <= month <= 12:
        raise Http404("No such month.")
    return _listing(request, *period_bounds(date(year, month, 1), "month"), "month")


def archive_day(request, year: int, month: int, day: int):
    _check_year(year)
    try:
        start = date(year, month, day)
    except (ValueError, OverflowError) as exc:
        raise Http404("No such day.") from exc
    return _listing(request, *period_bounds(start, "day"), "day")


def _listing(request, start: date, end: date, period: str):
    zone = _zone(request)
    since, until = site_range(start, end, zone)
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


def _period_link(day: date | None, period: str) -> dict | None:
    if day is None:
        return None
    labels = {"day": _day_label(day), "month": f"{day:%B %Y}", "year": f"{day:%Y}"}
    return {"url": period_path(day, period), "label": labels[period]}


def _day_label(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
