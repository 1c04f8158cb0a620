"""Comments on public pages: the count beside an article's time and on its
teasers, and the comments section under an article.

    {% load readers_comments %}
    {% comment_count article %}   the count, linked to the comments
    {% comment_section page %}    the list, its pager and the form
"""

from django import template
from django.utils.html import format_html

from masthead.readers.comments.counts import count_for
from masthead.readers.comments.forms import CommentForm
from masthead.readers.comments.policy import closes_at, is_open, rules_for
from masthead.readers.comments.text import render_body
from masthead.readers.comments.thread import load_thread

register = template.Library()

THREAD_ATTRIBUTE = "_readers_thread"


def _thread_of(article):
    """The article's first page of comments, loaded once per render (its
    query also gives the count beside the time)."""
    thread = getattr(article, THREAD_ATTRIBUTE, None)
    if thread is None:
        thread = load_thread(article, 1)
        setattr(article, THREAD_ATTRIBUTE, thread)
    return thread


@register.filter
def comment_text(text: str) -> str:
    return render_body(text)


@register.simple_tag(takes_context=True)
def comment_count(context, article):
    if article is None or article.pk is None:
        return ""
    if context.get("page") is article:
        count, href = _thread_of(article).count, "#comments"
    else:
        count, href = count_for(article), f"{article.url or ''}#comments"
    return format_html(
        '<a class="comment-count" href="{}"><span class="visually-hidden">'
        "Comments: </span>{}</a>",
        href,
        count,
    )


@register.inclusion_tag("readers/comments/section.html", takes_context=True)
def comment_section(context, article):
    request = context.get("request")
    preview = bool(getattr(request, "is_preview", False))
    rules = rules_for(article)
    return {
        "request": request,
        "site_settings": context.get("site_settings"),
        "article": article,
        "thread": _thread_of(article),
        # A preview shows the comments but never a form to post to a draft.
        "open": is_open(article, rules) and not preview,
        "closes_at": closes_at(article, rules),
        "publish_at_once": rules.publish_at_once,
        "form": CommentForm(auto_id="comment-%s"),
    }
