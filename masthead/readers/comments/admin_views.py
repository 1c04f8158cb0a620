"""The desk's comment screens in the Wagtail admin: the queue, blocked
addresses, per-section settings, and the count on the dashboard.

Each screen shows only the comments (and sections) of the desks where the
user may publish (moderation.py); an action on anything else is ignored.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component

from masthead.readers.comments import moderation
from masthead.readers.comments.models import BlockedAddress, Comment, CommentSettings

Status = Comment.Status
PER_PAGE = 50

# Queue tabs: the filter each one applies to the user's comments.
VIEWS = {
    "waiting": ("Waiting", lambda c: c.waiting()),
    "reported": (
        "Reported",
        lambda c: c.filter(status=Status.PUBLISHED, reported_at__isnull=False),
    ),
    "published": ("Published", lambda c: c.filter(status=Status.PUBLISHED)),
    "rejected": ("Rejected", lambda c: c.filter(status=Status.REJECTED)),
    "spam": ("Spam", lambda c: c.filter(status=Status.SPAM)),
}
ACTIONS = {
    "approve": (moderation.approve, "{n} comment{s} approved."),
    "reject": (moderation.reject, "{n} comment{s} rejected."),
    "spam": (moderation.mark_spam, "{n} comment{s} marked as spam."),
    "block": (
        moderation.block_addresses,
        "{n} address{es} blocked; their comments are marked as spam.",
    ),
}


def _require_moderator(request):
    if not moderation.moderates_anything(request.user):
        raise PermissionDenied


def queue(request):
    _require_moderator(request)
    mine = moderation.comments_for(request.user)
    if request.method == "POST":
        return _act(request, mine)
    view = request.GET.get("view", "waiting")
    if view not in VIEWS:
        view = "waiting"
    comments = VIEWS[view][1](mine).select_related("article", "parent")
    query = (request.GET.get("q") or "").strip()
    if query:
        comments = comments.filter(
            Q(body__icontains=query)
            | Q(name__icontains=query)
            | Q(email__iexact=query)
            | Q(article__title__icontains=query)
        )
    comments = comments.order_by("-reported_at", "-created_at", "-id")
    page = Paginator(comments, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "readers/comments/admin/queue.html",
        {
            "page_obj": page,
            "view": view,
            "views": [(key, label) for key, (label, _) in VIEWS.items()],
            "query": query,
        },
    )


def _act(request, mine):
    action = request.POST.get("action")
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    back = request.POST.get("next") or reverse("readers_comments_queue")
    if not back.startswith("/"):
        back = reverse("readers_comments_queue")
    if action not in ACTIONS or not ids:
        messages.warning(request, "Choose one or more comments and an action.")
        return redirect(back)
    do, message = ACTIONS[action]
    n = do(mine.filter(pk__in=ids), request.user)
    messages.success(
        request, message.format(n=n, s="" if n == 1 else "s", es="" if n == 1 else "es")
    )
    return redirect(back)


def blocked(request):
    _require_moderator(request)
    addresses = BlockedAddress.objects.select_related("blocked_by").order_by(
        "-blocked_at"
    )
    page = Paginator(addresses, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request, "readers/comments/admin/blocked.html", {"page_obj": page}
    )


@require_POST
def unblock(request, pk: int):
    _require_moderator(request)
    address = get_object_or_404(BlockedAddress, pk=pk)
    address.delete()
    messages.success(request, f"{address.email} may comment again.")
    return redirect("readers_comments_blocked")


class CommentSettingsForm(forms.ModelForm):
    class Meta:
        model = CommentSettings
        fields = ["publish_at_once", "close_after_days"]


def settings_index(request):
    _require_moderator(request)
    sections = moderation.sections_for(request.user).order_by("path")
    own = {
        s.section_id: s
        for s in CommentSettings.objects.filter(section__in=sections.values("pk"))
    }
    rows = [(section, own.get(section.pk)) for section in sections]
    return TemplateResponse(
        request, "readers/comments/admin/settings_index.html", {"rows": rows}
    )


def settings_edit(request, section_id: int):
    section = get_object_or_404(moderation.sections_for(request.user), pk=section_id)
    instance = CommentSettings.objects.filter(section=section).first()
    form = CommentSettingsForm(
        request.POST or None, instance=instance or CommentSettings(section=section)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Comment settings of {section.title} saved.")
        return redirect("readers_comments_settings")
    return TemplateResponse(
        request,
        "readers/comments/admin/settings_edit.html",
        {"section": section, "form": form},
    )


class WaitingCommentsPanel(Component):
    """Dashboard: comments waiting for review in the user's sections."""

    name = "readers_comments"
    template_name = "readers/comments/admin/panel.html"
    order = 55  # after the desk panel (newsroom's, 50)

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        mine = moderation.comments_for(self.user)
        context["held"] = mine.filter(status=Status.HELD).count()
        context["reported"] = mine.filter(
            status=Status.PUBLISHED, reported_at__isnull=False
        ).count()
        return context
