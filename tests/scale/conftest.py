"""Several Masthead processes on one PostgreSQL database and one Redis
(issue 14, points 3 and 4): real `masthead serve`, `db_worker` and `masthead
worker` processes against this run's test database.

The data a test gives them is committed (the processes are other
connections); the module's teardown flushes the database, as pytest-django
does after a `transaction=True` test.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.message import Message
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from tests.servers import masthead_env, stop_process_group

ROOT = Path(__file__).resolve().parents[2]
MASTHEAD = Path(sys.executable).with_name("masthead")
SETTINGS = "tests.scale.settings"
# The same on every node, as in production: sessions and the rate limits'
# hashed keys are signed with it.
SECRET_KEY = secrets.token_urlsafe(50)
START_SECONDS = 90


def wait_for(condition, what: str, seconds: float = 30, logs=()):
    """Poll `condition` until it returns something truthy; fail after `seconds`
    with the end of each log."""
    deadline = time.monotonic() + seconds
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            tails = "\n".join(
                f"--- {log}\n{Path(log).read_text(errors='replace')[-3000:]}"
                for log in logs
            )
            pytest.fail(f"not within {seconds:g} s: {what}\n{tails}", pytrace=False)
        time.sleep(0.1)


def _database_url(db: dict) -> str:
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{user}:{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


DB_FIXTURES = {"db", "transactional_db", "live_server"}


def _others_need_a_test_database(items) -> bool:
    """Whether pytest-django sets the test database up for this session: it
    does when a collected test asks for one (these tests do not: each would
    then run in a transaction, or be flushed, under the running processes)."""
    return any(
        item.get_closest_marker("django_db") or DB_FIXTURES & set(item.fixturenames)
        for item in items
    )


@pytest.fixture(scope="session")
def test_database(request, django_db_blocker):
    """This run's test database, set up like pytest-django's own."""
    if _others_need_a_test_database(request.session.items):
        request.getfixturevalue("django_db_setup")
        yield
        return
    from django.test.utils import setup_databases, teardown_databases

    keep = request.config.getoption("reuse_db") and not request.config.getoption(
        "create_db"
    )
    with django_db_blocker.unblock():
        config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, keepdb=keep
        )
    yield
    if not keep:
        with django_db_blocker.unblock():
            teardown_databases(config, verbosity=0)


@pytest.fixture(scope="module")
def shared_db(request, django_db_blocker):
    """This run's test database, with the site tree committed, as a URL the
    processes connect to; skipped (visibly) where it cannot be shared."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(
            "scale-out needs PostgreSQL and Redis (the PostgreSQL pass runs it): "
            "the processes would share this run's SQLite test database, which "
            "lives in this process's memory"
        )
    if not os.environ.get("REDIS_URL"):
        pytest.skip("scale-out needs REDIS_URL: the processes share one Redis")
    request.getfixturevalue("test_database")
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches
    from django.core.management import call_command

    from masthead.demo.sitetree import build_site_tree

    with django_db_blocker.unblock():
        # A transaction=True test before this module may have flushed it.
        build_site_tree(hostname="testserver")
        # Marks an earlier run left in Redis (today's digest made, say).
        for alias in ("default", "pages", "logins"):
            caches[alias].clear()
        yield _database_url(connection.settings_dict)
        # Left as pytest-django leaves the database after a transaction=True
        # test (the `site_tree` fixture rebuilds the tree for who needs it).
        call_command("flush", interactive=False, verbosity=0)
        ContentType.objects.clear_cache()


def forget_counters() -> None:
    """What these modules clear before each test instead of the suite's
    `_fresh_caches`, which clears every cache: here the caches hold the job
    locks and tick marks of running processes, and the page cache they
    share. Only the login and sign-up counters start from zero, and this
    process's page store is a new one."""
    from django.core.cache import caches

    from masthead.core.pagecache.store import get_store

    get_store.cache_clear()
    if not os.environ.get("REDIS_URL"):
        return  # skipped by shared_db
    logins = caches["logins"]
    client = logins._cache.get_client(write=True)
    for key in client.scan_iter(match=logins.make_key("*")):
        client.delete(key)


@pytest.fixture
def committed(shared_db, django_db_blocker):
    """ORM access in autocommit: what a test writes, the processes see."""
    with django_db_blocker.unblock():
        yield


def node_env(var_dir: Path, database_url: str, **extra: str) -> dict[str, str]:
    """One node's environment: its own var folder, the shared database, Redis
    (REDIS_URL, and REDIS_PAGES_URL when set) and SECRET_KEY."""
    env = masthead_env(var_dir, database_url=database_url)
    env["REDIS_URL"] = os.environ["REDIS_URL"]
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS
    env["SECRET_KEY"] = SECRET_KEY
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("w") as out:
        return subprocess.Popen(
            [str(MASTHEAD), *args],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_all(processes) -> None:
    """Stop them side by side: each may take a few seconds to wind down."""
    with ThreadPoolExecutor() as pool:
        list(pool.map(lambda p: stop_process_group(p, term_seconds=20), processes))


# HTTP --------------------------------------------------------------------
@dataclass
class Reply:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def request(url: str, data: dict | None = None, headers=None, timeout=30) -> Reply:
    body = urlencode(data, doseq=True).encode() if data is not None else None
    req = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with _opener.open(req, timeout=timeout) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.headers, error.read())


@dataclass
class Browser:
    """Cookies kept by name, sent to whichever server is asked: what a reader
    behind a load balancer looks like to two app servers."""

    cookies: dict[str, str] = field(default_factory=dict)

    def _send(self, url, data=None, headers=None) -> Reply:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        reply = request(url, data, headers)
        for line in reply.headers.get_all("Set-Cookie") or ():
            jar = SimpleCookie()
            jar.load(line)
            for name, morsel in jar.items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return reply

    def get(self, url, headers=None) -> Reply:
        return self._send(url, None, headers)

    def post(self, url, data, headers=None) -> Reply:
        return self._send(url, data, headers)
