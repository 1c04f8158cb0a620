"""Review: one Wagtail workflow per desk.

Draft -> submit for review -> the desk's editors (or a chief editor) approve,
which publishes, or request changes with a comment -> the reporter edits and
submits again. All of it is Wagtail's own moderation: `Workflow`,
`GroupApprovalTask` and `WorkflowPage`; the admin's "Submit for review",
"Approve", "Request changes" buttons, the dashboard's "Awaiting your review"
panel, the workflow history and the audit log come with it.

A desk's workflow is set on its section page and applies to every page below it
(Wagtail takes the nearest ancestor with a workflow), so World's pages go to
World's editors even though World sits under News. Pages outside the desks
(people, regions, static pages) keep Wagtail's default "Moderators approval".

`setup_workflows()` is idempotent; it runs after `setup_roles()` (it needs the
editor groups) and both are run by `manage.py setup_roles`.
"""

from __future__ import annotations

import logging

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from masthead.newsroom.roles import CHIEF_EDITORS, Desk, desks, home_page

logger = logging.getLogger(__name__)


def workflow_name(d: Desk) -> str:
    return f"{d.title} review"


def task_name(d: Desk) -> str:
    return f"{d.title} editors' approval"


@transaction.atomic
def setup_workflows() -> dict[str, Workflow]:
    """One "<Desk> review" workflow per desk, assigned to its section page."""
    home = home_page()
    chiefs = Group.objects.get(name=CHIEF_EDITORS)
    result = {}
    for d in desks():
        section = d.section(home)
        if section is None:
            logger.warning("No section page for desk %r: no workflow", d.slug)
            continue
        editors = Group.objects.get(name=d.editors)

        task = GroupApprovalTask.objects.filter(name=task_name(d)).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=task_name(d))
        elif not task.active:
            task.active = True
            task.save(update_fields=["active"])
        task.groups.set([editors, chiefs])

        workflow, _ = Workflow.objects.get_or_create(name=workflow_name(d))
        if not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
        WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": 0}
        )

        WorkflowPage.objects.update_or_create(
            page=section, defaults={"workflow": workflow}
        )
        result[d.slug] = workflow
    return result
