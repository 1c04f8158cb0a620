"""Who may call the read API: hashed keys, what each may receive, how often.

A key is 256 random bits, so a plain SHA-256 of it is enough to find it and
useless to anyone who reads the table: there is nothing to brute-force.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from redis.exceptions import RedisError

from masthead.newsroom.models import Source

from .models import APIKey

logger = logging.getLogger("masthead.api")

KEY_PREFIX = "mh_"
PREFIX_CHARS = 11  # "mh_" and 8 characters of the secret: enough to tell keys apart
MAX_KEY_CHARS = 200
RATE_WINDOW_SECONDS = 60
# last_used_at is a hint for the admin, not an audit log: one write per key
# per interval rather than one per request.
LAST_USED_INTERVAL = timedelta(minutes=5)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_api_key(name: str, *, sources=(), rate_limit=None, user=None):
    """A new key for `name`: returns (the APIKey row, the key). The key is not
    kept anywhere: show it to whoever asked, once."""
    name = (name or "").strip()
    if not name:
        raise ValueError("an API key needs a name: who it is for")
    if len(name) > APIKey._meta.get_field("name").max_length:
        raise ValueError("the name is too long (120 characters at most)")
    key = new_secret()
    row = APIKey(name=name, created_by=user)
    if rate_limit is not None:
        row.rate_limit = rate_limit
    set_secret(row, key)
    row.full_clean()
    row.save()
    row.sources.set(sources)
    return row, key


def set_secret(row: APIKey, key: str) -> None:
    row.prefix = key[:PREFIX_CHARS]
    row.key_sha256 = digest(key)


def new_secret() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def bearer_token(request) -> str | None:
    """The key of `Authorization: Bearer <key>`; None without one."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    token = token.strip()
    return token or None


def find_key(token: str) -> APIKey | None:
    if not token or len(token) > MAX_KEY_CHARS:
        return None
    return APIKey.objects.filter(key_sha256=digest(token)).first()


def note_use(key: APIKey) -> None:
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_INTERVAL:
        APIKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now


@dataclass(frozen=True)
class RateState:
    limit: int
    remaining: int
    reset_seconds: int  # until the current window ends

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0


def spend(key: APIKey, now: float | None = None) -> RateState:
    """Count one request against `key`'s limit in the current one-minute
    window of the default cache (Redis in production, shared by every
    process; the one-box local-memory cache counts per process)."""
    now = time.time() if now is None else now
    window = int(now // RATE_WINDOW_SECONDS)
    reset = max(1, int((window + 1) * RATE_WINDOW_SECONDS - now + 0.999))
    counter = f"masthead:api:rate:{key.pk}:{window}"
    try:
        if cache.add(counter, 1, RATE_WINDOW_SECONDS + 5):
            used = 1
        else:
            try:
                used = cache.incr(counter)
            except ValueError:  # expired between add() and incr()
                cache.add(counter, 1, RATE_WINDOW_SECONDS + 5)
                used = 1
    except (RedisError, OSError):
        # A cache outage must not shut every partner out: count nothing.
        logger.exception("API rate limit unavailable; request let through")
        used = 0
    return RateState(
        limit=key.rate_limit, remaining=key.rate_limit - used, reset_seconds=reset
    )


def unlicensed_source_ids(key: APIKey) -> list[int]:
    """Sources whose copy `key` may not receive: any source whose licence keeps
    it out of the API, and agency or partner copy not on the key's list. Our
    own copy (no source, or a staff source) is always allowed.

    Listings exclude these ids rather than filter on the allowed ones: SQLite
    without statistics would walk the source index for an IN and sort every
    match, where NOT IN leaves it the publish-time index, in order."""
    allowed = Source.objects.filter(allow_in_api=True).filter(
        Q(kind=Source.Kind.STAFF) | Q(pk__in=key.sources.values("pk"))
    )
    return list(Source.objects.exclude(pk__in=allowed).values_list("pk", flat=True))


def may_receive(key: APIKey, source: Source | None) -> bool:
    return source is None or source.pk not in unlicensed_source_ids(key)
