"""Two admin screens Wagtail 8.0 shows to anyone with some page permission,
listing titles from the whole tree: the page bulk-action confirmations and the
page-types-usage report. Here they show only what the user may see.

- Bulk actions (/admin/bulk/wagtailcore/page/<action>/?id=…): Wagtail lists the
  ids it cannot act on as "you don't have permission", with their titles. Our
  versions drop the ids of pages outside the user's explorable tree before
  anything is listed, so another desk's draft reads as a page that does not
  exist (404 when nothing visible is left). They replace Wagtail's own in the
  bulk action registry (registered after them, see desk_hooks.py).
- The page-types-usage report names the last edited page of every type,
  drafts of any desk included: only users who may see the whole tree
  (`roles.sees_whole_tree`) get it, in the menu and at its URL (masthead/urls.py).
"""

from django.shortcuts import get_list_or_404
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from masthead.newsroom import roles

PAGE_TYPES_REPORT_MENU_NAME = "page-types-usage"


class VisiblePagesOnly:
    """For a page bulk action: the ids the user may not even see are not there."""

    def get_queryset(self, model, object_ids):
        # An instance method shadowing Wagtail's classmethod: the filter needs
        # the request's user, and Wagtail only ever calls it on the instance.
        visible = PagePermissionPolicy().explorable_instances(self.request.user)
        pages = model.objects.filter(pk__in=object_ids).filter(
            pk__in=visible.values("pk")
        )
        return get_list_or_404(pages)


class DeskDeleteBulkAction(VisiblePagesOnly, DeleteBulkAction):
    pass


class DeskMoveBulkAction(VisiblePagesOnly, MoveBulkAction):
    pass


class DeskPublishBulkAction(VisiblePagesOnly, PublishBulkAction):
    pass


class DeskUnpublishBulkAction(VisiblePagesOnly, UnpublishBulkAction):
    pass


PAGE_BULK_ACTIONS = (
    DeskDeleteBulkAction,
    DeskMoveBulkAction,
    DeskPublishBulkAction,
    DeskUnpublishBulkAction,
)


class WholeTreePageTypesUsageReportView(PageTypesUsageReportView):
    def dispatch(self, request, *args, **kwargs):
        if not roles.sees_whole_tree(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


def hide_page_types_report(request, menu_items):
    """construct_reports_menu: no menu entry for a report the user cannot open."""
    if not roles.sees_whole_tree(request.user):
        menu_items[:] = [i for i in menu_items if i.name != PAGE_TYPES_REPORT_MENU_NAME]
