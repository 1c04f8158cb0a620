"""A WSGI layer in front of Django that answers cache hits with stored bytes.

Its place is the point: a hit here costs a cache read and a socket write,
about four times cheaper than the same hit in Django's first middleware
(design.md §4). It never sees personal pages: a request with a session cookie,
or anything but GET/HEAD, goes straight through, and only responses Django
marked `public` without a cookie are stored.
"""

import logging
import time
from http.cookies import SimpleCookie

from .store import CachedPage, get_store

logger = logging.getLogger("masthead.pagecache")

BYPASS_PREFIXES = ("/admin", "/django-admin", "/static/", "/media/", "/search")
PERSONAL_COOKIES = ("sessionid",)
STORABLE_STATUS = ("200", "301", "404")
WAIT_FOR_RENDER_SECONDS = 2.0


def _is_anonymous(environ) -> bool:
    header = environ.get("HTTP_COOKIE")
    if not header:
        return True
    try:
        jar = SimpleCookie(header)
    except Exception:
        return False
    return not any(name in jar for name in PERSONAL_COOKIES)


def _storable(status: str, headers) -> bool:
    if status[:3] not in STORABLE_STATUS:
        return False
    cache_control = ""
    for name, value in headers:
        lname = name.lower()
        if lname == "set-cookie":
            return False
        if lname == "vary" and "cookie" in value.lower():
            return False
        if lname == "cache-control":
            cache_control = value.lower()
    return "public" in cache_control and "no-store" not in cache_control


class PageCacheApp:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        path = environ.get("PATH_INFO", "/")
        if (
            method not in ("GET", "HEAD")
            or path.startswith(BYPASS_PREFIXES)
            or not _is_anonymous(environ)
        ):
            return self.app(environ, start_response)

        store = get_store()
        try:
            key = store.key_for(path, environ.get("QUERY_STRING", ""))
            cached = store.get(key)
        except Exception:
            # The cache being down must not take the site down with it.
            logger.exception("page cache unavailable; serving from Django")
            return self.app(environ, start_response)

        if cached is not None and store.is_fresh(cached):
            return self._answer(environ, start_response, cached, "HIT")

        if not store.acquire(key):
            if cached is not None:
                return self._answer(environ, start_response, cached, "STALE")
            cached = self._wait_for(store, key)
            if cached is not None:
                return self._answer(environ, start_response, cached, "HIT")
        try:
            return self._render(environ, start_response, store, key, cached)
        finally:
            store.release(key)

    def _wait_for(self, store, key) -> CachedPage | None:
        # Another process is rendering this URL: let it, rather than stampede.
        deadline = time.monotonic() + WAIT_FOR_RENDER_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.02)
            page = store.get(key)
            if page is not None:
                return page
        return None

    def _render(self, environ, start_response, store, key, stale: CachedPage | None):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"] = status
            captured["headers"] = headers
            captured["exc_info"] = exc_info
            return lambda data: None  # write() is not used by Django

        result = self.app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        status, headers = captured["status"], captured["headers"]

        if status.startswith("5") and stale is not None:
            # stale-if-error: yesterday's page beats an error page.
            return self._answer(environ, start_response, stale, "STALE-ERROR")
        if environ["REQUEST_METHOD"] == "GET" and _storable(status, headers):
            page = store.store(key, status, headers, body)
            headers = [h for h in headers if h[0].lower() != "etag"]
            headers.append(("ETag", page.etag))
        headers.append(("X-Cache", "MISS"))
        start_response(status, headers, captured.get("exc_info"))
        return [body] if environ["REQUEST_METHOD"] != "HEAD" else [b""]

    def _answer(self, environ, start_response, page: CachedPage, state: str):
        age = str(int(time.time() - page.stored_at))
        if environ.get("HTTP_IF_NONE_MATCH") == page.etag:
            start_response(
                "304 Not Modified",
                [("ETag", page.etag), ("X-Cache", state), ("Age", age)]
                + [h for h in page.headers if h[0].lower() == "cache-control"],
            )
            return [b""]
        headers = [h for h in page.headers if h[0].lower() != "etag"]
        headers += [("ETag", page.etag), ("X-Cache", state), ("Age", age)]
        start_response(page.status, headers)
        if environ["REQUEST_METHOD"] == "HEAD":
            return [b""]
        return [page.body]
