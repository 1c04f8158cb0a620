"""Publishing rules the desk relies on, on top of Wagtail's own.

- An embargo is a go-live time nothing can beat (ArticlePage.clean moves the
  go-live time up to it; `published()` checks it again on every read).
- Publishing credits the publishing editor as desk editor unless one was chosen.
- Corrections are append-only; a new one moves the article's update time and is
  written to the audit log.
- A takedown unpublishes with a recorded reason and purges everywhere.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import get_active_log_context, log

from masthead.newsroom.credits import create_person

logger = logging.getLogger("masthead.publishing")

CORRECTION_ACTION = "masthead.correction"
TAKEDOWN_ACTION = "masthead.takedown"
EMBARGO_LIFTED_ACTION = "masthead.embargo_lifted"


def apply_embargo(article) -> None:
    """The go-live time may be later than the embargo, never earlier."""
    if article.embargo_until and (
        article.go_live_at is None or article.go_live_at < article.embargo_until
    ):
        article.go_live_at = article.embargo_until


def check_corrections_kept(article) -> None:
    """Published notes stay as they were: a correction is corrected by another note."""
    from masthead.newsroom.models import ArticleCorrection

    if not article.pk:
        return
    published = {
        c.pk: c.text for c in ArticleCorrection.objects.filter(article_id=article.pk)
    }
    if not published:
        return
    current = {c.pk: c.text for c in article.corrections.all() if c.pk}
    missing = [pk for pk in published if pk not in current]
    changed = [
        pk for pk, text in current.items() if pk in published and published[pk] != text
    ]
    if missing or changed:
        raise ValidationError(
            "Published corrections and updates cannot be removed or rewritten; "
            "add a new note instead."
        )


def person_for_user(user):
    """The PersonPage that credits this user, made on first publish if missing."""
    from masthead.newsroom.models import PersonPage

    person = PersonPage.objects.filter(user=user).first()
    if person is not None:
        return person
    return create_person(user.get_full_name() or user.get_username(), user=user)


def _approver_of(article):
    """Who approved the article's latest review: the editor to credit when the
    worker publishes it on schedule (there is no logged-in user then, and the
    revision's user is its author)."""
    from wagtail.models import TaskState

    state = (
        TaskState.objects.filter(
            workflow_state__base_content_type__model="page",
            workflow_state__object_id=str(article.pk),
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )
    return state.finished_by if state is not None else None


def on_article_published(article, revision=None, user=None) -> None:
    """Runs after Wagtail has published an article (page_published signal)."""
    from masthead.newsroom.models import ArticlePage

    updates = {}
    # Credit the person publishing (or approving in a workflow), who is the
    # user of the active log context; the revision's user is its author.
    user = (
        user
        or get_active_log_context().user
        or _approver_of(article)
        or (revision.user if revision is not None else None)
    )
    if article.desk_editor_id is None and user is not None:
        person = person_for_user(user)
        if person is not None:
            updates["desk_editor"] = person
    latest_note = article.corrections.order_by("-noted_at").first()
    if latest_note is not None and (
        article.updated_at is None or latest_note.noted_at > article.updated_at
    ):
        updates["updated_at"] = latest_note.noted_at
        log(
            article,
            CORRECTION_ACTION,
            user=user,
            data={
                "kind": latest_note.kind,
                "noted_at": latest_note.noted_at.isoformat(),
                "text": latest_note.text,
            },
        )
    if updates:
        # A queryset update, not a new revision: these follow from the publish.
        ArticlePage.objects.filter(pk=article.pk).update(**updates)
        for name, value in updates.items():
            setattr(article, name, value)


@transaction.atomic
def take_down(article, reason: str, user=None):
    """Unpublish with a recorded reason; the unpublish signal purges every cache."""
    from masthead.newsroom.models import Takedown

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("A takedown needs a reason.")
    record = Takedown.objects.create(article=article, reason=reason, taken_down_by=user)
    if article.live:
        article.unpublish(user=user, log_action=True)
    log(article, TAKEDOWN_ACTION, user=user, data={"reason": reason})
    return record


def lift_due_embargoes(since, until=None) -> int:
    """Articles already live whose embargo ended between `since` and `until` appear
    now without a publish event, so their pages must be purged here."""
    from masthead.newsroom.models import ArticlePage
    from masthead.newsroom.purge import purge_for_article

    until = until or timezone.now()
    due = ArticlePage.objects.live().filter(
        embargo_until__gt=since, embargo_until__lte=until
    )
    count = 0
    for article in due:
        purge_for_article(article)
        log(
            article,
            EMBARGO_LIFTED_ACTION,
            data={"at": article.embargo_until.isoformat()},
        )
        count += 1
    return count


def index_now(article) -> None:
    """Put a just-published article in the search index in the publish path.

    Wagtail queues index updates as django-tasks jobs, behind whatever the
    worker already has (a batch of uploads queues hundreds of rendition jobs),
    so a story could stay unfindable for minutes. Indexing one article here
    costs milliseconds and holds with no worker running at all, which a queue
    priority would not; the queued job still runs later and is a cheap no-op
    repeat. Errors follow Wagtail's own rule: an external backend that is down
    is logged (the queued job retries), a database backend error is raised
    with the transaction it belongs to.
    """
    from wagtail.search import index

    index.insert_or_update_object(article)


def _article_published(sender, instance, revision=None, **kwargs):
    from masthead.newsroom.models import ArticlePage

    if isinstance(instance, ArticlePage):
        on_article_published(instance, revision=revision)
        index_now(instance)


def make_publishing_atomic() -> None:
    """Run every publish of a revision in one transaction.

    Wagtail 8 publishes in autocommit: the page row (live flag, live revision),
    the revision, the page_published receivers (the search index, our desk
    editor credit) and the audit log are separate commits, so a process killed
    in between leaves a page live with no search entry and no log of who
    published it. In one transaction a crash leaves the old state, and the
    purges (run on commit) happen only for a publish that is whole.
    """
    from wagtail.actions.publish_revision import PublishRevisionAction

    execute = PublishRevisionAction.execute
    if getattr(execute, "masthead_atomic", False):
        return

    def atomic_execute(self, *args, **kwargs):
        with transaction.atomic():
            return execute(self, *args, **kwargs)

    atomic_execute.masthead_atomic = True
    PublishRevisionAction.execute = atomic_execute


def connect() -> None:
    from wagtail.signals import page_published

    make_publishing_atomic()

    page_published.connect(
        _article_published, dispatch_uid="masthead-article-published"
    )
