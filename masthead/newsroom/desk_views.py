"""The desk's own admin screens: the home panel and the takedown form."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import IntegerField, Q
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.navigation import get_site_for_user
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.admin.views.pages.create import AddSubpageView
from wagtail.models import (
    GroupPagePermission,
    Page,
    Revision,
    Site,
    WorkflowState,
)

from masthead.core.models import SiteSettings
from masthead.newsroom.models import ArticlePage, Takedown
from masthead.newsroom.publishing import take_down
from masthead.newsroom.roles import chooser_pages_for_user, page_types_for_user


def desk_roots(user) -> list[Page]:
    """The section pages a user works on; everything for superusers."""
    if user.is_superuser:
        return list(Page.objects.filter(depth=2))
    paths = (
        GroupPagePermission.objects.filter(group__user=user)
        .values_list("page__path", flat=True)
        .distinct()
    )
    return list(Page.objects.filter(path__in=list(paths)))


def subtree(page: Page, prefix: str = "") -> Q:
    """The page and everything below it, as a range on the path index (a
    `path LIKE 'x%'` is a full scan on SQLite)."""
    longest = Page._meta.get_field("path").max_length
    top = page.path + Page.alphabet[-1] * (longest - len(page.path))
    return Q(**{f"{prefix}path__gte": page.path, f"{prefix}path__lte": top})


def covers_every_site(roots: list[Page]) -> bool:
    """The roots hold every top-level page (chief editors, superusers): no
    path filter at all, which lets the database pick the selective index."""
    paths = {root.path for root in roots if root.depth <= 2}
    if not paths:
        return False
    top = Page.objects.filter(depth=2).values_list("path", flat=True)
    return set(top) <= paths


def articles_on_desk(user, roots: list[Page] | None = None):
    roots = desk_roots(user) if roots is None else roots
    if not roots:
        return ArticlePage.objects.none()
    if covers_every_site(roots):
        return ArticlePage.objects.all()
    query = Q()
    for root in roots:
        query |= subtree(root)
    return ArticlePage.objects.filter(query)


def desk_filter(roots: list[Page], prefix: str) -> Q:
    """articles_on_desk as a filter on a relation (`prefix`, e.g. "article__")."""
    if not roots:
        return Q(pk__in=[])
    if covers_every_site(roots):
        return Q()
    query = Q()
    for root in roots:
        query |= subtree(root, prefix)
    return query


def today_range(site_settings: SiteSettings) -> tuple[datetime, datetime]:
    zone = ZoneInfo(site_settings.time_zone)
    start = datetime.combine(
        timezone.now().astimezone(zone).date(), time.min, tzinfo=zone
    )
    return start, start + timedelta(days=1)


class DeskPanel(Component):
    """Today on my desk: published, scheduled, in review, taken down, wire flags."""

    name = "masthead_desk"
    template_name = "newsroom/admin/desk_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context["request"]
        start, end = today_range(SiteSettings.for_request(request))
        roots = desk_roots(self.user)
        articles = articles_on_desk(self.user, roots)
        now = timezone.now()
        # object_id is text on revisions and workflow states (they hold any
        # model); cast it, or PostgreSQL refuses to compare it with page ids.
        scheduled_ids = (
            Revision.page_revisions.filter(approved_go_live_at__isnull=False)
            .annotate(page_id=Cast("object_id", IntegerField()))
            .values("page_id")
        )
        in_review_ids = (
            WorkflowState.objects.filter(
                status=WorkflowState.STATUS_IN_PROGRESS,
                base_content_type__model="page",
            )
            .annotate(page_id=Cast("object_id", IntegerField()))
            .values("page_id")
        )
        context.update(
            {
                "published_today": articles.filter(
                    live=True, last_published_at__gte=start, last_published_at__lt=end
                ).order_by("-last_published_at")[:50],
                "scheduled": articles.filter(
                    Q(pk__in=scheduled_ids) | Q(embargo_until__gt=now)
                ).order_by("go_live_at")[:50],
                "in_review": articles.filter(pk__in=in_review_ids).order_by(
                    "-latest_revision_created_at"
                )[:50],
                # A join on today's takedowns, not `article IN (every article
                # on the desk)`, which read the whole archive first.
                "taken_down": Takedown.objects.filter(
                    desk_filter(roots, "article__"),
                    taken_down_at__gte=start,
                    taken_down_at__lt=end,
                )
                .select_related("article", "taken_down_by")
                .order_by("-taken_down_at")[:50],
                # `> ''` (not `exclude('')`) reads the few flagged rows off
                # the wire_flag index.
                "wire_flagged": articles.filter(wire_flag__gt="").order_by(
                    "-latest_revision_created_at"
                )[:50],
            }
        )
        return context


class DeskPagesSummaryItem(PagesSummaryItem):
    """Wagtail's "N pages" on the dashboard, counted on the path index (its
    own count is a `path LIKE` over the whole archive)."""

    def get_context_data(self, parent_context):
        site_details = get_site_for_user(self.request.user)
        root_page = site_details["root_page"]
        page_count = 0
        if root_page:
            page_count = Page.objects.filter(subtree(root_page)).count()
            if root_page.is_root():
                page_count -= 1  # the tree's root is not a page
                try:
                    root_page = Site.objects.get().root_page
                except (Site.DoesNotExist, Site.MultipleObjectsReturned):
                    pass
        return {
            "root_page": root_page,
            "total_pages": page_count,
            "site_name": site_details["site_name"],
        }


def count_pages_on_index(request, summary_items):
    """`construct_homepage_summary_items`: our pages item for Wagtail's."""
    for index, item in enumerate(summary_items):
        if type(item) is PagesSummaryItem:
            summary_items[index] = DeskPagesSummaryItem(request)


class TakedownForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="Recorded in the audit log. Readers do not see it.",
    )


def takedown(request, page_id: int):
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not article.permissions_for_user(request.user).can_unpublish():
        raise PermissionDenied
    form = TakedownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            take_down(article, form.cleaned_data["reason"], user=request.user)
        except ValidationError as exc:
            form.add_error("reason", exc)
        else:
            messages.success(request, f"“{article.title}” was taken down everywhere.")
            return redirect("wagtailadmin_pages:edit", article.pk)
    return TemplateResponse(
        request,
        "newsroom/admin/takedown.html",
        {"page": article, "form": form, "history": article.takedowns.all()},
    )


class DeskChosenMultipleView(ChosenMultipleView):
    """Wagtail's "pages chosen" answer, limited to pages the chooser would offer.

    The stock view returns the title and URL of any page id it is given, so a
    reporter could read the titles of another desk's drafts by guessing ids.
    """

    def get(self, request):
        allowed = chooser_pages_for_user(Page.objects.all(), request).filter(
            pk__in=[pk for pk in request.GET.getlist("id") if pk.isdigit()]
        )
        pages = allowed.specific()
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": page.get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages
        ]
        return self.render_chosen_response(result)


class DeskAddSubpageView(AddSubpageView):
    """Wagtail's "choose a page type" screen, offering only the types this user
    may create here (`roles.may_create_page_type`): a reporter gets the article
    form straight away, as Wagtail does when one type is left."""

    def dispatch(self, request, parent_page_id, *args, **kwargs):
        parent = get_object_or_404(Page, id=parent_page_id).specific
        if not parent.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        models = [
            model
            for model in type(parent).creatable_subpage_models()
            if model.can_create_at(parent)
        ]
        models = page_types_for_user(request.user, parent, models)
        if len(models) == 1:
            meta = models[0]._meta
            return redirect(
                "wagtailadmin_pages:add", meta.app_label, meta.model_name, parent.id
            )
        self.parent_page = parent
        self.page_types = sorted(
            (
                (
                    model.get_verbose_name(),
                    model._meta.app_label,
                    model._meta.model_name,
                    model.get_page_description(),
                )
                for model in models
            ),
            key=lambda page_type: page_type[0].lower(),
        )
        return TemplateView.dispatch(self, request, parent_page_id, *args, **kwargs)
