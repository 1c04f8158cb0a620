"""Wagtail hooks for the editors' desk: log actions, takedown, the desk home panel.

Imported from NewsroomConfig.ready() (media hooks live in wagtail_hooks.py).
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem

from masthead.newsroom import publishing, roles


@hooks.register("register_log_actions")
def register_newsroom_log_actions(actions):
    actions.register_action(
        publishing.CORRECTION_ACTION, "Correction", "Correction or update noted"
    )
    actions.register_action(publishing.TAKEDOWN_ACTION, "Takedown", "Taken down")
    actions.register_action(
        publishing.EMBARGO_LIFTED_ACTION, "Embargo lifted", "Embargo lifted"
    )


@hooks.register("register_admin_urls")
def register_desk_urls():
    from masthead.newsroom import desk_views

    return [
        path(
            "newsroom/takedown/<int:page_id>/",
            desk_views.takedown,
            name="newsroom_takedown",
        ),
    ]


class TakedownMenuItem(ActionMenuItem):
    name = "action-takedown"
    label = "Take down…"
    icon_name = "warning"
    order = 100

    def is_shown(self, context):
        page = context.get("page")
        if context.get("view") != "edit" or page is None or not page.live:
            return False
        from masthead.newsroom.models import ArticlePage

        return (
            page.specific_class is ArticlePage
            and page.permissions_for_user(context["request"].user).can_unpublish()
        )

    def get_url(self, context):
        return reverse("newsroom_takedown", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_takedown_menu_item():
    return TakedownMenuItem()


@hooks.register("construct_homepage_panels")
def add_desk_panel(request, panels):
    from masthead.newsroom.desk_views import DeskPanel

    panels.insert(0, DeskPanel(request.user))


# A desk sees only its own pages in the page chooser, and a move cannot be used
# to read the title of a page the user has no rights on.
hooks.register("construct_page_chooser_queryset", roles.chooser_pages_for_user)
hooks.register("before_move_page", roles.deny_move_without_permission)
