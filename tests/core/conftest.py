"""A small WSGI client for driving `PageCacheApp(get_wsgi_application())`.

Django's test Client bypasses WSGI middleware wrapped around Django, so the page
cache is tested by calling the WSGI callable with a real environ, as granian does.
"""

import io
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.core.wsgi import get_wsgi_application

from masthead.core.pagecache import get_store
from masthead.core.pagecache.wsgi import PageCacheApp


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    reason: str = ""

    def header(self, name: str) -> str | None:
        values = [v for n, v in self.headers if n.lower() == name.lower()]
        return ", ".join(values) if values else None

    @property
    def x_cache(self) -> str | None:
        return self.header("X-Cache")

    @property
    def cache_control(self) -> dict[str, str | bool]:
        directives: dict[str, str | bool] = {}
        for part in (self.header("Cache-Control") or "").split(","):
            if part.strip():
                name, _, value = part.strip().partition("=")
                directives[name.lower()] = value or True
        return directives


@dataclass
class WSGIClient:
    app: object
    calls: list[str] = field(default_factory=list)

    def request(
        self,
        url: str,
        method: str = "GET",
        headers: dict[str, str] | None = None,
        cookies: dict[str, str] | None = None,
        body: bytes = b"",
        scheme: str = "http",
    ) -> Reply:
        parts = urlsplit(url)
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": parts.path or "/",
            "QUERY_STRING": parts.query,
            "SCRIPT_NAME": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "testserver",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": scheme,
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": io.StringIO(),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "CONTENT_LENGTH": str(len(body)),
        }
        if method == "POST":
            environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        for name, value in (headers or {}).items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        if cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        started = {}

        def start_response(status, response_headers, exc_info=None):
            started["status"] = status
            started["headers"] = list(response_headers)

        result = self.app(environ, start_response)
        try:
            data = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        code, _, reason = started["status"].partition(" ")
        return Reply(int(code), started["headers"], data, reason)

    def get(self, url: str, **kwargs) -> Reply:
        return self.request(url, "GET", **kwargs)

    def head(self, url: str, **kwargs) -> Reply:
        return self.request(url, "HEAD", **kwargs)

    def post(self, url: str, **kwargs) -> Reply:
        return self.request(url, "POST", **kwargs)


class CountingApp:
    """Wraps Django to count how many requests reached it."""

    def __init__(self, app):
        self.app = app
        self.paths: list[str] = []

    def __call__(self, environ, start_response):
        self.paths.append(environ["PATH_INFO"])
        return self.app(environ, start_response)


@pytest.fixture
def django_app():
    """Django's WSGI app, minus the per-request connection clean-up.

    Django's own test Client does the same: on PostgreSQL, closing "old"
    connections at the end of a request would close the one holding the test's
    transaction (SQLite's in-memory test database is never closed, so it hides this).
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield CountingApp(get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def web(django_app):
    """The production stack: the page cache in front of Django."""
    return WSGIClient(PageCacheApp(django_app))


@pytest.fixture
def store():
    return get_store()


class FakeClock:
    """`time` for the page cache modules, with a hand that moves forward."""

    def __init__(self):
        import time as real

        self._real = real
        self.offset = 0.0

    def time(self):
        return self._real.time() + self.offset

    def monotonic(self):
        return self._real.monotonic()

    def sleep(self, seconds):
        self._real.sleep(seconds)

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@pytest.fixture
def clock(monkeypatch):
    from masthead.core.pagecache import store as store_module
    from masthead.core.pagecache import wsgi as wsgi_module

    fake = FakeClock()
    monkeypatch.setattr(store_module, "time", fake)
    monkeypatch.setattr(wsgi_module, "time", fake)
    return fake
