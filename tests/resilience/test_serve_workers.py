"""`masthead serve` runs queued tasks with django-tasks' own `db_worker` and
the periodic jobs with `masthead worker`, each a process of its own (issue 12,
point 4). Real processes on the served SQLite newsroom."""

import os
import re
import signal
import subprocess
import time

import pytest

from tests.servers import free_port, masthead_env, stop_process_group

from .conftest import MASTHEAD, ROOT, Served, children, cmdline, wait_for

ENQUEUE = (
    "import uuid; from tests.core.tasks_for_tests import record_run; "
    "result = record_run.enqueue(path={path!r}, seconds={seconds!r}); "
    "print('TASK', uuid.UUID(str(result.id)).hex)"
)
PERIODIC_RESTART = re.compile(
    r"periodic jobs \(pid (\d+)\) stopped \(killed by SIGKILL\); restarting it in"
)


def enqueue(served, path, seconds: float = 0.0) -> str:
    script = ENQUEUE.format(path=str(path), seconds=seconds)
    output = served.masthead("shell", "-c", script)
    return re.search(r"TASK ([0-9a-f]{32})", output).group(1)


def running(pid: int) -> bool:
    """Alive: neither gone nor a zombie (whose command line is empty)."""
    return bool(cmdline(pid))


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


# A `masthead serve` of each test's own, to be stopped ---------------------------
@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("serve-stop")
    env = masthead_env(var_dir)
    env["PYTHONPATH"] = str(ROOT)
    subprocess.run(
        [str(MASTHEAD), "migrate", "--no-input", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    return var_dir, env


@pytest.fixture
def own_serve(migrated):
    var_dir, env = migrated
    log = var_dir / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(MASTHEAD), "serve", "--port", str(free_port()), "--workers", "1"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    site = Served("", env, var_dir, process, log)
    try:
        wait_for(
            lambda: site.task_workers() and site.periodic_runners(),
            "serve's task worker and periodic runner",
            seconds=90,
        )
        yield site
    finally:
        stop_process_group(process, term_seconds=20)


def test_ctrl_c_lets_the_task_worker_finish_the_task_in_hand(own_serve):
    (task_worker,) = own_serve.task_workers()
    runs = own_serve.var_dir / "ctrl-c-runs.txt"
    task_id = enqueue(own_serve, runs, seconds=3)
    wait_for(
        lambda: (task_row(own_serve, task_id) or ("",))[0] == "RUNNING",
        "the slow task started",
        seconds=60,
    )
    # What a Ctrl-C at the terminal does: SIGINT to the whole process group.
    os.killpg(own_serve.process.pid, signal.SIGINT)
    own_serve.process.wait(timeout=60)

    assert task_row(own_serve, task_id)[0] == "SUCCESSFUL", own_serve.log()[-3000:]
    assert runs.read_text().split() != []
    wait_for(lambda: not running(task_worker), f"the task worker {task_worker} gone")


def test_background_processes_stop_when_serve_is_killed(own_serve):
    background = own_serve.task_workers() + own_serve.periodic_runners()
    assert len(background) == 2
    os.kill(own_serve.process.pid, signal.SIGKILL)
    own_serve.process.wait(timeout=10)
    # Their own process group keeps them out of a group-wide kill; the parent's
    # death stops them instead of leaving them running on their own.
    wait_for(
        lambda: not any(running(pid) for pid in background),
        f"{background} stopped after serve died",
    )


# A prompt stop on SIGTERM ------------------------------------------------------
# Hang detectors, not timings: a stop that works takes a second or two (up to
# GRANIAN_WORKERS_KILL_TIMEOUT for a web worker still loading the app); one
# that hangs took 15 s and more.
STOP_SECONDS = 12


def descendants(pid: int) -> list[int]:
    found = []
    for child in children(pid):
        found += [child, *descendants(child)]
    return found


def stop_and_time(process: subprocess.Popen) -> float:
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"not stopped {STOP_SECONDS} s after SIGTERM", pytrace=False)
    return time.monotonic() - started


def test_serve_stopped_as_its_web_worker_loads_stops_everything_promptly(migrated):
    """A web worker loading Django when the stop comes carries granian's own
    signal handler and never hears it: granian waited for it for ever, serve
    killed granian after 15 s and the worker ran on, holding the port. Now
    granian kills it after GRANIAN_WORKERS_KILL_TIMEOUT, and serve exits with
    nothing of its tree left running."""
    var_dir, env = migrated
    log = var_dir / "serve-loading.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(MASTHEAD), "serve", "--port", str(free_port()), "--workers", "1"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:

        def web_worker():
            granian = [p for p in children(process.pid) if "granian" in cmdline(p)]
            return granian and children(granian[0])

        # SIGTERM the moment granian has forked its worker: it is loading the
        # app for a while yet.
        wait_for(web_worker, "granian forking its web worker", seconds=90)
        tree = descendants(process.pid)
        stop_and_time(process)
        left = [pid for pid in tree if running(pid)]
        assert left == [], f"left running: {left}\n{log.read_text()[-2000:]}"
    finally:
        stop_process_group(process, term_seconds=5)


def test_the_periodic_runner_stops_between_ticks_at_once(migrated):
    """SIGTERM in the wait for the next tick ends the wait (a sleep went on to
    the end of the tick, up to 5 s in serve); a job in hand would still end."""
    var_dir, env = migrated
    process = subprocess.Popen(
        [str(MASTHEAD), "worker", "--tick", "300"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert "periodic jobs every 300s" in process.stdout.readline()
        # The first tick's jobs run, then the long wait: let it get there.
        time.sleep(3)
        stop_and_time(process)
        assert process.returncode == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
