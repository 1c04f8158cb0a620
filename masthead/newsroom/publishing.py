"""What happens when a page of the newsroom changes: the one publish path.

Changes, and where each comes in:

- publish: `PublishRevisionAction.execute` (every revision publish: editor,
  workflow approval, scheduled publishing), run in one transaction that first
  reads what the live version showed on; Wagtail then sends `page_published`,
  which calls `published()`. Copies published with the copy and aliases are
  announced by `page_published` alone and take the same path.
- correction: a publish of an article with a new correction note (`published()`).
- unpublish: `page_unpublished` -> `unpublished()` (also scheduled expiry).
- takedown: `take_down()`: the record, the unpublish above, the audit entry.
- embargo lift: `lift_due_embargoes()` (periodic job): the article was live
  already, so Wagtail sends nothing.
- move: `post_page_move` -> `moved()`.
- delete: `DeletePageAction.execute` (Page.delete), in one transaction that
  first reads what the page and its live descendants are shown at
  (`before_delete()`) and purges that once. Wagtail unpublishes each live
  page just before its row goes (a pre_delete receiver); inside a delete
  those unpublishes leave the purge to the delete, so a section and its
  articles go in one batch. Rows deleted without Page.delete (a queryset
  delete) still purge, page by page, through those unpublishes.

Each change runs these steps in this order, skipping the ones that do not apply:

1. credits: the publishing editor becomes desk editor unless one was chosen; a
   new correction note moves the article's update time.
2. search index: the article is indexed at once, in the publish's transaction
   (`index_now`).
3. desk notices: audit-log entries the desk reads in the page history and the
   admin's log (correction noted, taken down, embargo lifted); takedown records
   for the desk panel.
4. our cache: the paths the change touches (after the commit).
5. the CDN: one `PurgeBatch` of full URLs per change (after the commit; Wagtail
   queues it as one task).

Desk notices kept elsewhere, and why: wire flags (an agency's new version or
cancel of a story an article came from) are set by `masthead.wire.services` on
ingest, a wire event rather than a change of the page, and newsroom may not
import wire; flash messages ("taken down everywhere", "Scheduled for ...") need
the editor's request and live in `desk_views` and `desk_hooks`; workflow mail
(submitted, approved, rejected) is Wagtail's, queued by `core.outbox`.

Wagtail's `frontend_cache` app is not installed: its signal handlers purge a
published page, and through the redirects app a renamed page's old addresses,
a second time beside step 5. Its `PurgeBatch` and backends work without it.

Also here: the rules an article's clean() applies (embargo, corrections kept).
"""

import logging
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.publish_revision import PublishRevisionAction
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from masthead.core.dbrouter import wait_for_replica
from masthead.newsroom import purge
from masthead.newsroom.credits import desk_editor_for, publishing_user
from masthead.newsroom.models import ArticleCorrection, ArticlePage, Takedown

logger = logging.getLogger("masthead.publishing")

CORRECTION_ACTION = "masthead.correction"
TAKEDOWN_ACTION = "masthead.takedown"
EMBARGO_LIFTED_ACTION = "masthead.embargo_lifted"


# Rules checked when an article is saved (ArticlePage.clean).


def apply_embargo(article) -> None:
    """The go-live time may be later than the embargo, never earlier."""
    if article.embargo_until and (
        article.go_live_at is None or article.go_live_at < article.embargo_until
    ):
        article.go_live_at = article.embargo_until


def check_corrections_kept(article) -> None:
    """Published notes stay as they were: a correction is corrected by another note."""
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


# The changes.


@dataclass(frozen=True)
class LiveVersion:
    """What a page's live version showed on, read before a publish replaces it."""

    url_path: str
    paths: frozenset[str] = frozenset()  # an article's, from purge.paths_for_article


def live_version(page) -> LiveVersion | None:
    url_path = purge.live_url_path(page)
    if url_path is None:
        return None
    paths = purge.live_paths(page) if isinstance(page, ArticlePage) else frozenset()
    return LiveVersion(url_path=url_path, paths=paths)


def published(page, *, revision=None, before: LiveVersion | None = None) -> None:
    """A page went live, or its live version was replaced (`before`)."""
    if not isinstance(page, ArticlePage):
        old_urls = purge.relocated_urls(page, before.url_path if before else None)
        _after_commit(purge.for_whole_site(page, old_urls))
        return
    user = publishing_user(page, revision)
    note = _credit(page, user)  # 1
    index_now(page)  # 2
    if note is not None:  # 3
        log(
            page,
            CORRECTION_ACTION,
            user=user,
            data={
                "kind": note.kind,
                "noted_at": note.noted_at.isoformat(),
                "text": note.text,
            },
        )
    _after_commit(purge.for_article(page, before.paths if before else ()))  # 4, 5


def unpublished(page) -> None:
    if isinstance(page, ArticlePage):
        _after_commit(purge.for_article(page))
    else:
        _after_commit(purge.for_whole_site(page))


def moved(page, url_path_before: str) -> None:
    """Links to a moved page are in listings and menus everywhere: rare enough
    to purge all of our cache."""
    _after_commit(
        purge.for_whole_site(page, purge.relocated_urls(page, url_path_before))
    )


def before_delete(page) -> purge.Purge:
    """What deleting `page` (and its subtree) will drop, read while the rows,
    and an article's regions and people, are still there."""
    page = page.specific_deferred
    if isinstance(page, ArticlePage):
        return purge.for_article(page) if page.live else purge.Purge()
    return purge.Purge(everything=True, cdn_urls=purge.subtree_urls(page))


@transaction.atomic
def take_down(article, reason: str, user=None):
    """Unpublish with a recorded reason; the unpublish purges every cache."""
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
    until = until or timezone.now()
    due = ArticlePage.objects.live().filter(
        embargo_until__gt=since, embargo_until__lte=until
    )
    count = 0
    for article in due:
        at = article.embargo_until.isoformat()
        if PageLogEntry.objects.filter(
            page_id=article.pk, action=EMBARGO_LIFTED_ACTION, data__at=at
        ).exists():
            # Lifted already: `since` came from a cache that lost the last
            # check's time, and looked back a day.
            continue
        log(
            article,
            EMBARGO_LIFTED_ACTION,
            data={"at": at},
        )
        _after_commit(purge.for_article(article))
        count += 1
    return count


# The steps.


def _credit(article, user):
    """Step 1, as a queryset update, not a new revision: these follow from the
    publish. Returns the correction note this publish makes public, if any."""
    updates = {}
    editor = desk_editor_for(article, user)
    if editor is not None:
        updates["desk_editor"] = editor
    note = article.corrections.order_by("-noted_at").first()
    if note is not None and (
        article.updated_at is None or note.noted_at > article.updated_at
    ):
        updates["updated_at"] = note.noted_at
    else:
        note = None
    if updates:
        ArticlePage.objects.filter(pk=article.pk).update(**updates)
        for name, value in updates.items():
            setattr(article, name, value)
    return note


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
    index.insert_or_update_object(article)


def _after_commit(change: purge.Purge) -> None:
    """Steps 4 and 5, once the change is committed: a reader re-caching the old
    page before then would keep it. Robust: a cache or CDN that is down must
    not fail the editor's change, and one must not stop the other."""

    def purge_our_cache():
        # With a read replica, pages are rendered from it: purge once it has
        # the change, or a reader re-caches the old one (core/dbrouter.py).
        wait_for_replica()
        purge.purge_our_cache(change)

    def purge_cdn():
        purge.purge_cdn(change)

    transaction.on_commit(purge_our_cache, robust=True)
    transaction.on_commit(purge_cdn, robust=True)


# Where the changes come in.

# The live version of each page being published in this call, by page id.
# `page_published` is sent by Wagtail from inside execute() with arguments we
# cannot add to, so the wrapper that read the live version hands it to the
# receiver here: set for that one call and reset after, never stored on the
# page object (where it would outlive the publish).
_live_before: ContextVar[dict[int, LiveVersion | None]] = ContextVar(
    "masthead_live_before"
)


# The tree path of the page being deleted in this call, if any: Wagtail's
# pre_delete receiver unpublishes each live page of the subtree from inside
# execute(), and those unpublishes are covered by the delete's own purge.
_deleting: ContextVar[str] = ContextVar("masthead_deleting")


def _publish_in_one_transaction(execute):
    """Run every publish of a revision in one transaction.

    Wagtail 8 publishes in autocommit: the page row (live flag, live revision),
    the revision, the page_published receivers (the search index, our desk
    editor credit) and the audit log are separate commits, so a process killed
    in between leaves a page live with no search entry and no log of who
    published it. In one transaction a crash leaves the old state, and the
    purges (run on commit) happen only for a publish that is whole.
    """

    def publish(action, *args, **kwargs):
        with transaction.atomic():
            if not isinstance(action.object, Page):
                return execute(action, *args, **kwargs)
            before = {
                **_live_before.get({}),
                action.object.pk: live_version(action.object),
            }
            token = _live_before.set(before)
            try:
                return execute(action, *args, **kwargs)
            finally:
                _live_before.reset(token)

    publish.masthead_wrapped = True
    return publish


def _delete_in_one_transaction(execute):
    """Delete a page (and its subtree) in one transaction, with one purge of
    the addresses they had: once the rows are gone they cannot be read."""

    def delete(action, *args, **kwargs):
        with transaction.atomic():
            change = before_delete(action.page)
            token = _deleting.set(action.page.path)
            try:
                result = execute(action, *args, **kwargs)
            finally:
                _deleting.reset(token)
            _after_commit(change)
            return result

    delete.masthead_wrapped = True
    return delete


def _on_page_published(sender, instance, revision=None, **kwargs):
    before = _live_before.get({}).get(instance.pk)
    published(instance.specific_deferred, revision=revision, before=before)


def _on_page_unpublished(sender, instance, **kwargs):
    deleting = _deleting.get(None)
    if deleting is not None and instance.path.startswith(deleting):
        return  # part of a delete, which purges the whole subtree once
    unpublished(instance.specific_deferred)


def _on_page_moved(sender, instance, url_path_before=None, **kwargs):
    moved(instance, url_path_before)


def connect() -> None:
    """Called once from NewsroomConfig.ready()."""
    for action, wrap in (
        (PublishRevisionAction, _publish_in_one_transaction),
        (DeletePageAction, _delete_in_one_transaction),
    ):
        if not getattr(action.execute, "masthead_wrapped", False):
            action.execute = wrap(action.execute)
    page_published.connect(_on_page_published, dispatch_uid="masthead-published")
    page_unpublished.connect(_on_page_unpublished, dispatch_uid="masthead-unpublished")
    post_page_move.connect(_on_page_moved, dispatch_uid="masthead-moved")
