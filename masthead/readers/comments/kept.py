"""The comments section of an article page, kept rendered.

The first page of an article's comments (the list, its count, its pager) and
the form under it are the same for every reader, so the section is rendered
once and kept in the page cache's store, keyed by the article, a per-article
generation and everything else the HTML shows (whether comments are open,
whether they wait for review, when they close, the site's time settings).

Any change to what readers see of the thread moves the generation on: the
moderation and posting paths through purge.purge_article(), and every save or
delete of a comment (the admin, a shell, a cascade) through signals. The
generation moves at once and again when the transaction commits, so a render
that read the old rows while the change was being written cannot keep them
under the new generation.

The form carries no CSRF token (the page itself is public and cached for every
reader; views.post_comment checks the Origin instead), so nothing in the
section is per request. A preview is never kept nor read.
"""

import logging
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.template.loader import render_to_string

from masthead.core.pagecache import get_store
from masthead.newsroom.fragments import FRAGMENT_SECONDS, settings_key
from masthead.readers.comments.counts import remember_count
from masthead.readers.comments.forms import CommentForm
from masthead.readers.comments.policy import closes_at, is_open, rules_for
from masthead.readers.comments.thread import load_thread

SECTION_TEMPLATE = "readers/comments/section.html"
logger = logging.getLogger("masthead.readers.comments")


@dataclass(frozen=True)
class KeptSection:
    count: int  # every comment shown, replies too
    html: str


def _generation_key(article_id) -> str:
    return f"frag-gen:comments:{article_id}"


def _set_generation(article_id) -> None:
    try:
        get_store().cache.set(_generation_key(article_id), secrets.token_hex(6), None)
    except Exception:
        # The kept section then lives out its FRAGMENT_SECONDS; the change goes on.
        logger.warning("could not retire the comments of %s", article_id, exc_info=True)


def bump(article_id) -> None:
    """What readers see of `article_id`'s comments changed (or is changing in
    the current transaction)."""
    _set_generation(article_id)
    transaction.on_commit(lambda: _set_generation(article_id), robust=True)


def comment_saved(sender, instance, created, **kwargs) -> None:
    """post_save of Comment. A new comment waiting for review changes nothing
    readers see; any other save may."""
    if created and instance.status != instance.Status.PUBLISHED:
        return
    bump(instance.article_id)


def comment_deleted(sender, instance, **kwargs) -> None:
    """post_delete of Comment."""
    bump(instance.article_id)


def _render(article, site_settings, rules, shown_open: bool) -> KeptSection:
    thread = load_thread(article, 1)
    html = render_to_string(
        SECTION_TEMPLATE,
        {
            "site_settings": site_settings,
            "article": article,
            "thread": thread,
            "open": shown_open,
            "closes_at": closes_at(article, rules),
            "publish_at_once": rules.publish_at_once,
            "form": CommentForm(auto_id="comment-%s"),
        },
    )
    return KeptSection(thread.count, str(html))


def section_for(article, site_settings, request=None) -> KeptSection:
    """The article's comments section and count: kept, or rendered and kept."""
    rules = rules_for(article)
    if request is not None and getattr(request, "is_preview", False):
        # A preview shows the comments but never a form to post to a draft.
        return _render(article, site_settings, rules, shown_open=False)
    shown_open = is_open(article, rules)
    closing = closes_at(article, rules)
    shape = (
        f"{int(shown_open)}{int(rules.publish_at_once)}:"
        f"{int(closing.timestamp()) if closing else '-'}:{settings_key(site_settings)}"
    )
    cache = get_store().cache
    try:
        generation = cache.get(_generation_key(article.pk), "0")
        key = f"frag:comments:{article.pk}:{generation}:{shape}"
        kept = cache.get(key)
    except Exception:
        # A cache outage costs a render, never the page.
        logger.warning("fragment cache unavailable", exc_info=True)
        key, kept = None, None
    if isinstance(kept, tuple) and len(kept) == 2:
        section = KeptSection(*kept)
    else:
        section = _render(article, site_settings, rules, shown_open)
        if key is not None:
            try:
                cache.set(key, (section.count, section.html), FRAGMENT_SECONDS)
            except Exception:
                logger.warning("fragment cache unavailable", exc_info=True)
    remember_count(article, section.count)
    return section
