"""Comment counts for teasers: one query per list, whatever the template.

The teaser template shows one article at a time and cannot see the list it is
in. Every article the current request loads (a listing's rows arrive together)
is noted when it is made, through `post_init`; the first teaser that asks for
a count gets the counts of every noted article that has none yet in one query,
and keeps each on its article. The notes are weak references, dropped with
their articles and at the start and end of every request, so nothing stays
behind in a long-running process.
"""

import threading
import weakref

from django.db.models import Count

from masthead.readers.comments.models import Comment

ATTRIBUTE = "_readers_comment_count"
# An ArticlePage list in a request is at most a few hundred; a script that
# loads 100,000 articles and then renders one teaser asks for this many.
BATCH_LIMIT = 500

_local = threading.local()


def start_noting(**kwargs) -> None:
    """request_started: a fresh note for this request's articles."""
    # By id(): an article being created has no pk, so no hash, yet.
    _local.articles = weakref.WeakValueDictionary()


def stop_noting(**kwargs) -> None:
    """request_finished."""
    _local.articles = None


def note_article(sender, instance, **kwargs) -> None:
    """post_init of ArticlePage."""
    articles = getattr(_local, "articles", None)
    if articles is not None:
        articles[id(instance)] = instance


def remember_count(article, count: int) -> None:
    setattr(article, ATTRIBUTE, count)


def count_for(article) -> int:
    """Shown comments on `article`, counted with the other articles of the
    request that have no count yet."""
    count = getattr(article, ATTRIBUTE, None)
    if count is not None:
        return count
    pending = [article]
    noted = getattr(_local, "articles", None)
    if noted is not None:
        for other in list(noted.values()):
            if len(pending) >= BATCH_LIMIT:
                break
            if other is not article and getattr(other, ATTRIBUTE, None) is None:
                pending.append(other)
    ids = {a.pk for a in pending if a.pk is not None}
    counts = dict(
        Comment.objects.shown()
        .filter(article_id__in=ids)
        .order_by()
        .values("article_id")
        .annotate(n=Count("id"))
        .values_list("article_id", "n")
    )
    for each in pending:
        remember_count(each, counts.get(each.pk, 0))
    return getattr(article, ATTRIBUTE)
