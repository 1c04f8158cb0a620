"""The database going away and coming back (issue 8, point 14).

Faults are real: on SQLite the default connection is pointed at a file in a
folder that does not exist, so sqlite3 itself refuses to open it; on
PostgreSQL a role made for the test has its backends terminated and its
logins refused, which touches no other database or role on the server.
"""

import secrets

import pytest
from django.core.wsgi import get_wsgi_application
from django.db import connection, connections

from masthead.core.pagecache.wsgi import PageCacheApp
from masthead.newsroom.factories import ArticleFactory
from tests.core.conftest import CountingApp, WSGIClient

pytestmark = [pytest.mark.resilience, pytest.mark.integration]


def _web() -> WSGIClient:
    # Django's request signals stay connected: they run the health checks.
    return WSGIClient(PageCacheApp(CountingApp(get_wsgi_application())))


def _assert_unavailable(reply) -> None:
    assert reply.status == 503, (reply.status, reply.body[:300])
    assert int(reply.header("Retry-After")) > 0
    assert b"try again" in reply.body
    assert "no-store" in (reply.header("Cache-Control") or "")


@pytest.fixture
def swap_default():
    """Point the default alias at another connection; the original comes back."""
    original = connections["default"]
    swapped = []

    def swap(wrapper):
        swapped.append(wrapper)
        connections["default"] = wrapper

    yield swap
    connections["default"] = original
    for wrapper in swapped:
        try:
            wrapper.close()
        except Exception:  # noqa: BLE001 - down on purpose; a failed close must not hide the test's result
            pass


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite drill; PostgreSQL has its own"
)
def test_sqlite_unreachable_uncached_pages_503_cached_pages_serve(
    site_tree, section, xinhua, swap_default, tmp_path
):
    ArticleFactory(parent=section("world"), slug="kept", source=xinhua)
    web = _web()
    assert web.get("/news/world/kept/").x_cache == "MISS"

    gone = connection.copy()
    gone.settings_dict["NAME"] = str(tmp_path / "removed-folder" / "db.sqlite3")
    swap_default(gone)

    cached = web.get("/news/world/kept/")
    assert (cached.status, cached.x_cache) == (200, "HIT")
    _assert_unavailable(web.get("/news/business/"))
    _assert_unavailable(web.get("/news/world/not-yet-cached/"))


class PgAdmin:
    """A connection of its own as the test database's superuser, whatever the
    default alias points at meanwhile."""

    def __init__(self):
        self.wrapper = connections["default"].copy()

    def __call__(self, sql: str, *params) -> list:
        with self.wrapper.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else []

    def terminate(self, role: str) -> int:
        rows = self(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
            role,
        )
        return len(rows)


@pytest.fixture
def pg_role():
    """A login role of the test's own with rights on the test database's tables."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    admin = PgAdmin()
    name = "masthead_outage_" + secrets.token_hex(4)
    password = secrets.token_hex(12)
    admin(f"CREATE ROLE {name} LOGIN NOSUPERUSER PASSWORD %s", password)
    try:
        admin(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {name}")
        admin(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {name}")
        yield name, password, admin
    finally:
        admin.terminate(name)
        admin(f"DROP OWNED BY {name}")
        admin(f"DROP ROLE {name}")
        admin.wrapper.close()


@pytest.mark.django_db(transaction=True)
def test_postgresql_restart_and_outage(
    pg_role, site_tree, section, xinhua, swap_default
):
    role, password, admin = pg_role
    ArticleFactory(parent=section("world"), slug="kept", source=xinhua)
    as_role = connection.copy()
    as_role.settings_dict.update(USER=role, PASSWORD=password)
    assert as_role.settings_dict["CONN_HEALTH_CHECKS"], "set in settings/base.py"
    assert as_role.settings_dict["CONN_MAX_AGE"], "connections are kept"
    web = _web()
    swap_default(as_role)
    assert web.get("/news/world/kept/").status == 200
    assert as_role.connection is not None, "the connection was kept"

    # PostgreSQL restarts between two requests: the kept connection is dead.
    assert admin.terminate(role) == 1
    first = web.get("/news/business/")
    assert first.status == 200, "the first request after a restart failed"

    # PostgreSQL down: no new connection for this role.
    admin(f"ALTER ROLE {role} NOLOGIN")
    admin.terminate(role)
    cached = web.get("/news/world/kept/")
    assert (cached.status, cached.x_cache) == (200, "HIT")
    _assert_unavailable(web.get("/news/sport/"))
    _assert_unavailable(web.get("/news/sport/"))

    # Back again: pages render at once.
    admin(f"ALTER ROLE {role} LOGIN")
    assert web.get("/news/sport/").status == 200
