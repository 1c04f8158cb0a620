"""A dead process does not take `masthead serve` down (issue 8, point 2).

Each drill kills one real process with SIGKILL, as the OOM killer or a crash
would, then waits for what a reader and an editor need: the site answering,
a replacement process, and the server itself still running.
"""

import os
import re
import signal

import pytest

from .conftest import children, cmdline, exists, wait_for

pytestmark = pytest.mark.resilience

ENQUEUE = (
    "import uuid; from tests.core.tasks_for_tests import record_run; "
    "print('TASK', uuid.UUID(str(record_run.enqueue(path={path!r}).id)).hex)"
)
RESTART_DELAY = re.compile(
    r"task worker \(pid (\d+)\) stopped \(killed by SIGKILL\); restarting it in (\d+) s"
)


def _restart_delay(served, pid: int) -> int | None:
    for found, delay in RESTART_DELAY.findall(served.log()):
        if int(found) == pid:
            return int(delay)
    return None


def _replacement(served, old: int) -> int | None:
    workers = served.task_workers()
    if len(workers) == 1 and workers[0] != old:
        return workers[0]
    return None


def test_a_killed_web_worker_is_respawned_and_the_site_keeps_answering(served):
    granian = served.granian()
    before = served.web_workers()
    assert len(before) == 2, before

    victim = before[0]
    os.kill(victim, signal.SIGKILL)

    def replaced():
        workers = children(granian)
        return (
            victim not in workers
            and len(workers) == 2
            and all("granian" in cmdline(pid) for pid in workers)
            and served.answers("/")
        )

    wait_for(replaced, f"granian worker {victim} replaced and / answering 200")
    assert served.process.poll() is None, "masthead serve exited"
    assert served.granian() == granian, "granian itself was restarted"
    # Both workers serve: the survivor and the new one.
    assert all(served.answers("/news/world/") for _ in range(6))


def test_a_killed_task_worker_is_reaped_restarted_and_runs_tasks(served):
    (old,) = served.task_workers()
    os.kill(old, signal.SIGKILL)

    new = wait_for(lambda: _replacement(served, old), "a new task worker")
    # Reaped, not left as a zombie beside its successor.
    wait_for(lambda: not exists(old), f"the killed worker {old} reaped")
    assert _restart_delay(served, old) is not None, served.log()[-2000:]
    assert served.process.poll() is None, "masthead serve exited"

    # Work queued now is done by the new worker, not left to pile up.
    runs = served.var_dir / "restart-runs.txt"
    output = served.masthead("shell", "-c", ENQUEUE.format(path=str(runs)))
    task_id = re.search(r"TASK ([0-9a-f]{32})", output).group(1)

    def status():
        with served.db() as db:
            row = db.execute(
                "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = ?",
                (task_id,),
            ).fetchone()
        return row and row[0] == "SUCCESSFUL"

    wait_for(status, "the queued task run by the restarted worker", seconds=60)
    assert served.task_workers() == [new]


def test_a_task_worker_that_keeps_dying_is_restarted_ever_more_slowly(served):
    (first,) = served.task_workers()
    os.kill(first, signal.SIGKILL)
    second = wait_for(lambda: _replacement(served, first), "a second task worker")
    # Dies again right away, as it would with a bad setting or the database gone.
    os.kill(second, signal.SIGKILL)
    third = wait_for(
        lambda: _replacement(served, second), "a third task worker", seconds=90
    )

    first_delay = _restart_delay(served, first)
    second_delay = _restart_delay(served, second)
    assert first_delay is not None and second_delay is not None, served.log()[-2000:]
    assert second_delay == min(2 * first_delay, 60)
    assert served.task_workers() == [third]
    assert served.process.poll() is None
    assert served.answers("/")
