"""Breaking-news alerts: an editor sends a live article to the alert list.

Anyone who may publish the article may send it, once. Listeners of
`alert_sent` (web push, say) hear of each alert after it is queued.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.dispatch import Signal

from masthead.newsroom.models import ArticlePage

from .content import newsletter_articles
from .mails import one_line
from .models import Mailing, Subscriber
from .sending import create_mailing

# Sent with `article` and `mailing` once an alert is committed to the queue.
alert_sent = Signal()


class AlertRefused(Exception):
    pass


def may_send_alert(user, article: ArticlePage) -> bool:
    return article.permissions_for_user(user).can_publish()


def earlier_alert(article: ArticlePage) -> Mailing | None:
    return Mailing.objects.filter(kind=Mailing.Kind.ALERT, article=article).first()


def refusal(article: ArticlePage) -> str | None:
    """Why this article cannot go out as an alert, or None."""
    if not newsletter_articles().filter(pk=article.pk).exists():
        if article.source_id and not article.source.allow_in_newsletter:
            return f"{article.source.name} copy may not appear in the newsletter."
        return "Only a published article (past any embargo) can be sent."
    if earlier_alert(article) is not None:
        return "This article has already been sent as an alert."
    return None


def alert_audience() -> int:
    return Subscriber.objects.filter(
        status=Subscriber.Status.ACTIVE, breaking_alerts=True
    ).count()


def send_alert(article: ArticlePage, user=None) -> Mailing:
    reason = refusal(article)
    if reason:
        raise AlertRefused(reason)
    subject = one_line(f"Breaking: {article.title}")
    try:
        mailing = create_mailing(
            Mailing.Kind.ALERT, subject, article=article, created_by=user
        )
    except IntegrityError as exc:
        raise AlertRefused("This article has already been sent as an alert.") from exc
    transaction.on_commit(
        lambda: alert_sent.send(sender=Mailing, article=article, mailing=mailing)
    )
    return mailing
