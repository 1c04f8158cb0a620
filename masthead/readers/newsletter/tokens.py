"""Signed links: confirm, preferences and unsubscribe work without cookies.

A token is `<id>.<mac>` (confirm links add the day they were made:
`<id>.<day>.<mac>`), all in base-36 or URL-safe base64, so it fits in a path
segment. The MAC is an HMAC of the id, the address and the subscriber's own
secret, keyed by SECRET_KEY and the link's purpose: a token for one list
cannot unsubscribe from another, and no token can be made without the key.
"""

from __future__ import annotations

import base64
import time

from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int, int_to_base36

from .models import Subscriber

CONFIRM = "confirm"
PREFERENCES = "preferences"
LISTS = ("digest", "alerts", "edition", "all")
CONFIRM_DAYS = 7
MAX_TOKEN_LENGTH = 80


def _mac(purpose: str, body: str, subscriber: Subscriber) -> str:
    digest = salted_hmac(
        f"masthead.readers.newsletter.{purpose}",
        f"{body}|{subscriber.email_key}|{subscriber.secret}",
        algorithm="sha256",
    ).digest()[:18]
    return base64.urlsafe_b64encode(digest).decode("ascii")


def _today() -> int:
    return int(time.time() // 86400)


def make(subscriber: Subscriber, purpose: str) -> str:
    body = int_to_base36(subscriber.pk)
    if purpose == CONFIRM:
        body += "." + int_to_base36(_today())
    return f"{body}.{_mac(purpose, body, subscriber)}"


def unsubscribe_purpose(list_name: str) -> str:
    return f"unsubscribe:{list_name}"


def read(token: str, purpose: str) -> Subscriber | None:
    """The subscriber a token stands for, or None: forged, damaged, expired,
    or the subscriber no longer exists (all look the same to the caller)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    body, _, mac = token.rpartition(".")
    parts = body.split(".")
    if len(parts) != (2 if purpose == CONFIRM else 1):
        return None
    try:
        pk = base36_to_int(parts[0])
        day = base36_to_int(parts[1]) if purpose == CONFIRM else None
    except ValueError:
        return None
    if day is not None and not 0 <= _today() - day <= CONFIRM_DAYS:
        return None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None:
        return None
    if not constant_time_compare(mac, _mac(purpose, body, subscriber)):
        return None
    return subscriber
