"""The newsletter in the Wagtail admin: subscribers (search, CSV export),
mailings and their progress, the outbox of mail written to files, and the
"Send as alert" confirmation.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from masthead.core import mailfiles
from masthead.newsroom.models import ArticlePage

from . import alerts, signup
from .models import Mailing, Subscriber

ALERT_LOG_ACTION = "readers.newsletter.alert"
# A spreadsheet reads a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "|", "%")


def spreadsheet_safe(value):
    """The value as text a spreadsheet shows rather than runs (OWASP's CSV
    injection advice: a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class WithoutActions(ModelPermissionPolicy):
    """Model permissions, less the actions no one may take here (adding a
    subscriber would skip the double opt-in; mailings are made by the
    worker and the alert action, never by hand)."""

    def __init__(self, model, refused: tuple[str, ...]):
        super().__init__(model)
        self.refused = refused

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(
            [a for a in actions if a not in self.refused]
        )


class SubscriberIndexView(IndexView):
    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: spreadsheet_safe(
                    self.preprocess_field_value(field, value, self.FORMAT_CSV)
                )
                for field, value in row_dict.items()
            }
        )


class SubscriberEditView(EditView):
    def save_instance(self):
        instance = super().save_instance()
        if instance.status == Subscriber.Status.ACTIVE and not (
            instance.daily_digest or instance.breaking_alerts or instance.pdf_edition
        ):
            signup.unsubscribe(instance, "all")
        return instance


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = "newsletter_subscribers"
    url_prefix = "newsletter/subscribers"
    icon = "user"
    menu_label = "Subscribers"
    index_view_class = SubscriberIndexView
    edit_view_class = SubscriberEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "email",
        "status",
        "daily_digest",
        "breaking_alerts",
        "pdf_edition",
        "created_at",
        "confirmed_at",
    ]
    list_filter = ["status", "daily_digest", "breaking_alerts", "pdf_edition"]
    search_fields = ["email"]
    list_export = [
        "email",
        "status",
        "daily_digest",
        "breaking_alerts",
        "pdf_edition",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    export_filename = "newsletter-subscribers"
    form_fields = ["daily_digest", "breaking_alerts", "pdf_edition", "sections"]


class MailingViewSet(ModelViewSet):
    model = Mailing
    name = "newsletter_mailings"
    url_prefix = "newsletter/mailings"
    icon = "mail"
    menu_label = "Mailings"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "subject",
        "kind",
        "state",
        "created_at",
        "recipients",
        "sent_count",
        Column("pending_count", label="Pending"),
        "failed_count",
        "last_error",
    ]
    list_filter = ["kind", "state"]
    search_fields = ["subject"]
    # Never shown: no one may add or change a mailing (WithoutActions).
    form_fields = ["subject"]


def may_read_outbox(user) -> bool:
    # Every mail the site sends lands here, password resets included.
    return user.is_active and user.is_superuser


def outbox_in_use() -> bool:
    return getattr(settings, "MASTHEAD_MAIL_BACKEND", "").endswith("FileMailBackend")


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_outbox(request.user)


def outbox_index(request):
    if not may_read_outbox(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "readers/newsletter/admin/outbox.html",
        {
            "messages_found": mailfiles.recent(),
            "folder": mailfiles.mail_dir(),
            "in_use": outbox_in_use(),
        },
    )


def _text_and_html(message):
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return (
        text.get_content() if text is not None else "",
        html.get_content() if html is not None else "",
    )


def outbox_message(request, name: str):
    if not may_read_outbox(request.user):
        raise PermissionDenied
    message = mailfiles.read(name)
    if message is None:
        raise Http404
    text, html = _text_and_html(message)
    headers = [
        (key, str(value))
        for key, value in message.items()
        if key.lower()
        in (
            "from",
            "to",
            "subject",
            "date",
            "message-id",
            "list-id",
            "list-unsubscribe",
            "list-unsubscribe-post",
        )
    ]
    return TemplateResponse(
        request,
        "readers/newsletter/admin/outbox_message.html",
        {"name": name, "headers": headers, "text": text, "has_html": bool(html)},
    )


def outbox_html(request, name: str):
    """The HTML part alone, sandboxed: no script runs and nothing loads."""
    if not may_read_outbox(request.user):
        raise PermissionDenied
    message = mailfiles.read(name)
    if message is None:
        raise Http404
    _text, html = _text_and_html(message)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = (
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    )
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


class OutboxViewSet(ViewSet):
    name = "newsletter_outbox"
    url_prefix = "newsletter/outbox"
    icon = "mail"
    menu_label = "Outbox"
    menu_item_class = OutboxMenuItem

    def get_urlpatterns(self):
        return [
            path("", outbox_index, name="index"),
            path("<str:name>/", outbox_message, name="message"),
            path("<str:name>/html/", outbox_html, name="html"),
        ]


class NewsletterGroup(ViewSetGroup):
    menu_label = "Newsletter"
    menu_icon = "mail"
    menu_order = 250
    items = (SubscriberViewSet, MailingViewSet, OutboxViewSet)


def send_as_alert(request, page_id: int):
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not alerts.may_send_alert(request.user, article):
        raise PermissionDenied
    reason = alerts.refusal(article)
    if request.method == "POST" and reason is None:
        try:
            mailing = alerts.send_alert(article, user=request.user)
        except alerts.AlertRefused as exc:
            reason = str(exc)
        else:
            log(
                instance=article,
                action=ALERT_LOG_ACTION,
                user=request.user,
                data={"mailing": mailing.pk, "recipients": mailing.recipients},
            )
            messages.success(
                request,
                f"“{article.title}” is going out as an alert to "
                f"{mailing.recipients} subscribers.",
            )
            return redirect("wagtailadmin_pages:edit", article.pk)
    return TemplateResponse(
        request,
        "readers/newsletter/admin/send_alert.html",
        {
            "page": article,
            "reason": reason,
            "audience": alerts.alert_audience(),
            "earlier": alerts.earlier_alert(article),
        },
    )
