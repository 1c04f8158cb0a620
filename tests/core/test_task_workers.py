"""Queued tasks are run by django-tasks' own `db_worker`; several of them on
PostgreSQL never run one task twice (issue 12, point 4). Real worker
processes against the test database."""

import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from tests.core.tasks_for_tests import record_run
from tests.core.worker_settings import TASKS as DATABASE_TASKS
from tests.servers import masthead_env, stop_process_group

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
TASK_COUNT = 200
WORKERS = 2


def database_url() -> str:
    """This test run's database (pytest-django's test_… copy), as a URL."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{user}:{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(number: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("w") as out:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "masthead.cli",
                "db_worker",
                "--queue-name",
                "*",
                "--interval",
                "0.05",
                "--no-startup-delay",
                "--no-reload",
                "--worker-id",
                f"test-worker-{number}",
            ],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_for(condition, what: str, logs: list[Path], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            output = "\n".join(log.read_text()[-3000:] for log in logs)
            pytest.fail(f"not within {seconds:g} s: {what}\n{output}")
        time.sleep(0.1)


# Committed rows: the workers are other processes.
@pytest.mark.django_db(transaction=True)
def test_two_db_workers_on_postgresql_run_each_task_exactly_once(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (the PostgreSQL pass runs it): worker processes "
            "cannot reach the SQLite test database, which lives in this "
            "process's memory"
        )
    runs = tmp_path / "runs.txt"
    env = masthead_env(tmp_path, database_url=database_url())
    env["DJANGO_SETTINGS_MODULE"] = "tests.core.worker_settings"
    env["MASTHEAD_TEST_TMP"] = str(tmp_path)
    env["PYTHONPATH"] = str(ROOT)
    logs = [tmp_path / f"worker-{n}.log" for n in range(WORKERS)]
    workers = [start_worker(n, env, log) for n, log in enumerate(logs)]
    try:
        # Both polling the queue before any task is there, so they race for
        # every one of them.
        wait_for(
            lambda: all("Starting worker" in log.read_text() for log in logs),
            "both workers started",
            logs,
        )
        with override_settings(TASKS=DATABASE_TASKS), transaction.atomic():
            queued = {
                str(record_run.enqueue(path=str(runs)).id) for _ in range(TASK_COUNT)
            }
        results = DBTaskResult.objects.filter(id__in=queued)
        wait_for(
            lambda: not results.exclude(status="SUCCESSFUL").exists(),
            f"{TASK_COUNT} tasks done",
            logs,
        )
    finally:
        for worker in workers:
            stop_process_group(worker)

    counted = Counter(runs.read_text().split())
    assert set(counted) == queued
    twice = {task_id: n for task_id, n in counted.items() if n > 1}
    assert not twice, f"run more than once: {twice}"
    # Each task was claimed by one worker, and both took their share.
    claimed_by = [ids for ids in results.values_list("worker_ids", flat=True)]
    assert all(len(ids) == 1 for ids in claimed_by)
    assert {ids[0] for ids in claimed_by} == {
        f"test-worker-{n}" for n in range(WORKERS)
    }
