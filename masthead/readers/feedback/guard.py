"""What stands in for a CSRF token on the feedback and contact endpoints.

The feedback page and the contact page are cached and shared, so their forms
carry no token. Instead:
- the browser must say the form was on one of our pages (Origin, or the
  Referer when a browser sends no Origin);
- a honeypot field people never see must come back empty;
- counters per IP address and per e-mail address, in a cache every process
  shares (conf RATE_LIMIT_CACHE), hold floods.
"""

import hashlib
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches

from masthead.core.login_limits import client_ip
from masthead.core.public_urls import configured_base_url
from masthead.readers.feedback.config import conf

HONEYPOT_FIELD = "website"


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(request) -> set[str]:
    origins = {f"{request.scheme}://{request.get_host()}".lower()}
    configured = configured_base_url()
    if configured:
        origins.add(configured.lower())
    origins.update(o.lower() for o in getattr(settings, "CSRF_TRUSTED_ORIGINS", ()))
    return origins


def same_origin(request) -> bool:
    """True when the browser says the form was posted from one of our pages.
    "null" (a sandboxed frame, a file: page) and no header at all never pass."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        origin = _origin_of(request.META.get("HTTP_REFERER", ""))
    origin = origin.strip().lower()
    return bool(origin) and origin != "null" and origin in allowed_origins(request)


def honeypot_filled(request) -> bool:
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())


class RateLimit:
    """At most `limit` hits per key in a fixed window of `seconds`."""

    def __init__(self, name: str, setting: str):
        self.name = name
        self.setting = setting

    @property
    def limit(self) -> int:
        return conf(self.setting)[0]

    @property
    def seconds(self) -> int:
        return conf(self.setting)[1]

    def _key(self, value: str) -> str:
        # Hashed: neither an address nor an IP is written into the cache as such.
        digest = hashlib.blake2b(value.encode(), digest_size=12).hexdigest()
        return f"readers:{self.name}:{digest}:{int(time.time() // self.seconds)}"

    def hit(self, value: str) -> bool:
        """Count one hit; False when `value` is over its limit."""
        cache = caches[conf("RATE_LIMIT_CACHE")]
        key = self._key(value)
        if cache.add(key, 1, self.seconds + 5):
            return True
        try:
            return cache.incr(key) <= self.limit
        except ValueError:
            # Expired between add and incr: the window's first hit.
            cache.add(key, 1, self.seconds + 5)
            return True

    def minutes_left(self) -> int:
        left = self.seconds - time.time() % self.seconds
        return max(1, -(-int(left) // 60))


MESSAGES_PER_IP = RateLimit("feedback-ip", "IP_LIMIT")
MESSAGES_PER_ADDRESS = RateLimit("feedback-address", "ADDRESS_LIMIT")


def ip_of(request) -> str:
    return client_ip(request) or "unknown"


def body_too_large(request) -> bool:
    """Judged on Content-Length before the body is read (a body without one
    is cut by Django's own DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > conf("MAX_REQUEST_BYTES")
