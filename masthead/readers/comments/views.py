"""The readers' side: post a comment, reply, report, and the further pages of
an article's comments.

The posts answer with a page of their own (never cached: they are POSTs), so
everything works with JavaScript off. Each refusal says why and stores nothing.
"""

from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from masthead.core.login_limits import client_ip
from masthead.core.public_urls import base_url
from masthead.newsroom.models import ArticlePage
from masthead.readers.comments.config import conf
from masthead.readers.comments.forms import CommentForm, honeypot_filled
from masthead.readers.comments.guard import (
    COMMENTS_PER_ADDRESS,
    POSTS_PER_IP,
    REPORTS_PER_IP,
    first_report,
    same_origin,
)
from masthead.readers.comments.models import BlockedAddress, Comment
from masthead.readers.comments.policy import is_open, rules_for
from masthead.readers.comments.purge import purge_article
from masthead.readers.comments.thread import load_thread

ANSWER = "readers/comments/answer.html"


def published_article(article_id: int) -> ArticlePage:
    """A live article past its embargo; a taken-down one is not live."""
    return get_object_or_404(ArticlePage.objects.published(), pk=article_id)


def _answer(request, status: int, title: str, message: str, **context):
    response = TemplateResponse(
        request,
        ANSWER,
        {"title": title, "message": message, **context},
        status=status,
    )
    return response


def _refused_origin(request):
    return _answer(
        request,
        403,
        "Not sent from our site",
        f"This form must be sent from a page of {base_url(request)}. "
        "Nothing was saved.",
    )


def _too_many(request, limit, what: str):
    minutes = limit.minutes_left()
    response = _answer(
        request,
        429,
        "Too many at once",
        f"Too many {what} from your address. Please try again in "
        f"{minutes} minute{'s' if minutes != 1 else ''}. Nothing was saved.",
    )
    response["Retry-After"] = str(minutes * 60)
    return response


def _too_large(request):
    limit = conf("MAX_LENGTH")
    return _answer(
        request,
        413,
        "Comment too long",
        f"That was far more than a comment can hold: the limit is {limit:,} "
        "characters. Nothing was saved.",
    )


def _request_too_large(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > conf("MAX_REQUEST_BYTES")


def _posted(request, article, comment=None, published=False):
    if published:
        title = "Your comment is published"
        message = "Thank you. Your comment is on the article now."
    else:
        title = "Your comment awaits moderation"
        message = (
            "Thank you. Your comment will appear on the article once an editor "
            "has read it."
        )
    return _answer(request, 200, title, message, article=article, comment=comment)


# The form sits on a cached page shared by every reader, so it cannot carry a
# CSRF token: the Origin check in guard.same_origin() replaces Django's, with
# the honeypot and rate limits below against floods.
@csrf_exempt
@require_POST
def post_comment(request, article_id: int):
    if _request_too_large(request):
        return _too_large(request)
    if not same_origin(request):
        return _refused_origin(request)
    article = published_article(article_id)
    if not POSTS_PER_IP.hit(client_ip(request)):
        return _too_many(request, POSTS_PER_IP, "comments")
    if honeypot_filled(request.POST):
        # Answered as a success, so a bot learns nothing; nothing is stored.
        return _posted(request, article)
    rules = rules_for(article, fresh=True)
    if not is_open(article, rules):
        return _answer(
            request,
            403,
            "Comments are closed",
            "This article no longer takes comments. Nothing was saved.",
            article=article,
        )
    form = CommentForm(request.POST, auto_id="comment-%s")
    if not form.is_valid():
        return _answer(
            request,
            400,
            "Please check your comment",
            "Your comment was not saved yet; please correct what is marked.",
            article=article,
            form=form,
        )
    data = form.cleaned_data
    if BlockedAddress.objects.filter(email=data["email"]).exists():
        return _posted(request, article)  # as for the honeypot: nothing stored
    if not COMMENTS_PER_ADDRESS.hit(data["email"]):
        return _too_many(request, COMMENTS_PER_ADDRESS, "comments")
    parent = None
    if data["parent"]:
        parent = (
            Comment.objects.shown()
            .filter(article_id=article.pk, pk=data["parent"])
            .only("id", "parent_id")
            .first()
        )
        if parent is None:
            return _answer(
                request,
                400,
                "That comment is gone",
                "The comment you replied to is no longer shown. Nothing was saved.",
                article=article,
            )
        if parent.parent_id is not None:
            # One level of replies: a reply to a reply joins its thread.
            parent = Comment(pk=parent.parent_id)
    status = Comment.Status.PUBLISHED if rules.publish_at_once else Comment.Status.HELD
    # A reload of the answer page posts again: the same text from the same
    # address on the same article is one comment.
    existing = (
        Comment.objects.filter(
            article_id=article.pk, email=data["email"], body=data["body"]
        )
        .exclude(status__in=[Comment.Status.REJECTED, Comment.Status.SPAM])
        .first()
    )
    if existing is not None:
        return _posted(
            request,
            article,
            existing,
            published=existing.status == Comment.Status.PUBLISHED,
        )
    with transaction.atomic():
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            name=data["name"],
            email=data["email"],
            body=data["body"],
            status=status,
        )
        if status == Comment.Status.PUBLISHED:
            purge_article(article)
    return _posted(
        request, article, comment, published=status == Comment.Status.PUBLISHED
    )


@never_cache
@require_GET
def reply_form(request, article_id: int, comment_id: int):
    """The form to answer one comment (the article page's "Reply" link). Not
    cached: the comment may be removed any moment."""
    article = published_article(article_id)
    parent = get_object_or_404(
        Comment.objects.shown().defer("email"),
        article_id=article.pk,
        pk=comment_id,
    )
    if parent.parent_id is not None:
        return redirect("readers_comment_reply", article.pk, parent.parent_id)
    rules = rules_for(article, fresh=True)
    form = CommentForm(initial={"parent": parent.pk}, auto_id="comment-%s")
    return TemplateResponse(
        request,
        "readers/comments/reply.html",
        {
            "article": article,
            "parent": parent,
            "form": form,
            "open": is_open(article, rules),
            "publish_at_once": rules.publish_at_once,
        },
    )


@require_GET
def comment_page(request, article_id: int, number: int):
    """Page 2 on of an article's comments (page 1 is on the article). Cached
    like any public page; purge.py drops these with the article."""
    if number < 2:
        return redirect(_article_comments_url(published_article(article_id)))
    article = published_article(article_id)
    thread = load_thread(article, number)
    request.surrogate_keys = {f"page-{article.pk}", f"article-{article.pk}"}
    return TemplateResponse(
        request,
        "readers/comments/page.html",
        {
            "article": article,
            "thread": thread,
            "open": is_open(article, rules_for(article)),
        },
    )


def _article_comments_url(article) -> str:
    return (article.url or "/") + "#comments"


# As for post_comment: the Origin check stands in for a CSRF token.
@csrf_exempt
@require_POST
def report_comment(request, comment_id: int):
    if not same_origin(request):
        return _refused_origin(request)
    comment = get_object_or_404(
        Comment.objects.shown().only("id", "article_id"),
        pk=comment_id,
    )
    article = published_article(comment.article_id)
    if not REPORTS_PER_IP.hit(client_ip(request)):
        return _too_many(request, REPORTS_PER_IP, "reports")
    if first_report(request, comment.pk):
        Comment.objects.filter(pk=comment.pk).update(
            reported_at=timezone.now(), report_count=F("report_count") + 1
        )
    return _answer(
        request,
        200,
        "Thank you for telling us",
        "An editor will read this comment again and remove it if it breaks the rules.",
        article=article,
    )
