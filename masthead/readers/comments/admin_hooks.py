"""Wagtail hooks of the comments feature: the admin URLs, the "Comments" menu
item and the dashboard panel. Imported by masthead/readers/wagtail_hooks.py."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from masthead.readers.comments import admin_views, moderation


@hooks.register("register_admin_urls")
def register_comment_urls():
    return [
        path("comments/", admin_views.queue, name="readers_comments_queue"),
        path("comments/blocked/", admin_views.blocked, name="readers_comments_blocked"),
        path(
            "comments/blocked/<int:pk>/unblock/",
            admin_views.unblock,
            name="readers_comments_unblock",
        ),
        path(
            "comments/settings/",
            admin_views.settings_index,
            name="readers_comments_settings",
        ),
        path(
            "comments/settings/<int:section_id>/",
            admin_views.settings_edit,
            name="readers_comments_settings_edit",
        ),
    ]


class CommentsMenuItem(MenuItem):
    def is_shown(self, request):
        return moderation.moderates_anything(request.user)


@hooks.register("register_admin_menu_item")
def register_comments_menu_item():
    return CommentsMenuItem(
        "Comments",
        reverse("readers_comments_queue"),
        name="comments",
        icon_name="comment",
        order=350,
    )


@hooks.register("construct_homepage_panels")
def add_waiting_comments_panel(request, panels):
    if moderation.moderates_anything(request.user):
        panels.append(admin_views.WaitingCommentsPanel(request.user))
