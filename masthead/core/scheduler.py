"""Jobs the worker runs on every tick, besides the task queue.

Apps register a job with `@periodic("name")`; `masthead worker` runs each one
per tick under a cache lock, so several workers never run the same job at once.
"""

import logging
from collections.abc import Callable

from django.core.cache import cache

logger = logging.getLogger("masthead.worker")

JOBS: dict[str, Callable[[], object]] = {}


def periodic(name: str):
    def register(func):
        JOBS[name] = func
        return func

    return register


def run_periodic_jobs(lock_seconds: int = 60) -> dict[str, object]:
    results = {}
    for name, job in JOBS.items():
        lock = f"masthead:job-lock:{name}"
        if not cache.add(lock, 1, lock_seconds):
            continue
        try:
            results[name] = job()
        except Exception:
            # One failing job (a dead feed, say) must not stop the others.
            logger.exception("periodic job %s failed", name)
            results[name] = "failed"
        finally:
            cache.delete(lock)
    return results


@periodic("publish-scheduled")
def publish_scheduled() -> int:
    """Wagtail's scheduled publishing and expiry; purges follow from its signals."""
    from django.core.management import call_command

    call_command("publish_scheduled", verbosity=0)
    return 0


@periodic("sqlite-optimize")
def sqlite_optimize() -> str:
    """Keep SQLite's planner statistics fresh (no-op on other databases).

    Without statistics SQLite can pick a full scan over an index for listing
    queries on a large archive; `PRAGMA optimize` is cheap and runs ANALYZE
    only where the data has changed enough to need it.
    """
    from django.db import connection

    if connection.vendor != "sqlite":
        return "skipped"
    if not cache.add("masthead:sqlite-optimize-ran", 1, 3600):
        return "recent"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA optimize")
    return "optimized"
