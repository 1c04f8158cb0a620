"""How many entries one client may make the page cache store.

Real pages are finite, but query variants (`?before=` cursors) and unknown
addresses (404s, kept a minute each) are not: a client walking through
made-up ones could fill the cache. Each such store spends one unit of the
client's budget for the current window; when it is spent the client's
answers are still rendered and sent, only not stored. The counter lives in
the page cache's backend, so every worker (and every server, with Redis)
shares it.
"""

import hashlib
import time

from django.conf import settings

DEFAULT_BUDGET = 300  # stores of variants and 404s per client per window
DEFAULT_WINDOW_SECONDS = 3600
# Proxies whose X-Forwarded-For names the client (deploy/nginx.conf runs on
# the same box); from anyone else the header is the client's own claim.
DEFAULT_TRUSTED_PROXIES = ("127.0.0.1", "::1")


def _conf(name: str, default):
    return settings.MASTHEAD_PAGE_CACHE.get(name, default)


def client_address(environ) -> str:
    peer = environ.get("REMOTE_ADDR", "")
    forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and peer in _conf("TRUSTED_PROXIES", DEFAULT_TRUSTED_PROXIES):
        # nginx appends the address it saw: the last entry is the one to trust.
        return forwarded.rsplit(",", 1)[-1].strip() or peer
    return peer


def spend(cache, environ) -> bool:
    """True if this client may store one more entry now (and count it).
    Cache errors are the caller's: PageStore._shared backs off from them."""
    budget = _conf("CLIENT_BUDGET", DEFAULT_BUDGET)
    window = _conf("CLIENT_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS)
    client = hashlib.blake2b(
        client_address(environ).encode(), digest_size=12
    ).hexdigest()
    key = f"b:{client}:{int(time.time() // window)}"
    try:
        cache.add(key, 0, window)
        return cache.incr(key) <= budget
    except ValueError:
        # Expired between add and incr: this is the window's first store.
        return True
