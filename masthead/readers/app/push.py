"""Breaking news by Web Push: "Send as alert" also notifies every browser that
allowed it.

A browser subscribes on the App page; its push service (Google's, Mozilla's,
Apple's, Microsoft's) gives it an endpoint, which it hands us with two keys.
For an alert the worker encrypts a small JSON message for each subscription
(RFC 8291, aes128gcm), signs a VAPID token (RFC 8292) with our key pair and
posts it to the endpoint. Only the push services' own hosts are accepted as
endpoints: the server posts to whatever address a reader gave, which must not
be one inside our network.

A notification carries the article's id as its tag, so a send run again after
a crash replaces the notification on the device instead of adding a second.
"""

from __future__ import annotations

import base64
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django_tasks import task
from pywebpush import WebPushException, webpush

from masthead.newsroom.models import ArticlePage
from masthead.readers.app.models import PushSubscription

logger = logging.getLogger("masthead.readers.push")

KEY_FILE = "vapid.json"
# The push services browsers use; an endpoint elsewhere is refused.
PUSH_HOSTS = (
    "fcm.googleapis.com",
    "push.services.mozilla.com",
    "push.apple.com",
    "notify.windows.com",
)
MAX_ENDPOINT = 2000
GONE = (404, 410)  # the push service forgot the subscription
MOST_FAILURES = 10
TTL_SECONDS = 6 * 3600  # a phone offline longer gets no stale breaking news
SEND_TIMEOUT = 10


@dataclass(frozen=True)
class VapidKeys:
    private: str  # the raw 32-byte key, base64url
    public: str  # the uncompressed point (65 bytes), base64url: applicationServerKey
    subject: str


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def generate_keys() -> dict[str, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return {"private_key": b64url(private), "public_key": b64url(public)}


def key_file() -> Path:
    return Path(settings.VAR_DIR) / KEY_FILE


def vapid_keys() -> VapidKeys | None:
    """The settings' key pair, else the one in var/vapid.json, else None."""
    private = settings.MASTHEAD_VAPID_PRIVATE_KEY
    public = settings.MASTHEAD_VAPID_PUBLIC_KEY
    if not (private and public):
        try:
            stored = json.loads(key_file().read_text())
        except (OSError, ValueError):
            return None
        private, public = stored.get("private_key"), stored.get("public_key")
        if not (private and public):
            return None
    subject = settings.MASTHEAD_VAPID_SUBJECT or (
        f"mailto:{settings.DEFAULT_FROM_EMAIL.rsplit('<', 1)[-1].rstrip('>')}"
    )
    return VapidKeys(private, public, subject)


def push_hosts() -> tuple[str, ...]:
    return tuple(getattr(settings, "MASTHEAD_PUSH_HOSTS", PUSH_HOSTS))


def endpoint_allowed(endpoint: str) -> bool:
    if len(endpoint) > MAX_ENDPOINT:
        return False
    parts = urlsplit(endpoint)
    # Plain http only where a test's own push service listens on loopback.
    plain = getattr(settings, "MASTHEAD_PUSH_ALLOW_HTTP", False)
    schemes = ("https", "http") if plain else ("https",)
    host = (parts.hostname or "").lower()
    if parts.scheme not in schemes or not host or parts.username or parts.password:
        return False
    return any(host == h or host.endswith("." + h) for h in push_hosts())


def keys_valid(p256dh: str, auth: str) -> bool:
    try:
        point, secret = unb64url(p256dh), unb64url(auth)
    except (ValueError, TypeError):
        return False
    return len(point) == 65 and point[0] == 4 and len(secret) == 16


def payload(article) -> str:
    return json.dumps(
        {
            "title": f"Breaking: {article.title}",
            "body": (article.lead or "")[:180],
            "url": article.full_url or article.url,
            "tag": f"article-{article.pk}",
        },
        ensure_ascii=False,
    )


def send_one(subscription: PushSubscription, data: str, keys: VapidKeys) -> bool:
    try:
        webpush(
            subscription.info(),
            data=data,
            vapid_private_key=keys.private,
            vapid_claims={"sub": keys.subject},
            ttl=TTL_SECONDS,
            timeout=SEND_TIMEOUT,
            headers={"Urgency": "high"},
        )
    except WebPushException as error:
        status = getattr(error.response, "status_code", None)
        if status in GONE:
            subscription.delete()
        else:
            _failed(subscription, error)
        return False
    except OSError as error:  # the push service unreachable
        _failed(subscription, error)
        return False
    PushSubscription.objects.filter(pk=subscription.pk).update(
        last_sent_at=timezone.now(), failures=0
    )
    return True


def _failed(subscription: PushSubscription, error) -> None:
    logger.warning("push to %s failed: %s", subscription.endpoint[:60], error)
    PushSubscription.objects.filter(pk=subscription.pk).update(
        failures=F("failures") + 1
    )
    PushSubscription.objects.filter(
        pk=subscription.pk, failures__gte=MOST_FAILURES
    ).delete()


@task()
def push_alert(article_id: int) -> int:
    keys = vapid_keys()
    article = ArticlePage.objects.live().filter(pk=article_id).first()
    if keys is None or article is None:
        return 0
    data = payload(article)
    sent = 0
    for subscription in PushSubscription.objects.order_by("pk").iterator():
        sent += send_one(subscription, data, keys)
    logger.info("alert %s pushed to %d browsers", article_id, sent)
    return sent


def on_alert_sent(sender, article, **kwargs):
    """`alert_sent` (newsletter/alerts.py): the same alert as a push message."""
    if vapid_keys() is not None and PushSubscription.objects.exists():
        push_alert.enqueue(article.pk)
