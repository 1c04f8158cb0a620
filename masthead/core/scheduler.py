"""Periodic jobs: what `masthead worker` runs on every tick.

Apps register a job with `@periodic("name")` (scheduled publishing, embargo
lifts, wire feeds and folder). Queued tasks are not run here: django-tasks'
own `db_worker` runs them (`masthead serve` starts one beside this runner).

Several runners may tick at once (one per node, or a spare). Two cache keys
per job keep them from getting in each other's way: a lock held while the job
runs, so two copies never run at once, and a mark for the current tick (wall
clock time cut into `tick`-second slots), so the job runs once per tick
whichever runner gets there first. The lock is renewed while its job runs (a
daily edition may take longer than any fixed lifetime) and lapses soon after
a runner dies holding it. Both need a cache that every runner shares
(Redis, REDIS_URL); the local-memory cache of a one-box install is per
process, which suits its single runner.
"""

import logging
import secrets
import threading
import time
from collections.abc import Callable

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

logger = logging.getLogger("masthead.worker")

DEFAULT_TICK = 5.0
# A runner that dies holding a job's lock blocks the job this long at most
# (a live runner renews it for as long as its job runs).
LOCK_SECONDS = 60

JOBS: dict[str, Callable[[], object]] = {}


def periodic(name: str):
    def register(func):
        JOBS[name] = func
        return func

    return register


class JobLock:
    """A job's lock in the shared cache, renewed while the job runs.

    Taken for `seconds`; a thread of the runner renews it every third of that
    until the job ends, so a job longer than `seconds` keeps it, and a runner
    that dies lets it lapse within `seconds`. Only the runner that holds it
    lets it go (one whose lock lapsed must not free the next holder's).
    """

    def __init__(self, name: str, seconds: int):
        self.key = f"masthead:job-lock:{name}"
        self.seconds = seconds
        self.token = secrets.token_hex(8)
        self._done = threading.Event()
        self._renewer: threading.Thread | None = None

    def acquire(self) -> bool:
        if not cache.add(self.key, self.token, self.seconds):
            return False
        self._renewer = threading.Thread(
            target=self._renew, name=f"renew {self.key}", daemon=True
        )
        self._renewer.start()
        return True

    def _renew(self) -> None:
        while not self._done.wait(self.seconds / 3):
            try:
                if cache.get(self.key) != self.token:
                    logger.warning("%s was lost while its job ran", self.key)
                    return
                cache.touch(self.key, self.seconds)
            except Exception:
                # The cache being away must not kill the runner; the lock
                # lapses as it would for a dead runner.
                logger.exception("could not renew %s", self.key)

    def release(self) -> None:
        self._done.set()
        if self._renewer is not None:
            self._renewer.join()
        if cache.get(self.key) == self.token:
            cache.delete(self.key)


def tick_slot(tick: float, now: float | None = None) -> int:
    """The number of the tick that `now` (epoch seconds) falls in."""
    return int((time.time() if now is None else now) // tick)


def run_periodic_jobs(
    tick: float = DEFAULT_TICK, lock_seconds: int = LOCK_SECONDS
) -> dict[str, object]:
    """Run each job no other runner is running or has run in this tick.

    Returns the results of the jobs this runner ran, by name ("failed" for
    one that raised).
    """
    results = {}
    for name, job in JOBS.items():
        lock = JobLock(name, lock_seconds)
        if not lock.acquire():
            continue
        try:
            # Taken only under the lock, so a runner that finds the job busy
            # leaves the tick's turn to the next runner. The mark outlives
            # its slot by a little; the slot's number is in the key, so
            # only expiry matters, not an exact timeout.
            mark = f"masthead:job-ran:{name}:{tick_slot(tick)}"
            if not cache.add(mark, 1, int(tick) + 2):
                continue
            try:
                results[name] = job()
            except Exception:
                # One failing job (a dead feed, say) must not stop the others.
                logger.exception("periodic job %s failed", name)
                results[name] = "failed"
        finally:
            lock.release()
    return results


@periodic("publish-scheduled")
def publish_scheduled() -> int:
    """Wagtail's scheduled publishing and expiry; purges follow from its signals."""
    call_command("publish_scheduled", verbosity=0)
    return 0


@periodic("sqlite-optimize")
def sqlite_optimize() -> str:
    """Keep SQLite's planner statistics fresh (no-op on other databases).

    Without statistics SQLite can pick a full scan over an index for listing
    queries on a large archive; `PRAGMA optimize` is cheap and runs ANALYZE
    only where the data has changed enough to need it.
    """
    if connection.vendor != "sqlite":
        return "skipped"
    if not cache.add("masthead:sqlite-optimize-ran", 1, 3600):
        return "recent"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA optimize")
    return "optimized"
