"""One page of an article's comments, in one query: the page's comments with
their replies, oldest first, each row carrying the article's count."""

import math
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Q, Subquery
from django.http import Http404

from masthead.readers.comments.config import conf
from masthead.readers.comments.counts import remember_count
from masthead.readers.comments.models import Comment


@dataclass
class Thread:
    comments: list[Comment] = field(default_factory=list)  # with .shown_replies
    count: int = 0  # every comment shown, replies too
    threads: int = 0  # comments that are not replies
    number: int = 1
    per_page: int = 50

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.threads / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def page_numbers(self) -> range:
        return range(1, self.pages + 1)


def _count_of(queryset):
    return Subquery(
        queryset.order_by().values("article_id").annotate(n=Count("id")).values("n"),
        output_field=IntegerField(),
    )


def load_thread(article, number: int = 1) -> Thread:
    """Page `number` of the article's comments; Http404 past the last page."""
    per_page = conf("PER_PAGE")
    shown = Comment.objects.shown().filter(article_id=article.pk)
    top = shown.filter(parent__isnull=True)
    start = (number - 1) * per_page
    on_page = top.order_by("created_at", "id").values("id")[start : start + per_page]
    rows = list(
        Comment.objects.filter(
            Q(pk__in=on_page) | Q(parent_id__in=on_page),
            status=Comment.Status.PUBLISHED,
        )
        .defer("email")
        .annotate(total=_count_of(shown), threads=_count_of(top))
        .order_by("created_at", "id")
    )
    thread = Thread(number=number, per_page=per_page)
    if rows:
        thread.count = rows[0].total or 0
        thread.threads = rows[0].threads or 0
    elif number > 1:
        raise Http404("No such page of comments.")
    by_id = {}
    for row in rows:
        if row.parent_id is None:
            row.shown_replies = []
            by_id[row.pk] = row
            thread.comments.append(row)
    for row in rows:
        if row.parent_id is not None and row.parent_id in by_id:
            by_id[row.parent_id].shown_replies.append(row)
    remember_count(article, thread.count)
    return thread
