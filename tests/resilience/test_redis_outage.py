"""A Redis outage does not take the public site down (issue 8, point 1).

A private redis-server (never the machine's shared one) holds the default and
page caches; the drill kills it for real, checks what readers get, then starts
it again on the same port and checks the page cache fills again.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from masthead.core.pagecache.store import get_store
from masthead.newsroom.factories import ArticleFactory
from tests.core.conftest import WSGIClient, django_app  # noqa: F401 - fixture
from tests.servers import free_port

from .conftest import wait_for

pytestmark = [pytest.mark.resilience, pytest.mark.integration]

REDIS_SERVER = Path("/usr/bin/redis-server")
DEFAULT_BACKEND = "masthead.core.resilient_cache.ResilientRedisCache"
PAGES_BACKEND = "django.core.cache.backends.redis.RedisCache"


class PrivateRedis:
    """A redis-server of this test's own, on a free port, with no persistence."""

    def __init__(self):
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="masthead-redis-"))
        self.process: subprocess.Popen | None = None

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                str(REDIS_SERVER),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.answers, f"redis-server on port {self.port}", 20)

    def answers(self) -> bool:
        try:
            return redis.Redis(port=self.port, socket_timeout=1).ping()
        except redis.exceptions.ConnectionError:
            return False

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
        assert not self.answers()

    def keys(self, db: int) -> int:
        return redis.Redis(port=self.port, db=db, socket_timeout=1).dbsize()


@pytest.fixture
def private_redis():
    if not REDIS_SERVER.exists():
        pytest.skip("redis-server is not installed (Debian package redis-server)")
    server = PrivateRedis()
    server.start()
    try:
        yield server
    finally:
        if server.process is not None and server.process.poll() is None:
            server.process.kill()
            server.process.wait(timeout=10)
        shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture
def redis_caches(private_redis, settings):
    def redis_cache(db: int, prefix: str, backend: str) -> dict:
        return {
            "BACKEND": backend,
            "LOCATION": private_redis.url(db),
            "KEY_PREFIX": prefix,
            "TIMEOUT": None,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }

    with override_settings(
        CACHES={
            **settings.CACHES,
            # The backends masthead/settings/base.py picks when REDIS_URL is set.
            "default": redis_cache(0, "masthead", DEFAULT_BACKEND),
            "pages": redis_cache(1, "masthead-pages", PAGES_BACKEND),
        }
    ):
        get_store.cache_clear()
        yield private_redis
        for alias in ("default", "pages"):
            caches[alias].close()
    get_store.cache_clear()


@pytest.fixture
def web(django_app):  # noqa: F811 - the fixture imported above
    from masthead.core.pagecache.wsgi import PageCacheApp

    return WSGIClient(PageCacheApp(django_app))


def test_with_redis_killed_cached_pages_serve_and_others_render(
    redis_caches,
    web,
    site_tree,
    section,
    xinhua,
):
    counting = web.app.app  # counts the requests that reached Django
    article = ArticleFactory(parent=section("world"), slug="held", source=xinhua)
    warm = web.get("/news/world/held/")
    assert (warm.status, warm.x_cache) == (200, "MISS")
    assert web.get("/news/world/held/").x_cache == "HIT"
    assert redis_caches.keys(0) > 0, "navigation was not cached in Redis"
    assert redis_caches.keys(1) > 0, "the page was not cached in Redis"

    redis_caches.kill()

    renders = len(counting.paths)
    cached = web.get("/news/world/held/")
    assert cached.status == 200, cached.body[:500]
    # From the page cache's own copy, not rendered again.
    assert cached.x_cache == "HIT"
    assert len(counting.paths) == renders
    assert cached.body == warm.body
    assert article.title.encode() in cached.body

    # Never cached: rendered by Django, navigation built from the database.
    fresh = web.get("/news/business/")
    assert fresh.status == 200, fresh.body[:500]
    assert b"World" in fresh.body  # the sections menu is there
    home = web.get("/")
    assert home.status == 200, home.body[:500]

    # Redis back on the same port: pages are stored there again.
    redis_caches.start()
    assert redis_caches.keys(1) == 0

    def cached_again():
        return (
            web.get("/news/business/").x_cache == "MISS"
            and web.get("/news/business/").x_cache == "HIT"
            and redis_caches.keys(1) > 0
        )

    wait_for(cached_again, "/news/business/ cached in the restarted Redis", 30)
    assert redis_caches.keys(0) > 0, "navigation is cached in Redis again"
