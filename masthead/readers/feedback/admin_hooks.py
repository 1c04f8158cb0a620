"""Wagtail hooks of feedback and contact: the inbox (menu item and views), its
permission policy and the dashboard panel. Imported by
masthead/readers/wagtail_hooks.py."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from masthead.readers.feedback import desks
from masthead.readers.feedback.admin_views import (
    NewMessagesPanel,
    ReaderMessagePolicy,
    ReaderMessageViewSet,
)
from masthead.readers.feedback.models import ReaderMessage

register_permission_policy(ReaderMessage, ReaderMessagePolicy(ReaderMessage))


@hooks.register("register_admin_viewset")
def register_inbox():
    return ReaderMessageViewSet()


@hooks.register("construct_homepage_panels")
def add_new_messages_panel(request, panels):
    if desks.reads_messages(request.user):
        panels.append(NewMessagesPanel(request.user))
