"""Periodic jobs (`masthead worker`): each job once per tick, never two copies
at once, however many runners tick (issue 12, point 4). With the real cache:
LocMemCache in the SQLite pass, Redis in the PostgreSQL + Redis pass."""

import re
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from masthead.core import scheduler
from masthead.core.scheduler import run_periodic_jobs
from tests.servers import masthead_env, stop_process_group

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
# A whole hour: two calls a moment apart fall in the same tick.
LONG_TICK = 3600.0
# Taking a tick's mark and the job's first line are a cache call apart: a job
# that starts this soon after a tick's edge may have taken the tick before.
# Less than any runner's phase below, so no run is put in the wrong tick.
SLACK = 0.05


@pytest.fixture
def jobs(monkeypatch):
    """An empty job table in place of the apps' jobs; returns it."""
    table = {}
    monkeypatch.setattr(scheduler, "JOBS", table)
    return table


def assert_once_per_tick(runs: list[tuple[str, float, float]], tick: float) -> None:
    """`runs` are (job, start, end): no job overlaps itself, none runs twice in
    one tick."""
    by_job = defaultdict(list)
    for name, start, end in runs:
        by_job[name].append((start, end))
    for name, spans in by_job.items():
        spans.sort()
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert start >= end, f"two copies of {name} ran at once: {spans}"
        taken = set()
        for start, _ in spans:
            free = [
                slot
                for slot in (int((start - SLACK) // tick), int(start // tick))
                if slot not in taken
            ]
            assert free, f"{name} ran twice in tick {int(start // tick)}: {spans}"
            taken.add(free[0])


def test_a_job_runs_once_per_tick_and_a_failing_one_stops_no_other(jobs):
    ran = []
    jobs["breaks"] = lambda: 1 / 0
    jobs["counts"] = lambda: ran.append(1) or len(ran)

    assert run_periodic_jobs(LONG_TICK) == {"breaks": "failed", "counts": 1}
    # Another runner (or `--once` again) in the same tick: nothing to do.
    assert run_periodic_jobs(LONG_TICK) == {}
    assert ran == [1]
    # The next tick runs both again.
    assert run_periodic_jobs(0.001) == {"breaks": "failed", "counts": 2}


def test_a_job_busy_in_another_runner_is_left_to_the_next_runner_of_the_tick(jobs):
    jobs["feeds"] = lambda: "polled"
    cache.add("masthead:job-lock:feeds", 1, 60)  # another runner is in it

    assert run_periodic_jobs(LONG_TICK) == {}
    assert cache.get("masthead:job-lock:feeds") == 1, "someone else's lock released"
    # Its turn in this tick was not used up: once free, the job runs.
    cache.delete("masthead:job-lock:feeds")
    assert run_periodic_jobs(LONG_TICK) == {"feeds": "polled"}
    assert cache.get("masthead:job-lock:feeds") is None


def test_two_runner_threads_run_each_job_once_per_tick(jobs):
    # Out of step: the second runner ticks after the first has done its jobs,
    # which a lock held only while a job runs would not stop.
    tick = 0.5
    phases = (0.125, 0.375)
    runs = []

    def recorder(name):
        def job():
            start = time.time()
            time.sleep(0.05)
            runs.append((name, start, time.time()))

        return job

    jobs["job-a"] = recorder("job-a")
    jobs["job-b"] = recorder("job-b")

    def runner(phase):
        time.sleep((phase - time.time()) % tick)
        for _ in range(6):
            started = time.monotonic()
            run_periodic_jobs(tick)
            time.sleep(max(0.0, tick - (time.monotonic() - started)))

    threads = [threading.Thread(target=runner, args=(p,)) for p in phases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert_once_per_tick(runs, tick)
    # Every tick of the three seconds had its run (a tick may fall between
    # the two runners' loops at the ends).
    assert len([r for r in runs if r[0] == "job-a"]) >= 4, runs


@pytest.mark.skipif(
    "redis" not in settings.CACHES["default"]["BACKEND"].lower(),
    reason="several processes share a cache only through Redis (REDIS_URL); "
    "runs in the PostgreSQL + Redis pass",
)
def test_two_periodic_runner_processes_run_each_job_once_per_tick(tmp_path):
    tick = 1.0
    record = tmp_path / "runs.txt"
    env = masthead_env(tmp_path)
    env["DJANGO_SETTINGS_MODULE"] = "masthead.settings.test"
    env["MASTHEAD_TEST_TMP"] = str(tmp_path)
    env["PYTHONPATH"] = str(ROOT)
    # A Redis database of its own: another test run's flush of the shared one
    # cannot wipe the marks halfway.
    env["REDIS_URL"] = re.sub(r"(/\d+)?/?$", "/2", settings.REDIS_URL, count=1)
    command = [sys.executable, "-m", "tests.core.periodic_runner", str(record), "1"]
    # Out of step, as in the threads' test; the jobs take 0.4 s of each tick.
    phases = ("0.25", "0.75")
    logs = [tmp_path / f"runner-{n}.log" for n in range(2)]
    runners = []
    try:
        for log, phase in zip(logs, phases, strict=True):
            with log.open("w") as out:
                runners.append(
                    subprocess.Popen(
                        [*command, phase],
                        env=env,
                        cwd=ROOT,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
        # Both ticking (each has said so) before the clock starts.
        deadline = time.monotonic() + 60
        while not all("periodic jobs every" in log.read_text() for log in logs):
            assert all(r.poll() is None for r in runners), _text(logs)
            assert time.monotonic() < deadline, _text(logs)
            time.sleep(0.1)
        time.sleep(5 * tick)
    finally:
        for runner in runners:
            stop_process_group(runner, term_seconds=10)
    runs = [
        (name, float(start), float(end))
        for name, _pid, start, end in map(str.split, record.read_text().splitlines())
    ]
    assert_once_per_tick(runs, tick)
    assert len([r for r in runs if r[0] == "job-a"]) >= 4, runs


def _text(logs: list[Path]) -> str:
    return "\n".join(log.read_text() for log in logs)
