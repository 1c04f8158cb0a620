"""The edition in the admin: a "PDF edition" menu item for chief editors,
listing the editions with their build logs and building one on demand."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from masthead.epaper.build import NothingToPrint, build_edition
from masthead.epaper.models import Edition, EditionBuild
from masthead.newsroom.roles import CHIEF_EDITORS


def may_build(user) -> bool:
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=CHIEF_EDITORS).exists()
    )


def editions_view(request):
    if not may_build(request.user):
        raise PermissionDenied
    if request.method == "POST":
        raw = request.POST.get("day", "").strip()
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            return HttpResponseBadRequest(
                f"Not a date (YYYY-MM-DD): {raw[:40]!r}", content_type="text/plain"
            )
        reason = request.POST.get("reason", "").strip()[:500]
        try:
            edition = build_edition(
                day,
                trigger=EditionBuild.Trigger.ADMIN,
                reason=reason
                or f"Built in the admin by {request.user.get_username()}.",
                user=request.user,
            )
        except NothingToPrint as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"Edition of {day:%Y-%m-%d} built: {edition.pages} pages.",
            )
        return redirect("epaper_admin")
    editions = Edition.objects.prefetch_related("builds")[:60]
    return TemplateResponse(
        request,
        "epaper/admin/editions.html",
        {
            "editions": [
                (e, default_storage.url(e.pdf) if e.pdf else "") for e in editions
            ],
            "today": date.today().isoformat(),
        },
    )


@hooks.register("register_admin_urls")
def register_edition_urls():
    return [path("epaper/", editions_view, name="epaper_admin")]


class EditionMenuItem(MenuItem):
    def is_shown(self, request):
        return may_build(request.user)


@hooks.register("register_admin_menu_item")
def register_edition_menu_item():
    return EditionMenuItem(
        "PDF edition",
        reverse("epaper_admin"),
        name="epaper",
        icon_name="doc-full",
        order=360,
    )
