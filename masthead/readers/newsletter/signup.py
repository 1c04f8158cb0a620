"""Sign-up, confirmation, preferences and unsubscribing, without views.

Whatever the address (new, waiting, subscribed, gone), a sign-up answers the
same: the reader is told to look in the mailbox, and only the mailbox learns
more (a confirmation link, or a note that the address is already subscribed
with a link to its preferences). Lists of an address that is already
subscribed are never changed by a sign-up: only its own links can.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from masthead.newsroom.models import SectionPage

from . import guard, mails
from .models import Subscriber

logger = logging.getLogger("masthead.readers.newsletter")

MAX_ADDRESS_LENGTH = 254
# Mails about one address (confirmation or "already subscribed"): a flood of
# sign-ups naming someone else's address must not flood their mailbox.
MAILS_PER_ADDRESS = 3
MAILS_PER_ADDRESS_WINDOW = 24 * 3600
UNSUBSCRIBED_KEPT = timedelta(days=30)
UNCONFIRMED_KEPT = timedelta(days=7)


class InvalidAddress(ValueError):
    pass


def clean_address(raw: str) -> str:
    """The address as it will be stored and mailed, or InvalidAddress.

    Control and format characters (line breaks that would start a new mail
    header, right-to-left overrides, zero-width joiners) are refused, not
    stripped: an address that carries them was not typed by its owner.
    """
    value = (raw or "").strip()
    if not value or len(value) > MAX_ADDRESS_LENGTH:
        raise InvalidAddress(value)
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in value):
        raise InvalidAddress(value)
    try:
        validate_email(value)
    except ValidationError as exc:
        raise InvalidAddress(value) from exc
    local, _, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


@dataclass
class Choice:
    """The lists a reader asks for."""

    digest: bool = True
    alerts: bool = False
    edition: bool = False
    section_ids: list[int] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return self.digest or self.alerts or self.edition


def valid_sections(ids) -> list[SectionPage]:
    wanted = {int(i) for i in ids if str(i).isdigit()}
    if not wanted:
        return []
    return list(SectionPage.objects.live().filter(pk__in=wanted))


def sign_up(address: str, choice: Choice, *, source: str = "", request=None) -> str:
    """Record a sign-up and mail the address; returns what happened, for the
    log and the tests (never for the reader): created, resent, reminded, or
    throttled (no mail: too many already today)."""
    key = address.lower()
    try:
        subscriber, outcome = _record(address, key, choice, source)
    except IntegrityError:
        # The same new address signed up twice at once: the other won.
        subscriber, outcome = _record(address, key, choice, source)
    if guard.over_limit(
        "signup-mail", key, MAILS_PER_ADDRESS, MAILS_PER_ADDRESS_WINDOW
    ):
        logger.info("sign-up of a known address throttled: no mail sent")
        return "throttled"
    if outcome == "reminded":
        mails.send_preferences_link(subscriber, request=request)
    else:
        mails.send_confirmation(subscriber, request=request)
        Subscriber.objects.filter(pk=subscriber.pk).update(
            confirmation_sent_at=timezone.now()
        )
    return outcome


@transaction.atomic
def _record(address: str, key: str, choice: Choice, source: str):
    subscriber = Subscriber.objects.select_for_update().filter(email_key=key).first()
    if subscriber is not None and subscriber.status == Subscriber.Status.ACTIVE:
        return subscriber, "reminded"
    outcome = "resent"
    if subscriber is None:
        subscriber = Subscriber(email=address, email_key=key, signup_source=source)
        outcome = "created"
    subscriber.status = Subscriber.Status.PENDING
    subscriber.daily_digest = choice.digest
    subscriber.breaking_alerts = choice.alerts
    subscriber.pdf_edition = choice.edition
    subscriber.unsubscribed_at = None
    subscriber.save()
    subscriber.sections.set(valid_sections(choice.section_ids))
    return subscriber, outcome


def confirm(subscriber: Subscriber) -> bool:
    """Make a waiting address a subscriber. False for one that has since
    unsubscribed: its old confirmation link must not bring it back."""
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return False
    if subscriber.status == Subscriber.Status.PENDING:
        subscriber.status = Subscriber.Status.ACTIVE
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])
    return True


def unsubscribe(subscriber: Subscriber, list_name: str) -> None:
    """Take the address off one list ("digest", "alerts", "edition") or all ("all");
    with no list left it is unsubscribed, and deleted 30 days later."""
    if list_name in ("digest", "all"):
        subscriber.daily_digest = False
    if list_name in ("alerts", "all"):
        subscriber.breaking_alerts = False
    if list_name in ("edition", "all"):
        subscriber.pdf_edition = False
    if list_name == "all" or not (
        subscriber.daily_digest or subscriber.breaking_alerts or subscriber.pdf_edition
    ):
        if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.UNSUBSCRIBED
            subscriber.unsubscribed_at = timezone.now()
    subscriber.save(
        update_fields=[
            "daily_digest",
            "breaking_alerts",
            "pdf_edition",
            "status",
            "unsubscribed_at",
        ]
    )


def set_preferences(subscriber: Subscriber, choice: Choice) -> None:
    """What the preferences page saves. Its link came to the mailbox, so
    ticking a list there subscribes again without another confirmation."""
    if not choice.anything:
        unsubscribe(subscriber, "all")
        return
    with transaction.atomic():
        subscriber.daily_digest = choice.digest
        subscriber.breaking_alerts = choice.alerts
        subscriber.pdf_edition = choice.edition
        if subscriber.status != Subscriber.Status.ACTIVE:
            subscriber.status = Subscriber.Status.ACTIVE
            subscriber.confirmed_at = subscriber.confirmed_at or timezone.now()
            subscriber.unsubscribed_at = None
        subscriber.save()
        subscriber.sections.set(valid_sections(choice.section_ids))


def forget_old_addresses(now=None) -> int:
    """Delete addresses unsubscribed for 30 days and sign-ups never confirmed
    within a week; returns how many went."""
    now = now or timezone.now()
    gone = Subscriber.objects.filter(
        status=Subscriber.Status.UNSUBSCRIBED,
        unsubscribed_at__lt=now - UNSUBSCRIBED_KEPT,
    )
    unconfirmed = Subscriber.objects.filter(
        status=Subscriber.Status.PENDING, created_at__lt=now - UNCONFIRMED_KEPT
    ).exclude(confirmation_sent_at__gte=now - UNCONFIRMED_KEPT)
    deleted = 0
    for queryset in (gone, unconfirmed):
        deleted += queryset.delete()[1].get(Subscriber._meta.label, 0)
    return deleted
