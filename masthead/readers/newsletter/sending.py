"""Sending a mailing: resumable, one sender at a time, nothing sent twice.

`create_mailing` writes the mailing and one pending Delivery per recipient in
one transaction. `send_mailing` (a task) takes the mailing's lease, works
through its pending deliveries in id order and marks each one sent the moment
the SMTP server has accepted it, renewing the lease as it goes. After
SEND_SECONDS it hands over to a fresh task. Messages travel on a thread of
their own while the next is built (send_thread.py). When SMTP is down the deliveries stay pending and the
mailing gets a retry time; the `newsletter-send` periodic job queues the task
again when that time comes (or when a crashed sender's lease runs out).

The one window that no SMTP client can close: a crash after the server
accepted a message and before its row says so. That message (at most two: one
may be queued behind it) is sent again on resume, with the same Message-ID
(`<m<mailing>.s<subscriber>@host>`), which lets mail systems that deduplicate
drop it.
"""

from __future__ import annotations

import logging
import smtplib
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from masthead.core.outbox import DEFAULT_DELIVERY_BACKEND

from .content import content_for
from .mails import Sender
from .models import Delivery, Mailing, NewsletterSettings, Subscriber
from .send_thread import SendThread
from .stamp import Stamp

logger = logging.getLogger("masthead.readers.newsletter")

BATCH = 500
SEND_SECONDS = 50
LEASE_SECONDS = 300
FIRST_RETRY_SECONDS = 60
LONGEST_RETRY_SECONDS = 3600
# Temporary refusals of one address (mailbox full, greylisting) before its
# copy is given up.
DELIVERY_ATTEMPTS = 5
KICK_SECONDS = 120

LIST_FIELDS = {
    Mailing.Kind.DIGEST: "daily_digest",
    Mailing.Kind.ALERT: "breaking_alerts",
    Mailing.Kind.EDITION: "pdf_edition",
}


def delivery_backend() -> str:
    return getattr(settings, "MASTHEAD_MAIL_BACKEND", DEFAULT_DELIVERY_BACKEND)


def create_mailing(kind: str, subject: str, **fields) -> Mailing:
    """The mailing and its recipients (everyone on the list now), then the
    sending task once both are committed."""
    with transaction.atomic():
        mailing = Mailing.objects.create(kind=kind, subject=subject, **fields)
        recipients = _add_recipients(mailing, LIST_FIELDS[kind])
        Mailing.objects.filter(pk=mailing.pk).update(recipients=recipients)
        mailing.recipients = recipients
    transaction.on_commit(lambda: kick(mailing.pk))
    return mailing


def _add_recipients(mailing: Mailing, list_field: str) -> int:
    # One INSERT ... SELECT: 100,000 rows without bringing them into Python.
    quote = db_connection.ops.quote_name
    delivery = quote(Delivery._meta.db_table)
    subscriber = quote(Subscriber._meta.db_table)
    column = quote(Subscriber._meta.get_field(list_field).column)
    # Names from the models' own metadata, never from input; values are bound.
    sql = (
        f"INSERT INTO {delivery} "  # noqa: S608
        "(mailing_id, subscriber_id, status, attempts, error) "
        f"SELECT %s, id, %s, 0, '' FROM {subscriber} "
        f"WHERE status = %s AND {column} = %s"
    )
    with db_connection.cursor() as cursor:
        cursor.execute(
            sql,
            [mailing.pk, Delivery.Status.PENDING, Subscriber.Status.ACTIVE, True],
        )
    return Delivery.objects.filter(mailing=mailing).count()


def kick(mailing_id: int) -> bool:
    """Queue the sending task unless it was queued a moment ago."""
    if not cache.add(f"masthead:mailing-kick:{mailing_id}", 1, KICK_SECONDS):
        return False
    send_mailing.enqueue(mailing_id)
    return True


def due_mailings(now=None):
    now = now or timezone.now()
    return Mailing.objects.filter(state=Mailing.State.SENDING).filter(
        (Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        & (Q(retry_at__isnull=True) | Q(retry_at__lte=now))
    )


def retry_delay(attempt: int) -> int:
    first = getattr(
        settings, "MASTHEAD_NEWSLETTER_FIRST_RETRY_SECONDS", FIRST_RETRY_SECONDS
    )
    return min(first * 2 ** max(attempt - 1, 0), LONGEST_RETRY_SECONDS)


@task()
def send_mailing(mailing_id: int) -> str:
    return MailingSend(mailing_id).run()


class SmtpUnavailable(Exception):
    """The server cannot take mail now: stop, keep what is pending."""


class MailingSend:
    """One run of a mailing's sender."""

    def __init__(self, mailing_id: int, seconds: float = SEND_SECONDS):
        self.mailing_id = mailing_id
        self.seconds = seconds
        self.counts = {"sent": 0, "skipped": 0, "failed": 0}
        self.deferred = 0
        # Keyed by the identity of a Parts: content keeps each one for the run.
        self._stamps: dict[int, Stamp] = {}
        self.unavailable: Exception | None = None
        self.crash: Exception | None = None

    def run(self, chain: bool = True) -> str:
        """sent (all done), more (time is up; a successor is queued when
        `chain`), retry (SMTP trouble; retried later), busy, or cancelled."""
        if not self._take_lease():
            return "busy"
        cache.delete(f"masthead:mailing-kick:{self.mailing_id}")
        outcome = "retry"
        try:
            outcome = self._send()
        except SmtpUnavailable as exc:
            self._postpone(str(exc))
        finally:
            self._release(outcome)
        if outcome == "more" and chain:
            kick(self.mailing_id)
        return outcome

    def _take_lease(self) -> bool:
        now = timezone.now()
        return bool(
            due_mailings(now)
            .filter(pk=self.mailing_id)
            .update(lease_until=now + timedelta(seconds=LEASE_SECONDS))
        )

    def _renew_lease(self) -> bool:
        """False when the mailing was cancelled meanwhile."""
        return bool(
            Mailing.objects.filter(
                pk=self.mailing_id, state=Mailing.State.SENDING
            ).update(lease_until=timezone.now() + timedelta(seconds=LEASE_SECONDS))
        )

    def _send(self) -> str:
        mailing = Mailing.objects.get(pk=self.mailing_id)
        sender = Sender()
        site_settings = (
            NewsletterSettings.for_site(sender.site) if sender.site else None
        )
        per_section = site_settings.stories_per_section if site_settings else 5
        content = content_for(mailing, sender, per_section)
        started = time.monotonic()
        last_id = 0
        backend = get_connection(delivery_backend(), fail_silently=False)
        self._open(backend)
        line = SendThread(backend)
        try:
            while True:
                batch = self._next_batch(last_id)
                if not batch:
                    break
                sections = _sections_of([d.subscriber_id for d in batch])
                for delivery in batch:
                    message = self._prepare(
                        delivery, mailing, content, sender, sections
                    )
                    if message is not None and not line.send(delivery, message):
                        break
                    self._take(line.results())
                    self._stop_if_told()
                    last_id = delivery.pk
                self._take(line.results())
                self._stop_if_told()
                self._save_counts()
                if not self._renew_lease():
                    return "cancelled"
                if time.monotonic() - started > self.seconds:
                    return "more"
        finally:
            # Whatever happened, what the server accepted is written down.
            self._take(line.finish())
            _close_quietly(backend)
        self._stop_if_told()
        if self.deferred:
            self._postpone(f"{self.deferred} addresses refused for now")
            return "retry"
        self._finish()
        return "sent"

    def _open(self, backend) -> None:
        try:
            backend.open()
        except (OSError, smtplib.SMTPException) as exc:
            raise SmtpUnavailable(f"cannot connect: {exc}") from exc

    def _next_batch(self, last_id: int) -> list[Delivery]:
        return list(
            Delivery.objects.filter(
                mailing_id=self.mailing_id,
                status=Delivery.Status.PENDING,
                pk__gt=last_id,
            )
            .select_related("subscriber")
            .order_by("pk")[:BATCH]
        )

    def _prepare(self, delivery, mailing, content, sender, sections):
        """The reader's message, or None when the row is skipped."""
        subscriber = delivery.subscriber
        if not subscriber.on_list(content.list_name):
            return self._mark(delivery, Delivery.Status.SKIPPED, "left the list")
        parts = content.parts(sections.get(subscriber.pk, frozenset()))
        if parts is None:
            return self._mark(delivery, Delivery.Status.SKIPPED, "nothing to send")
        unsubscribe_url = sender.unsubscribe_url(subscriber, content.list_name)
        preferences_url = sender.preferences_url(subscriber)
        message_id = f"<m{mailing.pk}.s{subscriber.pk}@{sender.host}>"
        stamp = self._stamps.get(id(parts))
        if stamp is None:
            stamp = self._stamps[id(parts)] = Stamp(sender, content.list_name, parts)
        if stamp.fits(subscriber.email):
            return stamp.message_for(
                subscriber.email, message_id, unsubscribe_url, preferences_url
            )
        text, html = parts.for_reader(unsubscribe_url, preferences_url)
        return sender.compose(
            subscriber.email,
            content.list_name,
            parts.subject,
            text,
            html,
            unsubscribe_url=unsubscribe_url,
            message_id=message_id,
        )

    def _take(self, results) -> None:
        """Write down what the SMTP thread reports; remember what must stop
        the send (never raises: it also runs while an error unwinds)."""
        for delivery, error in results:
            if error is None:
                self._mark(delivery, Delivery.Status.SENT)
            elif isinstance(error, smtplib.SMTPRecipientsRefused):
                code, reply = next(iter(error.recipients.values()), (550, b""))
                self._refused(delivery, code, reply)
            elif (
                isinstance(error, smtplib.SMTPResponseException)
                and 500 <= error.smtp_code < 600
                and not isinstance(error, smtplib.SMTPSenderRefused)
            ):
                # A 5xx to this message alone (its content, say) fails this
                # copy; a 4xx or a refused sender is the server's state.
                self._mark(
                    delivery,
                    Delivery.Status.FAILED,
                    f"{error.smtp_code} {error.smtp_error!r}",
                )
            elif isinstance(error, (OSError, smtplib.SMTPException)):
                self.unavailable = self.unavailable or error
            else:
                self.crash = self.crash or error

    def _stop_if_told(self) -> None:
        if self.crash is not None:
            raise self.crash
        if self.unavailable is not None:
            error = self.unavailable
            if isinstance(error, smtplib.SMTPResponseException):
                raise SmtpUnavailable(f"{error.smtp_code} {error.smtp_error!r}")
            raise SmtpUnavailable(str(error) or type(error).__name__)

    def _refused(self, delivery, code: int, reply) -> None:
        error = f"{code} {reply!r}"[:300]
        attempts = delivery.attempts + 1
        if code >= 500 or attempts >= DELIVERY_ATTEMPTS:
            self._mark(delivery, Delivery.Status.FAILED, error, attempts=attempts)
            return
        Delivery.objects.filter(pk=delivery.pk).update(attempts=attempts, error=error)
        self.deferred += 1

    def _mark(self, delivery, status: str, error: str = "", attempts=None) -> None:
        """Returns None, so `_prepare` can skip a row in one statement."""
        # Written at once, row by row: this is what makes a resumed send
        # neither repeat nor skip anyone.
        updates = {"status": status, "error": error[:300]}
        if status == Delivery.Status.SENT:
            updates["sent_at"] = timezone.now()
        if attempts is not None:
            updates["attempts"] = attempts
        Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.PENDING).update(
            **updates
        )
        self.counts[status] += 1

    def _save_counts(self) -> None:
        if not any(self.counts.values()):
            return
        Mailing.objects.filter(pk=self.mailing_id).update(
            sent_count=F("sent_count") + self.counts["sent"],
            skipped_count=F("skipped_count") + self.counts["skipped"],
            failed_count=F("failed_count") + self.counts["failed"],
        )
        self.counts = dict.fromkeys(self.counts, 0)

    def _postpone(self, error: str) -> None:
        self._save_counts()
        mailing = Mailing.objects.get(pk=self.mailing_id)
        attempts = mailing.attempts + 1
        delay = retry_delay(attempts)
        Mailing.objects.filter(pk=self.mailing_id).update(
            attempts=attempts,
            retry_at=timezone.now() + timedelta(seconds=delay),
            last_error=error[:500],
        )
        logger.warning(
            "mailing %s paused (%s); retried in %d s", self.mailing_id, error, delay
        )

    def _finish(self) -> None:
        Mailing.objects.filter(pk=self.mailing_id, state=Mailing.State.SENDING).update(
            state=Mailing.State.DONE, finished_at=timezone.now(), retry_at=None
        )

    def _release(self, outcome: str) -> None:
        self._save_counts()
        Mailing.objects.filter(pk=self.mailing_id).update(lease_until=None)


def _close_quietly(backend) -> None:
    try:
        backend.close()
    except (OSError, smtplib.SMTPException):
        pass  # the connection is gone already: nothing left to close


def _sections_of(subscriber_ids: list[int]) -> dict[int, frozenset[int]]:
    through = Subscriber.sections.through
    found: dict[int, set[int]] = {}
    for subscriber_id, section_id in through.objects.filter(
        subscriber_id__in=subscriber_ids
    ).values_list("subscriber_id", "sectionpage_id"):
        found.setdefault(subscriber_id, set()).add(section_id)
    return {k: frozenset(v) for k, v in found.items()}
