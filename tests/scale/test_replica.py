"""A real streaming read replica (issue 14, point 6; core/dbrouter.py).

`.ci/replica` makes a second PostgreSQL cluster on this machine with
pg_basebackup and starts it on port 5433; `.ci/run` points
DATABASE_REPLICA_URL at it. The replica carries every database of the
cluster, so the "replica" alias (a test mirror of default) reads this run's
own test database there. Pausing replay on the replica is what makes its
reads tell themselves apart: a change published on the primary then exists
there only.
"""

from __future__ import annotations

import logging
import os
import socket
import time

import psycopg
import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from masthead.core.dbrouter import (
    PRIMARY,
    ReplicaRouter,
    read_alias,
    reads_from,
    wait_for_replica,
)
from masthead.core.pagecache.store import get_store
from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.models import ArticlePage

pytestmark = pytest.mark.integration

REPLICA = "replica"
# Without a replica there is no alias to name; _needs_replica says why.
ON_BOTH = pytest.mark.django_db(
    transaction=True,
    databases=[PRIMARY, REPLICA] if REPLICA in django_settings.DATABASES else [PRIMARY],
)
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Every cache empty before and after each test, as in the rest of the
    suite: this module starts no process whose locks tests/scale's own rule
    keeps, and its flushed rows must leave nothing cached that names them."""

    def clear():
        for alias in ("default", "pages", "logins"):
            caches[alias].clear()
        get_store.cache_clear()

    clear()
    yield
    clear()


def _needs_replica() -> None:
    """Skips where there is no replica to test; CI's PostgreSQL pass
    (MASTHEAD_REQUIRE_SHARED=1) fails instead."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "read replica: the PostgreSQL pass runs these (a streaming replica "
            "of SQLite does not exist)"
        )
    if not os.environ.get("DATABASE_REPLICA_URL") or REPLICA not in connections:
        reason = (
            "read replica: DATABASE_REPLICA_URL is not set (.ci/replica makes "
            "one on 127.0.0.1:5433; .ci/run sets it)"
        )
        if os.environ.get("MASTHEAD_REQUIRE_SHARED") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


class Replica:
    """The replica's own controls, on a connection of the test's own."""

    def __init__(self):
        params = connections[REPLICA].settings_dict
        self.conn = psycopg.connect(
            host=params["HOST"] or "127.0.0.1",
            port=params["PORT"] or 5432,
            user=params["USER"] or "postgres",
            password=params["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        )

    def one(self, sql: str, *args):
        return self.conn.execute(sql, args).fetchone()[0]

    def pause(self) -> None:
        self.one("SELECT pg_wal_replay_pause()")
        deadline = time.monotonic() + 10
        while self.one("SELECT pg_get_wal_replay_pause_state()") != "paused":
            assert time.monotonic() < deadline, "replay did not pause"
            time.sleep(0.05)

    def resume(self) -> None:
        self.one("SELECT pg_wal_replay_resume()")


@pytest.fixture
def replica(settings):
    _needs_replica()
    settings.MASTHEAD_READ_REPLICA = REPLICA
    primary, mirror = (
        connections[PRIMARY].settings_dict,
        connections[REPLICA].settings_dict,
    )
    # The mirror took the primary's test database name and kept its own server.
    assert mirror["NAME"] == primary["NAME"]
    assert (mirror["HOST"], mirror["PORT"]) != (primary["HOST"], primary["PORT"])
    controls = Replica()
    assert controls.one("SELECT pg_is_in_recovery()"), "not a standby"
    try:
        assert wait_for_replica(60), "the replica did not catch up"
        yield controls
    finally:
        controls.resume()  # whatever happened, replay goes on
        controls.conn.close()


def _queries(captured) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


def _writes(captured) -> list[str]:
    return [
        sql for sql in _queries(captured) if sql.lstrip().upper().startswith(WRITES)
    ]


def _reads_nothing_else(on_primary: list[str]) -> bool:
    """What a public read may still ask the primary: Wagtail fetches the
    site's settings with get_or_create, whose lookup Django makes on the
    database it would write to (a replica cannot take the insert)."""
    return all(
        sql.startswith("SELECT") and 'FROM "core_sitesettings"' in sql
        for sql in on_primary
    )


def _get(client: Client, url: str):
    """GET `url`, with the queries each connection ran for it."""
    with (
        CaptureQueriesContext(connections[PRIMARY]) as on_primary,
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
    ):
        response = client.get(url)
    return response, _queries(on_primary), _queries(on_replica)


@ON_BOTH
def test_public_reads_come_from_the_replica_and_the_newsroom_s_from_the_primary(
    replica, site_tree, section, xinhua, settings
):
    settings.MASTHEAD_REPLICA_WAIT_SECONDS = 1
    article = ArticleFactory(
        parent=section("world"), slug="harbour", title="Harbour opens", source=xinhua
    )
    url = article.url
    editor = get_user_model().objects.create_superuser(
        "replica-editor", "editor@example.com", "replica-password-1"
    )
    newsroom = Client()
    newsroom.force_login(editor)
    readers = Client()
    assert wait_for_replica(30)

    page, on_primary, on_replica = _get(readers, url)
    assert page.status_code == 200
    assert "Harbour opens" in page.text
    assert on_replica, "an anonymous page read asked the replica nothing"
    assert _reads_nothing_else(on_primary), on_primary

    replica.pause()
    # Published on the primary, as the scheduler or a command does it: no
    # request chose the replica, so all of it, reads too, is the primary's.
    article.title = "Harbour reopens"
    with (
        CaptureQueriesContext(connections[PRIMARY]) as publish_primary,
        CaptureQueriesContext(connections[REPLICA]) as publish_replica,
    ):
        article.save_revision().publish()
    assert _writes(publish_primary), "the publish wrote nothing on the primary"
    # The replica was asked one thing: whether it had replayed the change
    # yet, before the purge (it had not: replay is paused; the wait gave up).
    asked = _queries(publish_replica)
    assert asked and all("pg_last_wal_replay_lsn" in sql for sql in asked)
    assert ArticlePage.objects.get(pk=article.pk).title == "Harbour reopens"

    # Readers still get the replica's copy, replay being paused...
    page, on_primary, on_replica = _get(readers, url)
    assert "Harbour opens" in page.text
    assert "Harbour reopens" not in page.text
    assert on_replica and _reads_nothing_else(on_primary)
    # ...while the newsroom reads the primary: the page as an editor sees
    # it, the editor's form and the preview of the draft.
    page, on_primary, on_replica = _get(newsroom, url)
    assert "Harbour reopens" in page.text
    assert on_primary and on_replica == []
    edit, on_primary, on_replica = _get(newsroom, f"/admin/pages/{article.pk}/edit/")
    assert edit.status_code == 200
    assert "Harbour reopens" in edit.text
    assert on_primary and on_replica == []

    replica.resume()
    deadline = time.monotonic() + 30
    while "Harbour reopens" not in readers.get(url).text:
        assert time.monotonic() < deadline, "the replica never showed the change"
        time.sleep(0.1)
    page, on_primary, on_replica = _get(readers, url)
    assert on_replica and _reads_nothing_else(on_primary)


@ON_BOTH
def test_a_request_that_writes_reads_the_primary_from_then_on(
    replica, site_tree, section, xinhua
):
    """Sticky primary: once a public read writes, what it reads next must
    include what it wrote, which a paused replica does not have."""
    article = ArticleFactory(parent=section("world"), slug="sticky", source=xinhua)
    assert wait_for_replica(30)
    replica.pause()
    router = ReplicaRouter()
    with reads_from(REPLICA) as route:
        assert router.db_for_read(ArticlePage) == REPLICA
        seen = ArticlePage.objects.get(pk=article.pk)
        assert seen._state.db == REPLICA
        seen.title = "Written in a read"
        seen.save()  # loaded from the replica, saved to the primary
        assert route.wrote
        assert read_alias() == PRIMARY
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            again = ArticlePage.objects.get(pk=article.pk)
        assert on_replica.captured_queries == []
        assert again.title == "Written in a read"
    with reads_from(REPLICA):
        # The next request reads the replica again: still the old title.
        assert ArticlePage.objects.get(pk=article.pk).title != "Written in a read"


@ON_BOTH
def test_purges_wait_for_the_replica_to_replay(replica, settings, caplog):
    """A purge made before the replica has the change would let readers put
    the old page back; with replay paused the wait gives up after its time."""
    settings.MASTHEAD_REPLICA_WAIT_SECONDS = 0.5
    assert wait_for_replica()
    replica.pause()
    get_user_model().objects.create_user("written-after-pause")
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="masthead.database"):
        assert not wait_for_replica()
    assert time.monotonic() - started >= 0.5
    assert "has not replayed" in caplog.text
    replica.resume()
    assert wait_for_replica(30)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@ON_BOTH
def test_a_replica_that_is_down_leaves_public_reads_to_the_primary(
    replica, site_tree, section, xinhua, caplog
):
    article = ArticleFactory(parent=section("world"), slug="down", source=xinhua)
    mirror = connections[REPLICA]
    port = mirror.settings_dict["PORT"]
    mirror.close()
    mirror.settings_dict["PORT"] = _free_port()  # nothing listens there
    try:
        with caplog.at_level(logging.WARNING, logger="masthead.database"):
            # (Capturing the replica's queries would connect to it first.)
            with CaptureQueriesContext(connections[PRIMARY]) as on_primary:
                page = Client().get(article.url)
        assert page.status_code == 200
        assert 'FROM "wagtailcore_page"' in " ".join(_queries(on_primary))
        assert mirror.connection is None, "nothing was read from the replica"
        assert "unreachable" in caplog.text
    finally:
        mirror.close()
        mirror.settings_dict["PORT"] = port
