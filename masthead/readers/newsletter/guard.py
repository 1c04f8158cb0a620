"""What keeps a form on a cached page safe without a CSRF token.

The footer's sign-up sits on pages served from the page cache, which may carry
nothing personal, so there is no CSRF token to check. Instead:
- the Origin header (or, without one, the Referer) must be this site's own;
- a honeypot field that people never see must come back empty;
- rate limits per client address and per e-mail address, counted in the
  "logins" cache as the comments' are: files every process on one box shares,
  Redis in production.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.utils.crypto import salted_hmac

from masthead.core.login_limits import client_ip
from masthead.core.public_urls import configured_base_url

HONEYPOT_FIELD = "website"
RATE_CACHE = "logins"


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

    Browsers send Origin with every POST; a missing one falls back to the
    Referer; with neither, the post did not come from a browser on our page.
    """
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        referer = request.META.get("HTTP_REFERER", "")
        origin = _origin_of(referer) if referer else ""
    if not origin or origin == "null":
        return False
    return origin.lower() in allowed_origins(request)


def honeypot_filled(request) -> bool:
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())


def _key(scope: str, value: str, window: int) -> str:
    # Hashed: neither an address nor an IP is written into the cache as such.
    digest = salted_hmac("masthead.readers.rate", f"{scope}|{value}").hexdigest()[:24]
    return f"masthead:rate:{scope}:{digest}:{int(time.time() // window)}"


def count(scope: str, value: str, window: int) -> int:
    """Count one event for `value` in the current `window`-second slot and
    return how many there have been in it."""
    key = _key(scope, value, window)
    cache = caches[RATE_CACHE]
    if cache.add(key, 1, window + 5):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, window + 5)
        return 1


def over_limit(scope: str, value: str, limit: int, window: int) -> bool:
    return count(scope, value, window) > limit


def client_address(request) -> str:
    return client_ip(request) or "unknown"
