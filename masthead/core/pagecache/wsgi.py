"""A WSGI layer in front of Django that answers cache hits with stored bytes.

Its place is the point: a hit here costs a cache read and a socket write,
about four times cheaper than the same hit in Django's first middleware
(design.md §4). It never sees personal pages: a request with a session cookie,
or anything but GET/HEAD, goes straight through, and only responses Django
marked `public` without a cookie are stored.
"""

import logging
import re
import time

from django.conf import settings
from django.http.cookie import parse_cookie

from masthead.core.admin_paths import ADMIN_PREFIXES

from . import budget
from .keys import Query, split_query
from .store import NOT_MODIFIED_HEADERS, CachedPage, PageStore, get_store

logger = logging.getLogger("masthead.pagecache")

# Whole path segments: /admin and /admin/... bypass, /administration-news/ does not.
BYPASS_PREFIXES = (
    *ADMIN_PREFIXES,
    "/documents",
    "/static",
    "/media",
    "/search",
)
# The same test as admin_paths.is_under, as one set lookup and one startswith.
_BYPASS_EXACT = frozenset(BYPASS_PREFIXES)
_BYPASS_UNDER = tuple(prefix + "/" for prefix in BYPASS_PREFIXES)
# Cookies that can make Django's answer personal: the session (logged-in users,
# previews, page passwords) and pending flash messages.
PERSONAL_COOKIES = ("messages",)
STORABLE_STATUS = ("200", "301", "404")
# Vary values the store can ignore because it keeps one representation.
HARMLESS_VARY = {"accept-encoding"}
WAIT_FOR_RENDER_SECONDS = 2.0
_BARE = Query(forwarded="", key="", exact=True)  # a request without a query
_MAX_AGE = re.compile(r"(?:^|,)\s*(s-maxage|max-age)\s*=\s*\"?(\d+)")


def _bypassed(path: str) -> bool:
    return path in _BYPASS_EXACT or path.startswith(_BYPASS_UNDER)


def _header(headers, name: str) -> str:
    name = name.lower()
    return ", ".join(v for n, v in headers if n.lower() == name)


def _storable(status: str, headers) -> bool:
    if status[:3] not in STORABLE_STATUS:
        return False
    if any(name.lower() == "set-cookie" for name, _ in headers):
        return False
    vary = {v.strip().lower() for v in _header(headers, "vary").split(",")} - {""}
    if vary - HARMLESS_VARY:
        # Vary: Cookie (a session was read) or anything else we don't key on.
        return False
    cache_control = {
        d.split("=", 1)[0].strip()
        for d in _header(headers, "cache-control").lower().split(",")
    }
    return "public" in cache_control and not cache_control & {
        "private",
        "no-store",
        "no-cache",
    }


def _shared_max_age(headers) -> int | None:
    ages = dict(
        (name, int(value))
        for name, value in _MAX_AGE.findall(_header(headers, "cache-control").lower())
    )
    return ages.get("s-maxage", ages.get("max-age"))


def _etag_matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(
        tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(",")
    )


def _not_modified(start_response, headers, etag: str, extra) -> list[bytes]:
    kept = [h for h in headers if h[0].lower() in NOT_MODIFIED_HEADERS]
    start_response("304 Not Modified", kept + [("ETag", etag), *extra])
    return [b""]


def _usable(page: CachedPage | None, query: Query) -> CachedPage | None:
    """A stored page fit to answer this query. With parameters the path does
    not read, only a 200: a 404 or a redirect of the address without them may
    not be this address's answer (see keys.py)."""
    if page is None or query.exact or page.status.startswith("200"):
        return page
    return None


def _may_store(store: PageStore, environ, status: str, query: Query) -> bool:
    if not query.exact and not status.startswith("200"):
        return False
    if not query.key and not status.startswith("404"):
        return True  # a page at its own address: there are only so many
    # A query variant or an unknown address: endless, so on the client's budget.
    try:
        return store._shared(budget.spend, store.cache, environ, default=True)
    except Exception:
        logger.exception("page cache budget unavailable")
        return True


class PageCacheApp:
    def __init__(self, app):
        self.app = app
        # Settings are read once, here: a hit looks none of them up.
        self._personal_cookies = (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES)
        self._ssl_redirect = settings.SECURE_SSL_REDIRECT
        self._ssl_proxy_header = settings.SECURE_PROXY_SSL_HEADER

    def _is_anonymous(self, cookie_header: str) -> bool:
        # Parsed only when one of the names occurs in the header at all.
        if not any(name in cookie_header for name in self._personal_cookies):
            return True
        cookies = parse_cookie(cookie_header)
        return not any(name in cookies for name in self._personal_cookies)

    def _is_secure(self, environ) -> bool:
        if self._ssl_proxy_header:
            header, secure_value = self._ssl_proxy_header
            value = environ.get(header)
            if value is not None:
                return value.split(",", 1)[0].strip() == secure_value
        return environ.get("wsgi.url_scheme") == "https"

    def _cacheable_request(self, environ) -> bool:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return False
        if _bypassed(environ.get("PATH_INFO", "/")):
            return False
        cookie = environ.get("HTTP_COOKIE")
        if cookie and not self._is_anonymous(cookie):
            return False
        # Credentials make the answer the caller's own (a partner's API key:
        # its licence decides what it sees), never a shared copy (RFC 9111, 3.5).
        if "HTTP_AUTHORIZATION" in environ:
            return False
        # Plain HTTP must reach Django's SecurityMiddleware to be redirected.
        return not self._ssl_redirect or self._is_secure(environ)

    def __call__(self, environ, start_response):
        if not self._cacheable_request(environ):
            return self.app(environ, start_response)

        path = environ.get("PATH_INFO", "/")
        query_string = environ.get("QUERY_STRING")
        if query_string:
            query = split_query(path, query_string)
            environ["QUERY_STRING"] = query.forwarded
        else:
            query = _BARE
        try:
            store = get_store()
            key = store.key_for(path, query.key)
            cached = _usable(store.get(key), query)
        except Exception:
            # The cache being down must not take the site down with it.
            logger.exception("page cache unavailable; serving from Django")
            return self.app(environ, start_response)

        if cached is not None and time.time() < cached.fresh_until:
            return self._answer(environ, start_response, cached, "HIT")

        try:
            token = store.acquire(key)
        except Exception:
            logger.exception("page cache lock unavailable; serving from Django")
            return self._render(environ, start_response, None, key, cached, query)

        if token is None:
            # Another process is rendering this URL.
            if cached is not None:
                # stale-while-revalidate: the old copy now, the new one soon.
                return self._answer(environ, start_response, cached, "STALE")
            cached = _usable(self._wait_for(store, key), query)
            if cached is not None:
                return self._answer(environ, start_response, cached, "HIT")
            # It is slow or failed: render ourselves, but never take its lock.
            return self._render(environ, start_response, store, key, None, query)
        try:
            return self._render(environ, start_response, store, key, cached, query)
        finally:
            try:
                store.release(key, token)
            except Exception:
                logger.exception("page cache lock release failed")

    def _wait_for(self, store: PageStore, key: str) -> CachedPage | None:
        # Another process is rendering this URL: let it, rather than stampede.
        deadline = time.monotonic() + WAIT_FOR_RENDER_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.02)
            try:
                page = store.get(key)
            # The cache is a speed-up: if it fails, stop waiting and render.
            except Exception:  # noqa: BLE001
                return None
            if page is not None:
                return page
        return None

    def _render(
        self,
        environ,
        start_response,
        store: PageStore | None,
        key: str,
        stale: CachedPage | None,
        query: Query,
    ):
        captured = {}
        written = []

        def capture(status, headers, exc_info=None):
            captured["status"] = status
            captured["headers"] = list(headers)
            captured["exc_info"] = exc_info
            return written.append

        try:
            result = self.app(environ, capture)
            try:
                body = b"".join([*written, *result])
            finally:
                if hasattr(result, "close"):
                    result.close()
        except Exception:
            if stale is None:
                raise
            logger.exception("rendering failed; serving the stale page")
            return self._answer(environ, start_response, stale, "STALE-ERROR")
        status, headers = captured["status"], captured["headers"]

        if status.startswith("5") and stale is not None:
            # stale-if-error: yesterday's page beats an error page.
            return self._answer(environ, start_response, stale, "STALE-ERROR")

        etag = None
        if _storable(status, headers):
            etag = PageStore.etag_for(body)
            if (
                store is not None
                and environ["REQUEST_METHOD"] == "GET"
                and _may_store(store, environ, status, query)
            ):
                ttl = _shared_max_age(headers)
                try:
                    store.store(
                        key,
                        status,
                        headers,
                        body,
                        ttl=ttl,
                        # A 404 is kept briefly: unknown URLs are endless.
                        stale_ttl=ttl if status.startswith("404") else None,
                    )
                except Exception:
                    logger.exception("page cache unavailable; page not stored")
            headers = [h for h in headers if h[0].lower() != "etag"]
            headers.append(("ETag", etag))
            if _etag_matches(environ.get("HTTP_IF_NONE_MATCH"), etag):
                return _not_modified(
                    start_response, headers, etag, [("X-Cache", "MISS")]
                )
        headers.append(("X-Cache", "MISS"))
        start_response(status, headers, captured.get("exc_info"))
        return [body] if environ["REQUEST_METHOD"] != "HEAD" else [b""]

    def _answer(self, environ, start_response, page: CachedPage, state: str):
        # Everything but X-Cache and Age was built when the page was stored.
        extra = (
            ("X-Cache", state),
            ("Age", str(max(0, int(time.time() - page.stored_at)))),
        )
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match and _etag_matches(if_none_match, page.etag):
            start_response("304 Not Modified", [*page.not_modified_headers, *extra])
            return [b""]
        start_response(page.status, [*page.hit_headers, *extra])
        if environ["REQUEST_METHOD"] == "HEAD":
            return [b""]
        return [page.body]
