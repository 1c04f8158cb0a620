"""Dropping an article's pages from our cache and the CDN when what readers
see of its comments changes: the article, every listing its teaser (and so
its count) is on, and its further pages of comments.

The addresses come from newsroom's publish path, the same ones a correction
purges; this adds the comment pages, which only readers knows.
"""

import math

from django.db import transaction
from django.urls import reverse

from masthead.newsroom import purge as newsroom_purge
from masthead.readers.comments import kept
from masthead.readers.comments.config import conf
from masthead.readers.comments.models import Comment


def comment_page_paths(article) -> set[str]:
    """Pages 2.. of the article's comments, and the one a new thread would open."""
    threads = Comment.objects.shown().filter(article_id=article.pk, parent=None).count()
    last = math.ceil(threads / conf("PER_PAGE")) + 1
    return {
        reverse("readers_comment_page", args=[article.pk, number])
        for number in range(2, last + 1)
    }


def purge_article(article) -> None:
    """After the current transaction commits (a reader re-caching the page
    before then would keep the old one), drop the article's pages."""
    # Bulk status changes (moderation's update()) send no signals: the kept
    # comments section is retired here, now and on commit.
    kept.bump(article.pk)
    change = newsroom_purge.for_article(article)
    extra = comment_page_paths(article)
    change.paths |= extra
    change.cdn_urls |= set(newsroom_purge.full_urls(article, extra))

    def our_cache():
        newsroom_purge.purge_our_cache(change)

    def cdn():
        newsroom_purge.purge_cdn(change)

    # Robust: a cache or CDN that is down must not undo the moderation, and
    # one must not stop the other.
    transaction.on_commit(our_cache, robust=True)
    transaction.on_commit(cdn, robust=True)
