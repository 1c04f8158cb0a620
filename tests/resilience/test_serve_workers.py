"""`masthead serve` runs queued tasks with django-tasks' own `db_worker` and
the periodic jobs with `masthead worker`, each a process of its own (issue 12,
point 4). Real processes on the served SQLite newsroom."""

import os
import re
import signal

from .conftest import cmdline, wait_for

ENQUEUE = (
    "import uuid; from tests.core.tasks_for_tests import record_run; "
    "print('TASK', uuid.UUID(str(record_run.enqueue(path={path!r}).id)).hex)"
)
PERIODIC_RESTART = re.compile(
    r"periodic jobs \(pid (\d+)\) stopped \(killed by SIGKILL\); restarting it in"
)


def enqueue(served, path) -> str:
    output = served.masthead("shell", "-c", ENQUEUE.format(path=str(path)))
    return re.search(r"TASK ([0-9a-f]{32})", output).group(1)


def task_row(served, task_id: str):
    with served.db() as db:
        return db.execute(
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"
            " WHERE id = ?",
            (task_id,),
        ).fetchone()


def test_serve_runs_a_queued_task_in_django_tasks_db_worker(served):
    (task_worker,) = served.task_workers()
    (runner,) = served.periodic_runners()
    assert cmdline(task_worker)[3:6] == ["db_worker", "--queue-name", "*"]
    assert "--no-reload" in cmdline(task_worker)
    assert task_worker != runner

    runs = served.var_dir / "serve-runs.txt"
    task_id = enqueue(served, runs)

    def done():
        row = task_row(served, task_id)
        return row and row[0] == "SUCCESSFUL"

    wait_for(done, "the queued task run by the db_worker", seconds=60)
    assert [line.replace("-", "") for line in runs.read_text().split()] == [task_id]
    assert task_row(served, task_id)[1] != "[]", "no worker id recorded"
    assert served.task_workers() == [task_worker]


def test_a_killed_periodic_runner_is_restarted_beside_the_task_worker(served):
    (task_worker,) = served.task_workers()
    (old,) = served.periodic_runners()
    os.kill(old, signal.SIGKILL)

    def replaced():
        runners = served.periodic_runners()
        return len(runners) == 1 and runners[0] != old

    wait_for(replaced, "a new periodic jobs runner")
    assert str(old) in PERIODIC_RESTART.findall(served.log()), served.log()[-2000:]
    # The task worker went on untouched.
    assert served.task_workers() == [task_worker]
    assert served.process.poll() is None, "masthead serve exited"
