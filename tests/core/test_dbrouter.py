"""The read replica's routing rules (masthead/core/dbrouter.py).

Which request may read from the replica, what sends a request back to the
primary, and how settings install it. tests/scale/test_replica.py runs the
same rules against a real streaming replica.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction
from django.test import RequestFactory

from masthead.core.dbrouter import (
    PRIMARY,
    ReplicaReadsMiddleware,
    ReplicaRouter,
    is_public_read,
    note_writes,
    read_alias,
    reads_from,
)

ROOT = Path(__file__).resolve().parents[2]
REPLICA = "replica"
rf = RequestFactory()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/news/world/a-story/",
        "/administration-news/",  # not the admin: whole segments only
        "/archive/2024/05/01/",
        "/sitemap.xml",
        "/feeds/world/",
        "/api/v1/articles/",
        "/search/?q=harbour",
        "/epaper/",
    ],
)
def test_anonymous_get_and_head_of_public_paths_may_read_the_replica(path):
    assert is_public_read(rf.get(path))
    assert is_public_read(rf.head(path))


@pytest.mark.parametrize(
    "path",
    [
        "/admin",
        "/admin/",
        "/admin/login/",
        "/admin/pages/3/edit/preview/",
        "/django-admin/",
        "/_util/login/",
        "/_util/authenticate_with_password/3/4/",
        "/comments/12/",
        "/subscribe/",
        "/newsletter/confirm/abc/",
        "/feedback/",
        "/wire/push/reuters/",
    ],
)
def test_admin_login_preview_and_reader_actions_read_the_primary(path):
    assert not is_public_read(rf.get(path))


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_anything_but_get_and_head_reads_the_primary(method):
    assert not is_public_read(getattr(rf, method)("/news/world/a-story/"))


@pytest.mark.parametrize(
    "request_",
    [
        rf.get("/news/world/", HTTP_COOKIE="sessionid=abc"),
        rf.get("/news/world/", HTTP_COOKIE="messages=abc"),
        rf.get("/api/v1/articles/", HTTP_AUTHORIZATION="Token abc"),
    ],
    ids=["session", "flash-message", "authorization"],
)
def test_someone_s_request_reads_the_primary(request_):
    assert not is_public_read(request_)


def test_outside_a_request_reads_the_primary():
    """Tasks, the worker and management commands: nothing chose the replica."""
    router = ReplicaRouter()
    assert read_alias() == PRIMARY
    assert router.db_for_read(None) == PRIMARY


def _run_on_primary(sql: str) -> None:
    """What the execute wrapper sees of a statement on the primary."""
    note_writes(lambda *args: None, sql, None, False, {})


def test_a_public_read_reads_the_replica_until_it_writes_then_the_primary():
    router = ReplicaRouter()
    with reads_from(REPLICA) as route:
        assert router.db_for_read(None) == REPLICA
        # A lookup made for a write (get_or_create) is no write.
        assert router.db_for_write(None) == PRIMARY
        _run_on_primary('SELECT "id" FROM "core_sitesettings" WHERE "site_id" = 2')
        _run_on_primary("SAVEPOINT s1")
        assert not route.wrote
        assert router.db_for_read(None) == REPLICA
        _run_on_primary('  insert into "wagtailsearch_query" ("query_string") ...')
        assert route.wrote
        # Sticky: the rest of the request sees what it wrote.
        assert router.db_for_read(None) == PRIMARY
    with reads_from(REPLICA):
        assert router.db_for_read(None) == REPLICA, "each request starts afresh"
    assert read_alias() == PRIMARY


@pytest.mark.parametrize(
    "sql",
    [
        'UPDATE "wagtailcore_page" SET "title" = %s',
        'DELETE FROM "django_session"',
        "WITH moved AS (DELETE FROM t RETURNING *) INSERT INTO u SELECT * FROM moved",
        'COPY "newsroom_articlepage" FROM STDIN',
    ],
)
def test_any_statement_that_may_write_makes_the_request_sticky(sql):
    with reads_from(REPLICA) as route:
        _run_on_primary(sql)
        assert route.wrote


def test_writes_always_go_to_the_primary():
    router = ReplicaRouter()
    assert router.db_for_write(None) == PRIMARY
    with reads_from(PRIMARY):
        assert router.db_for_write(None) == PRIMARY


@pytest.mark.django_db
def test_reads_inside_a_transaction_on_the_primary_stay_there():
    router = ReplicaRouter()
    with reads_from(REPLICA):
        with transaction.atomic():
            assert router.db_for_read(None) == PRIMARY


def test_migrations_only_on_the_primary():
    router = ReplicaRouter()
    assert router.allow_migrate(PRIMARY, "newsroom")
    assert not router.allow_migrate(REPLICA, "newsroom")


def test_without_a_replica_the_middleware_reads_the_primary(settings):
    """The one-box profile: MASTHEAD_READ_REPLICA empty, or naming no alias."""
    seen = []
    middleware = ReplicaReadsMiddleware(lambda request: seen.append(read_alias()))
    for name in ("", "no-such-alias"):
        settings.MASTHEAD_READ_REPLICA = name
        middleware(rf.get("/news/world/"))
    assert seen == [PRIMARY, PRIMARY]
    assert read_alias() == PRIMARY, "the route ends with the request"


def _settings_with(env: dict[str, str]) -> dict:
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'replica': s.DATABASES.get('replica'), 'routers': s.DATABASE_ROUTERS, "
        "'reads': s.MASTHEAD_READ_REPLICA, 'middleware': s.MIDDLEWARE[:3]}))"
    )
    full = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
    full.update(env, DJANGO_SETTINGS_MODULE="masthead.settings.dev")
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=full,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_settings_install_the_replica_only_when_its_url_is_set():
    url = "postgres://reader@10.0.0.2:5433/masthead"
    on = _settings_with({"DATABASE_REPLICA_URL": url})
    assert on["replica"]["HOST"] == "10.0.0.2"
    assert on["replica"]["PORT"] == 5433
    assert on["replica"]["NAME"] == "masthead"
    assert on["replica"]["TEST"]["MIRROR"] == "default"
    assert on["routers"] == ["masthead.core.dbrouter.ReplicaRouter"]
    assert on["reads"] == "replica"
    assert on["middleware"][:2] == [
        "masthead.core.middleware.DatabaseUnavailableMiddleware",
        "masthead.core.dbrouter.ReplicaReadsMiddleware",
    ]
    off = _settings_with({})
    assert (off["replica"], off["routers"], off["reads"]) == (None, [], "")
    assert "masthead.core.dbrouter.ReplicaReadsMiddleware" not in off["middleware"]
