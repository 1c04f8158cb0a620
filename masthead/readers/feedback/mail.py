"""The notice to the desk: a plain-text mail with the reader's message, sent
by the worker once the message is stored.

The request that stored the message queues `mail_message`; whatever that
could not do (the queue was unreachable, the mail server refused, no desk had
an address yet) the worker's periodic `feedback-mail` job picks up after a
while, so a message is mailed once it can be and never twice: the row is
locked while it is sent and marked sent in the same transaction. With the
production mail backend (core/outbox.py) "sent" means handed to the outbox,
which retries SMTP on its own.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from masthead.core.clock import site_time
from masthead.core.scheduler import periodic
from masthead.readers.feedback.config import conf
from masthead.readers.feedback.desks import desk_addresses
from masthead.readers.feedback.models import ReaderMessage

logger = logging.getLogger("masthead.readers.feedback")

ADMIN_URL_NAME = "reader_messages:inspect"
SWEEP_BATCH = 20
MAIL_ERRORS = (OSError, smtplib.SMTPException)


def subject_for(message: ReaderMessage) -> str:
    about = message.subject or message.message.split("\n", 1)[0]
    if len(about) > 80:
        about = about[:79].rstrip() + "\u2026"
    return f"[{message.get_kind_display()}] {message.topic_label}: {about}"


def admin_url(message: ReaderMessage) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse(ADMIN_URL_NAME, args=[message.pk])


def build_mail(message: ReaderMessage, to: list[str]) -> EmailMessage:
    body = render_to_string(
        "readers/feedback/email/to_desk.txt",
        {
            "message": message,
            "received": site_time(message.created_at),
            "admin_url": admin_url(message),
        },
    )
    return EmailMessage(
        subject=subject_for(message),
        body=body,
        to=to,
        reply_to=[message.email] if message.email else None,
        # RFC 3834: no out-of-office answers to a machine's notice.
        headers={"Auto-Submitted": "auto-generated"},
    )


def send_to_desk(message_id: int) -> str:
    now = timezone.now()
    try:
        with transaction.atomic():
            message = (
                ReaderMessage.objects.select_for_update()
                .unmailed()
                .filter(pk=message_id)
                .first()
            )
            if message is None:
                return "nothing to send"
            to = desk_addresses(message.section)
            if not to:
                logger.warning(
                    "reader message %s: no address for its desk; kept in the inbox",
                    message_id,
                )
                message.mail_tried_at = now
                message.save(update_fields=["mail_tried_at"])
                return "no address"
            build_mail(message, to).send()
            message.mailed_at = message.mail_tried_at = now
            message.save(update_fields=["mailed_at", "mail_tried_at"])
    except MAIL_ERRORS as error:
        ReaderMessage.objects.filter(pk=message_id).update(mail_tried_at=now)
        logger.warning(
            "reader message %s not mailed (%s); tried again later", message_id, error
        )
        return "retry"
    return "sent"


@task()
def mail_message(message_id: int) -> str:
    return send_to_desk(message_id)


@periodic("feedback-mail")
def mail_waiting() -> int:
    """Mail the messages the request's task did not (see the module's doc)."""
    wait = timedelta(seconds=conf("MAIL_RETRY_SECONDS"))
    due = timezone.now() - wait
    ids = list(
        ReaderMessage.objects.unmailed()
        .filter(created_at__lte=due)
        .exclude(mail_tried_at__gt=due)
        .order_by("created_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    return sum(send_to_desk(pk) == "sent" for pk in ids)
