"""What stands in for a CSRF token on the comment endpoints.

The article page is cached and shared, so its form cannot carry a token. A
browser says where a form was sent from: a post must come from a page of our
own public address (the Origin header, or the Referer where a browser sends no
Origin). Floods are held by counters per IP address and per e-mail address in
a cache every process shares.
"""

import hashlib
import time
from urllib.parse import urlsplit

from django.core.cache import caches

from masthead.core.login_limits import client_ip
from masthead.core.public_urls import base_url
from masthead.readers.comments.config import conf


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def same_origin(request) -> bool:
    """True when the browser says the form was on one of our pages."""
    expected = base_url(request).lower()
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        # "null" (a sandboxed frame, a file: page) never matches.
        return origin.strip().lower() == expected
    referer = request.META.get("HTTP_REFERER")
    if referer:
        return _origin_of(referer) == expected
    return False


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
        digest = hashlib.blake2b(value.encode(), digest_size=12).hexdigest()
        window = int(time.time() // self.seconds)
        return f"readers:{self.name}:{digest}:{window}"

    def hit(self, value: str) -> bool:
        """Count one hit; False when `value` is over its limit."""
        cache = caches[conf("RATE_LIMIT_CACHE")]
        key = self._key(value)
        cache.add(key, 0, self.seconds)
        try:
            return cache.incr(key) <= self.limit
        except ValueError:
            # Expired between add and incr: the window's first hit.
            cache.add(key, 1, self.seconds)
            return True

    def minutes_left(self) -> int:
        left = self.seconds - time.time() % self.seconds
        return max(1, int(left // 60) + (1 if left % 60 else 0))


POSTS_PER_IP = RateLimit("comment-ip", "IP_LIMIT")
COMMENTS_PER_ADDRESS = RateLimit("comment-address", "ADDRESS_LIMIT")
REPORTS_PER_IP = RateLimit("report-ip", "REPORT_LIMIT")


def first_report(request, comment_id: int) -> bool:
    """True the first time this IP address reports this comment (a day)."""
    cache = caches[conf("RATE_LIMIT_CACHE")]
    who = hashlib.blake2b(client_ip(request).encode(), digest_size=12).hexdigest()
    return cache.add(f"readers:reported:{comment_id}:{who}", 1, 86_400)
