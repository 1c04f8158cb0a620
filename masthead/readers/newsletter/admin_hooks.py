"""Wagtail hooks of the newsletter (imported by masthead/readers/wagtail_hooks.py)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.permissions import register_permission_policy

from masthead.newsroom.models import ArticlePage

from . import admin_views, alerts
from .models import Mailing, Subscriber

# Before any view asks for the models' policies (Wagtail would make defaults).
register_permission_policy(Subscriber, admin_views.WithoutActions(Subscriber, ("add",)))
register_permission_policy(
    Mailing, admin_views.WithoutActions(Mailing, ("add", "change", "delete"))
)


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets():
    return admin_views.NewsletterGroup()


@hooks.register("register_admin_urls")
def register_alert_url():
    return [
        path(
            "newsletter/alert/<int:page_id>/",
            admin_views.send_as_alert,
            name="newsletter_send_alert",
        )
    ]


@hooks.register("register_log_actions")
def register_alert_log_action(actions):
    actions.register_action(
        admin_views.ALERT_LOG_ACTION, "Sent as alert", "Sent as a breaking-news alert"
    )


class SendAsAlertMenuItem(ActionMenuItem):
    name = "action-send-alert"
    label = "Send as alert…"
    icon_name = "mail"
    order = 90

    def is_shown(self, context):
        page = context.get("page")
        if context.get("view") != "edit" or page is None or not page.live:
            return False
        return page.specific_class is ArticlePage and alerts.may_send_alert(
            context["request"].user, page
        )

    def get_url(self, context):
        return reverse("newsletter_send_alert", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_send_as_alert():
    return SendAsAlertMenuItem()
