"""The wire basket in the Wagtail admin.

A ModelViewSet over WireItem: the index (filters, search, pagination), a detail
view with the sanitised story preview, and the desk's actions: upload files,
create a draft article, download a raw file, parse a raw file again.

Permissions are WireItem's model permissions: `view` to see the basket, `add` to
upload, `change` to create drafts and parse again.
"""

import logging
import posixpath

from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet

from masthead.core.clock import site_time
from masthead.newsroom.models import ArticlePage
from masthead.wire.forms import CreateDraftForm, WireItemFilterSet, WireUploadForm
from masthead.wire.models import Channel, RawItem, WireItem
from masthead.wire.parsers import WireStory
from masthead.wire.parsers.sanitize import clean_html
from masthead.wire.promote import PromoteError, create_draft, section_by_path
from masthead.wire.services import MAX_BYTES, ingest_bytes, parse_raw

logger = logging.getLogger("masthead.wire")

RAW_PREVIEW_BYTES = 64 * 1024
MAX_UPLOAD_BYTES = MAX_BYTES  # the parsers' own cap: anything larger is refused anyway
URL_NAMESPACE = "wire_basket"  # "wire" is the public push/feed URLconf


def wire_url(name, *args):
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


class ArticleColumn(Column):
    cell_template_name = "wire/admin/article_cell.html"


class ChecksColumn(Column):
    """An "Incomplete" badge and a warning marker (the warnings in its title)."""

    cell_template_name = "wire/admin/checks_cell.html"


class WireIndexView(generic.IndexView):
    any_permission_required = ["view"]
    page_title = "Wire"
    add_item_label = "Upload files"
    template_name = "wire/admin/index.html"
    # Rows must not drag in the stored story JSON, and never the raw bytes.
    deferred_fields = ("story",)

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .defer(*self.deferred_fields)
            .prefetch_related(
                Prefetch(
                    "article",
                    queryset=ArticlePage.objects.only("id", "title", "live"),
                )
            )
        )

    def order_queryset(self, queryset):
        # Items of one file share their received time: the pk breaks ties so that
        # pages neither repeat nor skip rows.
        ordering = self.ordering if isinstance(self.ordering, str) else "-received_at"
        return queryset.order_by(ordering, "-pk" if ordering.startswith("-") else "pk")

    @cached_property
    def columns(self):
        return [
            Column(
                "received_at",
                label="Received",
                accessor=lambda item: site_time(item.received_at),
                sort_key="received_at",
            ),
            StatusTagColumn(
                "status",
                label="Status",
                accessor="get_status_display",
                primary=lambda item: item.status == WireItem.Status.OK,
                sort_key="status",
                classname="wire-wide",  # a refused row's headline says "Refused: ..."
            ),
            Column("provider", label="Provider", sort_key="provider"),
            # Status, format and version give way on a phone (wire/admin/index.html).
            Column("format", label="Format", sort_key="format", classname="wire-wide"),
            TitleColumn(
                "headline",
                label="Headline",
                accessor=_headline_or_reason,
                get_url=lambda item: wire_url("inspect", quote(item.pk)),
                sort_key="headline",
                classname="wire-headline",
            ),
            Column("version", label="Version", classname="wire-wide"),
            ChecksColumn("checks", label="Checks", accessor=_checks),
            ArticleColumn("article", label="Article"),
        ]


def _checks(item):
    warnings = item.warnings if isinstance(item.warnings, list) else []
    return {"incomplete": item.incomplete, "warnings": [str(w) for w in warnings]}


def _headline_or_reason(item):
    if item.headline:
        return item.headline
    if item.status == WireItem.Status.REJECTED:
        return f"Refused: {item.reason[:120]}"
    return ""


class WireItemDetailView(generic.InspectView):
    any_permission_required = ["view"]
    template_name = "wire/admin/detail.html"
    page_title = "Wire item"

    def get_object(self, queryset=None):
        return get_object_or_404(WireItem, pk=self.pk)

    def get_page_subtitle(self):
        return str(self.object)[:120]

    def get_fields(self):
        return []

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": wire_url("index"), "label": "Wire"},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        user = self.request.user
        can_change = self.user_has_permission("change")
        raw = RawItem.objects.get(pk=item.raw_id)
        context.update(
            item=item,
            raw=raw,
            raw_url=wire_url("raw", raw.pk),
            reparse_url=wire_url("reparse", raw.pk) if can_change else None,
            siblings=raw.items.exclude(pk=item.pk).only(
                "id", "headline", "status", "position", "reason"
            )[:50],
            versions=self.versions(item),
            article=self.article(item),
        )
        if item.status == WireItem.Status.OK and item.story:
            story = WireStory.from_json(item.story)
            context["story"] = story
            # Sanitised by the parser already; again here, as defence in depth.
            context["body_html"] = mark_safe(clean_html(story.body_html))  # noqa: S308
        if item.status == WireItem.Status.REJECTED:
            context["raw_head"], context["raw_truncated"] = self.raw_head(raw)
        if can_change and item.status == WireItem.Status.OK and not item.article_id:
            form = CreateDraftForm(user=user, incomplete=item.incomplete)
            hint = context.get("story") and context["story"].section_hint
            if hint:
                try:
                    form.initial["section"] = section_by_path(hint).pk
                except PromoteError:
                    pass
            context["draft_form"] = form
            context["draft_url"] = wire_url("create_draft", item.pk)
        return context

    @staticmethod
    def versions(item):
        if item.status != WireItem.Status.OK:
            return []
        return list(
            WireItem.objects.filter(
                status=WireItem.Status.OK,
                provider=item.provider,
                item_key=item.item_key,
            )
            .only("id", "version", "received_at", "signals", "headline", "article_id")
            .order_by("received_at", "pk")[:100]
        )

    @staticmethod
    def article(item):
        if not item.article_id:
            return None
        return ArticlePage.objects.filter(pk=item.article_id).first()

    @staticmethod
    def raw_head(raw):
        """The first 64 KB only, read from storage: a raw file can be large."""
        try:
            head = raw.read(RAW_PREVIEW_BYTES)
        except FileNotFoundError:
            return "(the raw file is missing from media storage)", False
        return head.decode("utf-8", errors="replace"), raw.size > RAW_PREVIEW_BYTES


class WirePermissionMixin(PermissionCheckedMixin):
    model = WireItem


class RawDownloadView(WirePermissionMixin, View):
    """The raw file as it arrived: always a download, never rendered."""

    permission_required = "view"
    http_method_names = ["get", "head"]

    def get(self, request, pk):
        raw = get_object_or_404(RawItem, pk=pk)
        name = posixpath.basename((raw.origin or "").replace("\\", "/"))
        name = name.strip().strip(".") or f"wire-raw-{raw.pk}"
        try:
            data = raw.read()
        except FileNotFoundError:
            raise Http404("The raw file is missing from media storage.") from None
        response = HttpResponse(data, content_type="application/octet-stream")
        response["Content-Disposition"] = content_disposition_header(True, name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "private, no-store"
        return response


class CreateDraftView(WirePermissionMixin, View):
    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request, pk):
        item = get_object_or_404(WireItem, pk=pk)
        detail_url = wire_url("inspect", item.pk)
        form = CreateDraftForm(
            request.POST, user=request.user, incomplete=item.incomplete
        )
        if not form.is_valid():
            messages.error(
                request,
                "Choose a section you may add articles to: "
                + "; ".join(e for errors in form.errors.values() for e in errors),
            )
            return redirect(detail_url)
        section = form.cleaned_data["section"]
        try:
            with transaction.atomic():
                # Lock the row so two desks clicking at once make one draft.
                item = WireItem.objects.select_for_update().get(pk=item.pk)
                article = create_draft(
                    item,
                    section,
                    user=request.user,
                    checked_incomplete=form.cleaned_data.get("checked_incomplete")
                    or False,
                )
        except (PromoteError, ValidationError) as exc:
            text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else exc
            messages.error(request, f"No draft made: {text}")
            return redirect(detail_url)
        messages.success(
            request,
            f"Draft \u201c{article.title}\u201d made in {section.title}.",
            buttons=[messages.button(detail_url, "Back to the wire item")],
        )
        return redirect("wagtailadmin_pages:edit", article.pk)


class ReparseView(WirePermissionMixin, View):
    """Parse a stored raw file again, e.g. after a parser fix.

    The raw bytes are kept either way; earlier refusal rows of the file are
    replaced by the outcome of the new parse, so a refused file does not pile up
    one refusal per attempt.
    """

    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            with transaction.atomic():
                raw = get_object_or_404(RawItem.objects.select_for_update(), pk=pk)
                old_refusals = list(
                    raw.items.filter(status=WireItem.Status.REJECTED).values_list(
                        "pk", flat=True
                    )
                )
                result = parse_raw(raw)
                if old_refusals:
                    WireItem.objects.filter(pk__in=old_refusals).delete()
        except Http404:
            raise
        except Exception:
            # A parser crash (not a refusal): nothing was changed, the file is kept.
            logger.exception("wire: parsing raw file %s again failed", pk)
            messages.error(request, "Parsing again failed: the parser crashed.")
            first = WireItem.objects.filter(raw_id=pk).order_by("position").first()
            return redirect(
                wire_url("inspect", first.pk) if first else wire_url("index")
            )
        new_items = [i for i in result.items if i.status == WireItem.Status.OK]
        if result.status == "rejected":
            messages.warning(request, f"Parsed again; still refused: {result.reason}")
            return redirect(wire_url("inspect", result.items[0].pk))
        if new_items:
            notes = f"; {result.reason}" if result.reason else ""
            messages.success(
                request,
                f"Parsed again: {len(new_items)} new item(s) "
                f"({result.format}, {result.provider or 'no provider'}){notes}.",
            )
            return redirect(wire_url("inspect", new_items[0].pk))
        messages.info(request, "Parsed again: nothing new, every story already here.")
        first = raw.items.order_by("position", "pk").first()
        return redirect(wire_url("inspect", first.pk) if first else wire_url("index"))


class UploadView(WirePermissionMixin, WagtailAdminTemplateMixin, FormView):
    permission_required = "add"
    form_class = WireUploadForm
    template_name = "wire/admin/upload.html"
    page_title = "Upload wire files"
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": wire_url("index"), "label": "Wire"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["max_upload_size"] = filesizeformat(MAX_UPLOAD_BYTES)
        return context

    def form_valid(self, form):
        for upload in form.cleaned_data["files"]:
            self.ingest_one(upload)
        return redirect(wire_url("index"))

    def ingest_one(self, upload):
        request = self.request
        name = posixpath.basename(upload.name or "") or "upload"
        if upload.size > MAX_UPLOAD_BYTES:
            messages.error(
                request,
                f"{name}: not stored, {filesizeformat(upload.size)} is over the "
                f"{filesizeformat(MAX_UPLOAD_BYTES)} limit.",
            )
            return
        data = upload.read()
        if not data:
            messages.error(request, f"{name}: not stored, the file is empty.")
            return
        try:
            result = ingest_bytes(data, Channel.UPLOAD, origin=name)
        except Exception:
            logger.exception("wire: admin upload of %s failed", name)
            messages.error(
                request,
                f"{name}: the parser failed; the file is kept if it was stored, "
                "use \u201cParse again\u201d after a fix.",
            )
            return
        items = result.items
        buttons = (
            [messages.button(wire_url("inspect", items[0].pk), "View")] if items else []
        )
        if result.status == "ok":
            count = sum(1 for i in items if i.status == WireItem.Status.OK)
            headline = f" \u201c{result.headline}\u201d" if result.headline else ""
            notes = f" ({result.reason})" if result.reason else ""
            # A file accepted with refused or incomplete items is no plain success.
            partial = any(i.status != WireItem.Status.OK or i.incomplete for i in items)
            (messages.warning if partial else messages.success)(
                request,
                f"{name}: accepted, {count} item(s), {result.format}, "
                f"{result.provider or 'no provider'}{headline}{notes}.",
                buttons=buttons,
            )
        elif result.status == "duplicate":
            if result.raw is not None and not items:
                first = result.raw.items.order_by("position", "pk").first()
                if first is not None:
                    buttons = [messages.button(wire_url("inspect", first.pk), "View")]
            messages.info(
                request, f"{name}: nothing new, {result.reason}.", buttons=buttons
            )
        else:
            messages.error(
                request,
                f"{name}: refused, {result.reason}. The file is kept.",
                buttons=buttons,
            )


class WireViewSet(ModelViewSet):
    model = WireItem
    name = URL_NAMESPACE
    url_prefix = "wire"
    icon = "globe"
    menu_label = "Wire"
    menu_name = "wire"
    menu_order = 250
    add_to_admin_menu = True
    add_to_reference_index = False  # rows are written by the thousand on ingest
    copy_view_enabled = False
    inspect_view_enabled = True  # registers the view permission for groups
    index_view_class = WireIndexView
    inspect_view_class = WireItemDetailView
    list_per_page = 50
    ordering = "-received_at"
    filterset_class = WireItemFilterSet
    search_fields = ["headline", "guid", "provider"]
    search_backend_name = None  # plain icontains; WireItem is not search-indexed

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # The basket is not edited like a snippet: no edit/delete/history views.
        view_kwargs.update(
            add_url_name=self.get_url_name("upload"),
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
        )
        return view_kwargs

    @property
    def url_finder_class(self):
        class WireItemURLFinder(super().url_finder_class):
            edit_url_name = self.get_url_name("inspect")

            def get_edit_url(finder, instance):
                if finder.user and finder.user.has_perm("wire.view_wireitem"):
                    return finder.construct_edit_url(instance)
                return None

        return WireItemURLFinder

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("item/<int:pk>/", self.inspect_view, name="inspect"),
            path(
                "item/<int:pk>/draft/",
                CreateDraftView.as_view(),
                name="create_draft",
            ),
            path("raw/<int:pk>/download/", RawDownloadView.as_view(), name="raw"),
            path("raw/<int:pk>/parse/", ReparseView.as_view(), name="reparse"),
            path("upload/", UploadView.as_view(), name="upload"),
        ]
