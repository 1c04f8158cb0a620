"""A periodic job longer than its lock still runs one copy at a time
(issue 14, point 4).

Two runners are two threads here, ticking as `masthead worker` does, on the
default cache the real runners share (Redis in the PostgreSQL pass, the
process's local memory on SQLite). A daily PDF edition of a big paper can
take longer than the job lock's lifetime; the lock must last as long as the
job, not as long as its first guess.
"""

import threading
import time

import pytest
from django.core.cache import cache

from masthead.core import scheduler

pytestmark = pytest.mark.integration

TICK = 0.2
LOCK_SECONDS = 1
JOB_SECONDS = 3.5


class SlowJob:
    """Sleeps past the lock's lifetime; counts how many copies run at once."""

    def __init__(self):
        self.lock = threading.Lock()
        self.running = 0
        self.most_at_once = 0
        self.runs = 0

    def __call__(self):
        with self.lock:
            self.running += 1
            self.runs += 1
            self.most_at_once = max(self.most_at_once, self.running)
        time.sleep(JOB_SECONDS)
        with self.lock:
            self.running -= 1
        return "done"


def test_a_job_longer_than_its_lock_never_runs_twice_at_once(monkeypatch):
    job = SlowJob()
    monkeypatch.setattr(scheduler, "JOBS", {"scale-slow-job": job})
    cache.delete("masthead:job-lock:scale-slow-job")
    stop = time.monotonic() + JOB_SECONDS * 2

    def runner():
        while time.monotonic() < stop:
            scheduler.run_periodic_jobs(TICK, lock_seconds=LOCK_SECONDS)
            time.sleep(TICK / 2)

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOB_SECONDS * 4)

    assert job.runs >= 2, "the job ran once only: it is not given its next turn"
    assert job.most_at_once == 1, f"{job.most_at_once} copies ran at once"
    assert cache.get("masthead:job-lock:scale-slow-job") is None, "lock left held"
