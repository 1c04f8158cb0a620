"""Review, locking, revisions and the audit log (the editors' desk issue, point 2).

Reporter submits -> desk editor requests changes with a comment -> reporter
resubmits -> desk editor approves with a comment, which publishes -> unpublish,
correction. Through the admin's own views where a user would click, and
Wagtail's model API where the views only wrap it.
"""

import pytest
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    PageLogEntry,
    TaskState,
    WorkflowPage,
    WorkflowState,
)

from masthead.newsroom.roles import desks

from .conftest import OTHER_DESK, OWN_DESK

pytestmark = pytest.mark.django_db


def _empty_formset(prefix: str) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_form(page, **changes) -> dict:
    """The edit form of an article as the admin posts it: an empty body, no
    corrections, no comments (wagtail.test.utils.form_data is not imported: it
    pulls in Wagtail's own test apps)."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "kicker": page.kicker,
        "lead": page.lead,
        "body-count": "0",
        **_empty_formset("corrections"),
        **_empty_formset("comments"),
        "original_byline": "",
        "dateline": "",
        "opinion_kind": "",
        "tags": "",
        "comments_open": "on",
    }
    data.update(changes)
    return data


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def actions(page):
    """(action, user, timestamp) of the page's audit log, oldest first."""
    return list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username", "timestamp")
    )


def test_every_desk_has_its_review_workflow(newsroom):
    for d in desks():
        section = d.section()
        assignment = WorkflowPage.objects.get(page=section)
        assert assignment.workflow.name == f"{d.title} review"
        [task] = assignment.workflow.tasks.specific()
        assert isinstance(task, GroupApprovalTask)
        assert set(task.groups.values_list("name", flat=True)) == {
            d.editors,
            "Chief editors",
        }
    # World sits under News but goes to World's editors.
    draft = newsroom.page(OWN_DESK, "draft")
    assert draft.get_workflow().name == "World review"


def test_setup_workflows_is_idempotent(newsroom):
    from wagtail.models import Task, Workflow, WorkflowTask

    from masthead.newsroom.workflows import setup_workflows

    before = (
        Workflow.objects.count(),
        Task.objects.count(),
        WorkflowTask.objects.count(),
        WorkflowPage.objects.count(),
    )
    setup_workflows()
    setup_workflows()
    after = (
        Workflow.objects.count(),
        Task.objects.count(),
        WorkflowTask.objects.count(),
        WorkflowPage.objects.count(),
    )
    assert after == before


def test_review_cycle_through_the_admin(newsroom, client):
    reporter, editor = newsroom.user("reporter"), newsroom.user("editor")
    sport_editor = newsroom.user("sport_editor")
    page = newsroom.page(OWN_DESK, "draft")

    # The reporter submits their draft for review from the edit view.
    client.force_login(reporter)
    response = client.post(
        edit_url(page),
        article_form(page, lead="Submitted lead.", **{"action-submit": "1"}),
    )
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == reporter
    assert not page.live
    task_state = state.current_task_state

    # Another desk's editor may not act on it.
    client.force_login(sport_editor)
    action = "wagtailadmin_pages:workflow_action"
    client.post(
        reverse(action, args=[page.pk, "approve", task_state.pk]), {"comment": "no"}
    )
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    # The desk editor requests changes, with a comment.
    client.force_login(editor)
    response = client.post(
        reverse(action, args=[page.pk, "reject", task_state.pk]),
        {"comment": "Name the source in the lead."},
    )
    assert response.status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Name the source in the lead."
    assert task_state.finished_by == editor
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not page.live

    # The reporter fixes it and resubmits.
    client.force_login(reporter)
    response = client.post(
        edit_url(page),
        article_form(page, lead="Xinhua says so.", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not page.live

    # The desk editor approves with a comment: that publishes.
    client.force_login(editor)
    response = client.post(
        reverse(action, args=[page.pk, "approve", task_state.pk]),
        {"comment": "Good to go."},
    )
    assert response.status_code == 302
    task_state.refresh_from_db()
    assert (task_state.status, task_state.comment) == ("approved", "Good to go.")
    page.refresh_from_db()
    assert page.live and page.lead == "Xinhua says so."
    assert page.current_workflow_state is None

    # ... and the desk editor can take it off the site again.
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live

    log = actions(page)
    by_action = {a: (u, t) for a, u, t in log}
    assert by_action["wagtail.workflow.start"][0] == "world.reporter"
    assert by_action["wagtail.workflow.reject"][0] == "world.editor"
    assert by_action["wagtail.workflow.resume"][0] == "world.reporter"
    assert by_action["wagtail.workflow.approve"][0] == "world.editor"
    assert by_action["wagtail.publish"][0] == "world.editor"
    assert by_action["wagtail.unpublish"][0] == "world.editor"
    assert all(t is not None for _, _, t in log)
    order = [a for a, _, _ in log]
    assert order.index("wagtail.workflow.approve") < order.index("wagtail.publish")
    assert order.index("wagtail.publish") < order.index("wagtail.unpublish")
    # The comments are on the workflow's log entries too.
    reject = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")
    assert reject.data["comment"] == "Name the source in the lead."


def test_review_cycle_through_the_model_api(newsroom):
    """workflow.start / task_state.approve / reject, as the issue names them."""
    reporter, editor = newsroom.user("reporter"), newsroom.user("editor")
    page = newsroom.page(OWN_DESK, "draft")
    workflow = page.get_workflow()

    state = workflow.start(page, reporter)
    state.current_task_state.specific.reject(user=editor, comment="Too long.")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    page.refresh_from_db()
    assert not page.live

    state.resume(user=reporter)
    state.refresh_from_db()
    task_state = state.current_task_state.specific
    assert not page.live
    task_state.approve(user=editor, comment="Fine now.")
    page.refresh_from_db()
    assert page.live
    assert page.live_revision.user == reporter  # whose words
    approved = TaskState.objects.filter(workflow_state=state, status="approved").get()
    assert (approved.finished_by, approved.comment) == (editor, "Fine now.")
    assert PageLogEntry.objects.get(page=page, action="wagtail.publish").user == editor


def test_other_desks_editor_cannot_approve(newsroom):
    """The Sport editor is not in World's task: no actions offered, and the
    admin's permission check (the task's get_actions) refuses."""
    page = newsroom.page(OWN_DESK, "review")
    task_state = page.current_workflow_task_state
    task = task_state.task.specific
    assert task.get_actions(page, newsroom.user("sport_editor")) == []
    assert task.get_actions(page, newsroom.user("reporter")) == []
    assert {a for a, *_ in task.get_actions(page, newsroom.user("editor"))} == {
        "approve",
        "reject",
    }
    assert task.get_actions(page, newsroom.user("chief"))


def test_correction_is_in_the_audit_log(newsroom):
    from masthead.newsroom.models import ArticleCorrection

    editor = newsroom.user("editor")
    page = newsroom.page(OWN_DESK, "live")
    page.corrections.add(
        ArticleCorrection(kind="correction", text="The date was 3 May.")
    )
    page.save_revision(user=editor).publish(user=editor)
    entry = PageLogEntry.objects.filter(page=page, action="masthead.correction").get()
    assert entry.user == editor and entry.timestamp is not None
    assert entry.data["text"] == "The date was 3 May."
    publish = PageLogEntry.objects.filter(page=page, action="wagtail.publish").latest(
        "timestamp"
    )
    assert publish.user == editor


def test_reporter_cannot_publish_from_the_edit_view(newsroom, client):
    page = newsroom.page(OWN_DESK, "draft")
    client.force_login(newsroom.user("reporter"))
    client.post(edit_url(page), article_form(page, **{"action-publish": "1"}))
    page.refresh_from_db()
    assert not page.live
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


# -- locking and concurrent editing ----------------------------------------------


def test_a_page_locked_by_one_editor_cannot_be_saved_by_another(newsroom, client):
    page = newsroom.page(OWN_DESK, "draft")
    a, b = newsroom.user("editor"), newsroom.user("editor2")

    client.force_login(a)
    response = client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.locked and page.locked_by == a

    client.force_login(b)
    response = client.post(edit_url(page), article_form(page, lead="B's version."))
    assert response.status_code == 200
    assert "The page could not be saved as it is locked." in response.content.decode()
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().lead != "B's version."
    # B may not unlock A's lock either? Desk editors hold "unlock": they may,
    # which is how a desk takes over a story when its editor goes home.
    assert page.permissions_for_user(b).can_unlock()
    # A reporter can neither lock nor unlock.
    reporter_perms = page.permissions_for_user(newsroom.user("reporter"))
    assert not reporter_perms.can_lock() and not reporter_perms.can_unlock()

    # A saves fine while holding the lock.
    client.force_login(a)
    response = client.post(edit_url(page), article_form(page, lead="A's version."))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().lead == "A's version."


def test_the_concurrent_edit_notice(newsroom, client):
    """Wagtail's editing sessions: the second editor is told the first is there,
    and that the page changed under them once the first saves."""
    from wagtail.admin.utils import get_user_display_name

    page = newsroom.page(OWN_DESK, "draft")
    a, b = newsroom.user("editor"), newsroom.user("editor2")
    loaded = page.get_latest_revision()

    def ping(user, session_id=0, **data):
        client.force_login(user)
        url = reverse(
            "wagtailadmin_editing_sessions:ping",
            args=["wagtailcore", "page", str(page.pk), session_id],
        )
        response = client.post(url, data)
        assert response.status_code == 200, response.status_code
        return response.json()

    ping(a, is_editing="1")
    first = ping(b, revision_id=str(loaded.pk))
    assert [s["user"] for s in first["other_sessions"]] == [get_user_display_name(a)]

    page.save_revision(user=a)
    second = ping(b, first["session_id"], revision_id=str(loaded.pk))
    [other] = second["other_sessions"]
    assert other["user"] == get_user_display_name(a) and other["revision_id"]

    # Someone outside the desk gets nothing, not even the names.
    client.force_login(newsroom.user("sport_editor"))
    url = reverse(
        "wagtailadmin_editing_sessions:ping",
        args=["wagtailcore", "page", str(page.pk), 0],
    )
    assert client.post(url).status_code == 404


# -- revisions -------------------------------------------------------------------


@pytest.mark.parametrize("role", ["editor", "chief"])
def test_revisions_compare_and_revert(newsroom, client, role):
    page = newsroom.page(OWN_DESK, "draft")
    first, latest = page.revisions.order_by("created_at", "pk")[:2]
    client.force_login(newsroom.user(role))
    compare = reverse(
        "wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, latest.pk]
    )
    response = client.get(compare)
    assert response.status_code == 200
    assert "Second version." in response.content.decode()

    revert = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk])
    response = client.get(revert)
    assert response.status_code == 200  # the edit form, filled from the old revision
    # Saving that form makes the old text the newest revision.
    old = first.as_object()
    response = client.post(edit_url(page), article_form(page, lead=old.lead))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().lead == old.lead


def test_other_desk_editor_cannot_compare_or_revert(newsroom, client):
    page = newsroom.page(OTHER_DESK, "draft")
    first = page.revisions.order_by("created_at", "pk").first()
    client.force_login(newsroom.user("editor"))
    for url in (
        reverse(
            "wagtailadmin_pages:revisions_compare", args=[page.pk, "earliest", "latest"]
        ),
        reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"] == reverse("wagtailadmin_home")


def test_the_approving_editor_is_credited(newsroom, login):
    editor = newsroom.user("editor")
    page = newsroom.page(OWN_DESK, "review")
    task_state = page.current_workflow_task_state
    login("editor").post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", task_state.pk],
        ),
        {"comment": "OK"},
    )
    page.refresh_from_db()
    assert page.live
    assert page.desk_editor.user == editor


def test_publishing_a_story_by_someone_without_a_profile(newsroom, django_user_model):
    from django.contrib.auth.models import Group

    from masthead.newsroom.factories import ArticleFactory

    newcomer = django_user_model.objects.create_user("world.newcomer")
    newcomer.groups.add(Group.objects.get(name="World reporters"))
    page = ArticleFactory(
        parent=newsroom.sections[OWN_DESK], owner=newcomer, publish=False
    )
    page.save_revision(user=newcomer)
    state = page.get_workflow().start(page, newcomer)
    state.current_task_state.specific.approve(
        user=newsroom.user("editor"), comment="OK"
    )
    page.refresh_from_db()
    assert page.live
