"""Public reads from a read replica; everything else from the primary.

With DATABASE_REPLICA_URL set (settings/base.py), DATABASES has a "replica"
alias, MASTHEAD_READ_REPLICA names it, and this router and middleware are
installed. The rules (docs/operations.md, "Read replica"):

- Only a request `ReplicaReadsMiddleware` judges a public read (an anonymous
  GET or HEAD of a site page, a feed, a sitemap, the read API) may read from
  the replica. Anything else (the admin, logins, previews, a reader with a
  session, POSTs, reader interactions, the wire) reads from the primary, as do
  tasks, the worker and management commands: outside such a request nothing
  has said the replica will do.
- Every write goes to the primary, and once a request has run a statement
  that writes there, the rest of its reads go there too ("sticky primary"):
  it must see what it wrote.
- A read inside an open transaction on the primary stays on the primary.
- Migrations run on the primary only; the replica follows by streaming.

The route is kept in a ContextVar holding a small mutable object, so a write
deep in a view marks the request's state whatever context copying (asgiref's
sync_to_async) happened between the middleware and the write.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections

from masthead.core.admin_paths import ADMIN_PREFIXES, is_under

logger = logging.getLogger("masthead.database")

PRIMARY = DEFAULT_DB_ALIAS
READ_METHODS = ("GET", "HEAD")
# Paths answered from the primary whatever the method: the admins (logins,
# previews, the explorer), Wagtail's page-password and private-page login
# views, readers acting (comments, subscriptions and their confirmation links,
# feedback: GETs that read a row made moments before, then write) and the
# wire's push endpoint.
PRIMARY_PREFIXES = (
    *ADMIN_PREFIXES,
    "/_util",
    "/comments",
    "/subscribe",
    "/newsletter",
    "/feedback",
    "/wire",
)
# Cookies that make a request someone's: a session (a logged-in editor or
# reader, a page password given) or a pending flash message.
PERSONAL_COOKIES = ("messages",)


@dataclass
class Route:
    """Where the current request may read from."""

    reads: str = PRIMARY
    wrote: bool = False


_route: ContextVar[Route | None] = ContextVar("masthead_db_route", default=None)


def replica_alias() -> str:
    """The replica's alias, or "" when there is none."""
    alias = getattr(settings, "MASTHEAD_READ_REPLICA", "")
    return alias if alias in connections else ""


def read_alias() -> str:
    """Where a read made now goes."""
    route = _route.get()
    if route is None or route.wrote or route.reads == PRIMARY:
        return PRIMARY
    if connections[PRIMARY].in_atomic_block:
        return PRIMARY  # an open transaction's reads must see its own writes
    return route.reads


def stick_to_primary() -> None:
    """From now on this request reads from the primary."""
    route = _route.get()
    if route is not None:
        route.wrote = True


# Statements that change nothing. Anything else run on the primary (INSERT,
# UPDATE, DELETE, a CTE, DDL...) makes the request sticky; a SELECT made for a
# write (get_or_create's lookup, select_for_update) does not: Wagtail's site
# settings are fetched with get_or_create on every page.
READ_STATEMENTS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "SHOW", "EXPLAIN")


def note_writes(execute, sql, params, many, context):
    """An execute wrapper on the primary's connection: a statement that may
    write sends the rest of the request's reads to the primary."""
    if not str(sql).lstrip().upper().startswith(READ_STATEMENTS):
        stick_to_primary()
    return execute(sql, params, many, context)


@contextmanager
def reads_from(alias: str) -> Iterator[Route]:
    """Route the reads of the block to `alias` (until it writes)."""
    route = Route(reads=alias or PRIMARY)
    token = _route.set(route)
    try:
        if route.reads == PRIMARY:
            yield route
        else:
            with connections[PRIMARY].execute_wrapper(note_writes):
                yield route
    finally:
        _route.reset(token)


def is_public_read(request) -> bool:
    """An anonymous GET or HEAD of something any reader sees alike."""
    if request.method not in READ_METHODS:
        return False
    if is_under(request.path, PRIMARY_PREFIXES):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or any(
        name in cookies for name in PERSONAL_COOKIES
    ):
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def replica_reachable(alias: str) -> bool:
    """Connects (or keeps) the replica's connection; False if it is down."""
    try:
        connections[alias].ensure_connection()
    except (OperationalError, InterfaceError) as error:
        logger.warning(
            "read replica %r unreachable (%s); reading the primary", alias, error
        )
        return False
    return True


class ReplicaReadsMiddleware:
    """Decides, before anything reads the database, where this request reads.

    Early in MIDDLEWARE: the site lookup and the session are reads too. A
    replica that cannot be reached leaves its public reads to the primary.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        alias = replica_alias()
        if alias and is_public_read(request) and replica_reachable(alias):
            target = alias
        else:
            target = PRIMARY
        with reads_from(target):
            return self.get_response(request)


class ReplicaRouter:
    """Django's database router for the rules above (DATABASE_ROUTERS)."""

    def db_for_read(self, model, **hints):
        return read_alias()

    def db_for_write(self, model, **hints):
        # Stickiness comes from the statements run (note_writes), not from
        # here: Django asks this for reads made in order to write, too.
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # One database seen through two connections.
        ours = {PRIMARY, replica_alias()}
        if obj1._state.db in ours and obj2._state.db in ours:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def wait_for_replica(seconds: float | None = None) -> bool:
    """Wait until the replica has replayed everything the primary has written
    so far (at most `seconds`, MASTHEAD_REPLICA_WAIT_SECONDS by default).

    Purges call this first: a reader whose page is rendered from a replica
    that has not yet replayed the change would put the old page back in the
    caches just emptied. True when caught up (or no replica); False, logged,
    when the time ran out or the replica could not be asked.
    """
    alias = replica_alias()
    if not alias or connections[alias].vendor != "postgresql":
        return True
    if seconds is None:
        seconds = getattr(settings, "MASTHEAD_REPLICA_WAIT_SECONDS", 5)
    deadline = time.monotonic() + seconds
    try:
        with connections[PRIMARY].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()")
            target = cursor.fetchone()[0]
        while True:
            with connections[alias].cursor() as cursor:
                cursor.execute(
                    "SELECT NOT pg_is_in_recovery()"
                    " OR pg_wal_lsn_diff(%s, pg_last_wal_replay_lsn()) <= 0",
                    [target],
                )
                if cursor.fetchone()[0]:
                    return True
            if time.monotonic() >= deadline:
                logger.warning(
                    "read replica %r has not replayed %s after %g s; purging anyway",
                    alias,
                    target,
                    seconds,
                )
                return False
            time.sleep(0.02)
    except (OperationalError, InterfaceError) as error:
        logger.warning("read replica %r not asked (%s); purging anyway", alias, error)
        return False
