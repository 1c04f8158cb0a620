"""Mail goes out through the task queue, so an SMTP outage loses nothing.

What the product mails today: Wagtail's workflow notifications (submitted for
review, approved, rejected, sent back) and Django's password reset. Wagtail
sends its notifications inline and, when the SMTP server is down, logs "Mail
connection error, notification sending skipped": the mail is gone. With
`QueuedEmailBackend` as EMAIL_BACKEND every message is rendered at once and
kept in the task queue (the database), and the worker hands it to the real
backend (MASTHEAD_MAIL_BACKEND, SMTP in production). A delivery that fails is
queued again for later, with a growing delay, until MASTHEAD_MAIL_ATTEMPTS.

It needs a task backend that can run tasks later (the database one of
`masthead serve` and production); the immediate backend cannot.
"""

from __future__ import annotations

import base64
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger("masthead.mail")

DEFAULT_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_ATTEMPTS = 12
DEFAULT_FIRST_RETRY_SECONDS = 60
LONGEST_RETRY_SECONDS = 3600


class QueuedEmailBackend(BaseEmailBackend):
    """Queues each message as a `deliver_mail` task instead of sending it."""

    def send_messages(self, email_messages) -> int:
        queued = 0
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            data = message.message().as_bytes(linesep="\r\n")
            deliver_mail.enqueue(
                from_email=message.from_email,
                recipients=recipients,
                data=base64.b64encode(data).decode("ascii"),
                subject=str(message.subject)[:200],
            )
            queued += 1
        return queued


class _Rendered:
    """A message already rendered to bytes, in the shape Django's SMTP
    backend sends (it calls recipients(), message().as_bytes())."""

    encoding = None

    def __init__(self, from_email: str, recipients: list[str], data: bytes):
        self.from_email = from_email
        self._recipients = recipients
        self._data = data

    def recipients(self) -> list[str]:
        return self._recipients

    def message(self):
        return self

    def as_bytes(self, linesep="\n") -> bytes:
        return self._data


def retry_delay(attempt: int) -> int:
    first = getattr(
        settings, "MASTHEAD_MAIL_FIRST_RETRY_SECONDS", DEFAULT_FIRST_RETRY_SECONDS
    )
    return min(first * 2 ** (attempt - 1), LONGEST_RETRY_SECONDS)


@task()
def deliver_mail(
    from_email: str, recipients: list[str], data: str, subject: str, attempt: int = 1
) -> str:
    backend = get_connection(
        getattr(settings, "MASTHEAD_MAIL_BACKEND", DEFAULT_DELIVERY_BACKEND),
        fail_silently=False,
    )
    rendered = _Rendered(from_email, recipients, base64.b64decode(data))
    try:
        backend.send_messages([rendered])
    except (OSError, smtplib.SMTPException) as error:
        attempts = getattr(settings, "MASTHEAD_MAIL_ATTEMPTS", DEFAULT_ATTEMPTS)
        if attempt >= attempts:
            logger.error(
                "mail %r to %s given up after %d attempts: %s",
                subject,
                ", ".join(recipients),
                attempt,
                error,
            )
            raise
        delay = retry_delay(attempt)
        deliver_mail.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            from_email=from_email,
            recipients=recipients,
            data=data,
            subject=subject,
            attempt=attempt + 1,
        )
        logger.warning(
            "mail %r to %s not sent (%s); attempt %d in %d s",
            subject,
            ", ".join(recipients),
            error,
            attempt + 1,
            delay,
        )
        return "retry"
    return "sent"
