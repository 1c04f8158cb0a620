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
    years: dict[int, list] = {}
    for row in months:
        # Labels are made here, in the site's zone: the template filters
        # would shift the month start back into UTC (1 May 00:00 -> 30 April).
        month = row["month"]
        years.setdefault(month.year, []).append(
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
        {"years": sorted(years.items(), reverse=True)},
    )


def archive_year(request, year: int):
    return _listing(request, date(year, 1, 1), date(year + 1, 1, 1), "year")


def archive_month(request, year: int, month: int):
    if not 1 <= month <= 12:
        raise Http404("No such month.")
    start = date(year, month, 1)
    end = start + timedelta(days=calendar.monthrange(year, month)[1])
    return _listing(request, start, end, "month")


def archive_day(request, year: int, month: int, day: int):
    try:
        start = date(year, month, day)
    except ValueError as exc:
        raise Http404("No such day.") from exc
    return _listing(request, start, start + timedelta(days=1), "day")


def _listing(request, start: date, end: date, period: str):
    if not 1900 <= start.year <= 2999:
        raise Http404("No such year.")
    since, until = _range(start, end, _zone(request))
    articles = ArticlePage.objects.published().filter(
        first_published_at__gte=since, first_published_at__lt=until
    )
    request.surrogate_keys = {"archive"}
    return TemplateResponse(
        request,
        "website/archive_listing.html",
        {
            "period": period,
            "start": start,
            "page_of_articles": paginate(articles, request),
        },
    )
