"""Wagtail hooks for the editors' desk: log actions, takedown, the desk home panel.

Imported from NewsroomConfig.ready() (media hooks live in wagtail_hooks.py).
"""

from django.contrib.messages import SUCCESS, get_messages
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.models import WorkflowState

from masthead.core.clock import site_time
from masthead.newsroom import admin_time, desk_views, desk_visibility, publishing, roles
from masthead.newsroom.models import ArticlePage

admin_time.install()


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
    panels.insert(0, desk_views.DeskPanel(request.user))


# After Wagtail's own hook has added its items (order 0).
hooks.register(
    "construct_homepage_summary_items", desk_views.count_pages_on_index, order=1
)


# A desk sees only its own pages in the page chooser, and a move cannot be used
# to read the title of a page the user has no rights on.
hooks.register("construct_page_chooser_queryset", roles.chooser_pages_for_user)
hooks.register("before_move_page", roles.deny_move_without_permission)
# A reporter creates articles only (the type chooser hides the rest).
hooks.register("before_create_page", roles.deny_page_type_without_permission)

# Bulk-action confirmations list only pages the user may see: ours replace
# Wagtail's in the registry, which keeps the last one registered per action
# (order=1 runs after Wagtail's order=0).
for _action in desk_visibility.PAGE_BULK_ACTIONS:
    hooks.register("register_bulk_action", _action, order=1)
hooks.register("construct_reports_menu", desk_visibility.hide_page_types_report)


def _say_when_scheduled(request, page):
    """Publishing with a go-live ahead ("Publish", or "Approve" at the end of
    a review) says when, on the site's clock: Wagtail's own message gives no
    time ("has been scheduled") or none at all ("has been updated")."""
    approving = (
        request.POST.get("action-workflow-action")
        and request.POST.get("workflow-action-name") == "approve"
    )
    if not (request.POST.get("action-publish") or approving):
        return None
    # The view's page may carry workflow states prefetched before the action.
    if approving and WorkflowState.objects.active().for_instance(page).exists():
        return None  # approved one task of several: nothing published yet
    # Not `page.scheduled_revision`: cached on the view's page before the action.
    go_live = (
        page.revisions.filter(approved_go_live_at__gt=timezone.now())
        .order_by("-created_at")
        .values_list("approved_go_live_at", flat=True)
        .first()
    )
    if go_live is None:
        return None
    # Replace the success message Wagtail queued a moment ago (the messages
    # API can only add, so this reaches into the storage's queue).
    queued = getattr(get_messages(request), "_queued_messages", [])
    for index in range(len(queued) - 1, -1, -1):
        if queued[index].level == SUCCESS:
            del queued[index]
            break
    title = page.get_admin_display_title()
    done = "approved" if approving else "saved"
    messages.success(
        request,
        f"\u201c{title}\u201d {done}. Scheduled for {site_time(go_live)}.",
        buttons=[
            messages.button(reverse("wagtailadmin_pages:edit", args=[page.pk]), "Edit")
        ],
    )
    return None


hooks.register("after_edit_page", _say_when_scheduled)
hooks.register("after_create_page", _say_when_scheduled)
