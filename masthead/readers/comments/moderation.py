"""What the desk does with comments, and whose comments each editor sees.

A comment is moderated by whoever may publish its article: the editors of
the article's desk (Wagtail's publish permission on the section page, see
newsroom.roles), chief editors, superusers. Reporters only write.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import GroupPagePermission

from masthead.newsroom.models import ArticlePage, SectionPage
from masthead.readers.comments.models import BlockedAddress, Comment
from masthead.readers.comments.purge import purge_article

Status = Comment.Status


def moderated_paths(user) -> list[str] | None:
    """Tree paths under which `user` moderates; None: everywhere."""
    if not (user.is_active and user.is_authenticated):
        return []
    if user.is_superuser:
        return None
    return sorted(
        set(
            GroupPagePermission.objects.filter(
                group__user=user, permission__codename="publish_page"
            ).values_list("page__path", flat=True)
        )
    )


def _under(paths, field: str) -> Q:
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{field}__startswith": path})
    return query


def comments_for(user):
    paths = moderated_paths(user)
    comments = Comment.objects.all()
    if paths is None:
        return comments
    return comments.filter(_under(paths, "article__path"))


def sections_for(user):
    """Section pages whose comment settings `user` may change."""
    paths = moderated_paths(user)
    sections = SectionPage.objects.all()
    if paths is None:
        return sections
    return sections.filter(_under(paths, "path"))


def moderates_anything(user) -> bool:
    paths = moderated_paths(user)
    return paths is None or bool(paths)


def _set_status(comments, status: str, user) -> int:
    """Set the status of `comments` (a queryset already limited to what the
    user may moderate); purge each article whose shown comments changed."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            comments.select_for_update(of=("self",)).only("id", "status", "article_id")
        )
        shown = status == Status.PUBLISHED
        changed = {
            c.article_id for c in rows if (c.status == Status.PUBLISHED) != shown
        }
        Comment.objects.filter(pk__in=[c.pk for c in rows]).update(
            status=status,
            reported_at=None,
            report_count=0,
            moderated_at=now,
            moderated_by=user,
        )
        for article in ArticlePage.objects.filter(pk__in=changed):
            purge_article(article)
    return len(rows)


def approve(comments, user) -> int:
    return _set_status(comments, Status.PUBLISHED, user)


def reject(comments, user) -> int:
    return _set_status(comments, Status.REJECTED, user)


def mark_spam(comments, user) -> int:
    return _set_status(comments, Status.SPAM, user)


def block_addresses(comments, user) -> int:
    """Block the addresses of `comments`: they are marked spam, and so is
    everything those addresses still have waiting in the queue. Returns the
    number of addresses."""
    emails = set(comments.values_list("email", flat=True))
    with transaction.atomic():
        for email in emails:
            BlockedAddress.objects.get_or_create(
                email=email, defaults={"blocked_by": user}
            )
        waiting = Comment.objects.filter(email__in=emails, status=Status.HELD)
        mark_spam(comments, user)
        mark_spam(waiting, user)
    return len(emails)
