"""The public pages of the edition: /epaper/ (by month), /epaper/2025/05/ and
/epaper/2025/05/16/. The PDF and its front-page image are plain files in
media storage (the `epaper` folder is public: `masthead serve` hands it to
granian, a CDN caches it); these pages are cached like any other page and
purged when an edition is built."""

from datetime import date

from django.core.files.storage import default_storage
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from masthead.epaper.models import Edition

# As the archive: the years anyone could mean; a 23-digit year is no date.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2999


def _built():
    return Edition.objects.exclude(pdf="")


def _day(year: int, month: int, day: int = 1) -> date:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise Http404("No such year.")
    try:
        return date(year, month, day)
    except ValueError as error:
        raise Http404("No such date.") from error


def _card(edition: Edition) -> dict:
    return {
        "edition": edition,
        "url": edition.get_absolute_url(),
        "pdf_url": default_storage.url(edition.pdf),
        "image_url": default_storage.url(edition.front_image)
        if edition.front_image
        else "",
    }


def edition_index(request):
    editions = _built()
    year = request.GET.get("year")
    if year is not None:
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            return HttpResponseBadRequest(
                "year must be four digits, e.g. ?year=2025", content_type="text/plain"
            )
        editions = editions.filter(day__year=int(year))
    months = (
        editions.order_by()
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )
    latest = editions.first()
    request.surrogate_keys = {"epaper"}
    return TemplateResponse(
        request,
        "epaper/index.html",
        {
            "latest": _card(latest) if latest else None,
            "months": [
                {
                    "label": row["month"].strftime("%B %Y"),
                    "url": f"/epaper/{row['month']:%Y/%m}/",
                    "count": row["count"],
                }
                for row in months
            ],
        },
    )


def edition_month(request, year: str, month: str):
    first = _day(int(year), int(month))
    editions = list(_built().filter(day__year=first.year, day__month=first.month))
    if not editions:
        raise Http404("No editions that month.")
    request.surrogate_keys = {"epaper"}
    return TemplateResponse(
        request,
        "epaper/month.html",
        {"month": first, "cards": [_card(e) for e in editions]},
    )


def edition_pdf(request, year: str, month: str, day: str):
    when = _day(int(year), int(month), int(day))
    edition = get_object_or_404(_built(), day=when)
    request.surrogate_keys = {"epaper"}
    response = HttpResponseRedirect(default_storage.url(edition.pdf))
    # Short-lived: a rebuild points it at new files (and purges it).
    patch_cache_control(response, public=True, max_age=300)
    return response


def edition_day(request, year: str, month: str, day: str):
    when = _day(int(year), int(month), int(day))
    edition = get_object_or_404(_built(), day=when)
    request.surrogate_keys = {"epaper"}
    return TemplateResponse(
        request,
        "epaper/day.html",
        {
            **_card(edition),
            "builds": edition.builds.all()[:20],
            "previous": _built().filter(day__lt=when).order_by("-day").first(),
            "next": _built().filter(day__gt=when).order_by("day").first(),
        },
    )
