"""deploy/'s systemd units (issue 14, point 7): each is parsed, checked against
deploy/env.example, and its ExecStart run for real from this checkout.

The install path (/srv/masthead) becomes this checkout and its .venv; the
environment is the one `masthead` test servers get (tests/servers.py: dev
settings, SQLite and file caches in a scratch MASTHEAD_VAR_DIR), since the
example's PostgreSQL and Redis hosts are not on this machine. Each process is
then stopped the way systemd would stop it (KillSignal to the unit's processes
as KillMode says) and must be gone within TimeoutStopSec.
"""

import os
import re
import shlex
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.servers import free_port, masthead_env, stop_process_group

from .conftest import wait_for
from .test_production_settings import example_env

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
INSTALL = "/srv/masthead"
UNITS = (
    "masthead-web.service",
    "masthead-worker.service",
    "masthead-db-worker@.service",
)
# systemd's defaults for what a unit leaves out (systemd.kill(5), systemd.service(5)).
DEFAULT_KILL_SIGNAL = "SIGTERM"
DEFAULT_TIMEOUT_STOP = 90.0
# A working stop takes seconds; this catches a hang without waiting out 300 s.
STOP_SECONDS = 25


def parse_unit(path: Path) -> dict[str, dict[str, list[str]]]:
    """A unit file's sections and their keys; a key may repeat (systemd.syntax(7))."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        assert current is not None, f"{path.name}: {line!r} outside a section"
        key, sep, value = line.partition("=")
        assert sep, f"{path.name}: not a key=value line: {line!r}"
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def one(unit, section: str, key: str, default: str | None = None) -> str:
    values = unit.get(section, {}).get(key)
    if not values:
        assert default is not None, f"[{section}] {key}= missing"
        return default
    assert len(values) == 1, f"[{section}] {key}= given {len(values)} times"
    return values[0]


def seconds(value: str) -> float:
    """systemd time spans as the units use them: "300", "300s", "5min", "1min 30s"."""
    total = 0.0
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)\s*(min|s|ms)?", value):
        total += float(number) * {"min": 60, "s": 1, "ms": 0.001, "": 1}[unit]
    return total


def command_line(unit, instance: str = "1") -> list[str]:
    """ExecStart as this checkout runs it: the install path's .venv becomes ours,
    %i the instance and %H the host name (systemd.unit(5), "Specifiers")."""
    line = one(unit, "Service", "ExecStart")
    line = line.replace("%i", instance).replace("%H", socket.gethostname())
    argv = shlex.split(line)
    venv_bin = f"{INSTALL}/.venv/bin/"
    assert argv[0].startswith(venv_bin), argv[0]
    argv[0] = str(Path(sys.executable).parent / argv[0][len(venv_bin) :])
    assert Path(argv[0]).exists(), f"{argv[0]} is not in this checkout's .venv"
    return argv


@pytest.mark.parametrize("name", UNITS)
def test_unit_matches_the_environment_example(name):
    unit = parse_unit(DEPLOY / name)
    assert set(unit) == {"Unit", "Service", "Install"}
    example = example_env()
    # env.example names the file it is copied to on its first line.
    documented = re.match(r"# (\S+) ", (DEPLOY / "env.example").read_text())
    assert one(unit, "Service", "EnvironmentFile") == documented.group(1)
    assert one(unit, "Service", "User") == "masthead"
    assert one(unit, "Service", "WorkingDirectory") == INSTALL
    assert one(unit, "Service", "Restart") == "always"
    # ProtectSystem=strict leaves the file system read-only but for this:
    # it must be where the settings write (MASTHEAD_VAR_DIR).
    assert one(unit, "Service", "ProtectSystem") == "strict"
    assert one(unit, "Service", "ReadWritePaths") == example["MASTHEAD_VAR_DIR"]
    assert one(unit, "Install", "WantedBy") == "multi-user.target"
    exec_start = one(unit, "Service", "ExecStart")
    assert exec_start.startswith(f"{INSTALL}/.venv/bin/masthead ")
    assert one(unit, "Service", "KillSignal", DEFAULT_KILL_SIGNAL) == "SIGTERM"


def test_db_worker_template_stops_once_and_names_each_instance():
    unit = parse_unit(DEPLOY / "masthead-db-worker@.service")
    argv = command_line(unit, instance="7")
    # %i makes each instance's worker id (the host too: ids stay unique
    # across nodes), and shows in its description.
    worker_id = argv[argv.index("--worker-id") + 1]
    assert worker_id == f"{socket.gethostname()}-7"
    assert "%i" in one(unit, "Unit", "Description")
    assert argv[argv.index("--queue-name") + 1] == "*"
    assert "--no-reload" in argv
    # db_worker takes a second signal as "abandon the task in hand": mixed
    # sends SIGTERM to the main process only, once, and SIGKILL to everything
    # left at the timeout, which gives a long task (a video poster) minutes.
    assert one(unit, "Service", "KillMode") == "mixed"
    assert seconds(one(unit, "Service", "TimeoutStopSec")) >= 120


# Running them ------------------------------------------------------------------
@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("deploy-units")
    env = masthead_env(var_dir)
    # The task worker finds the tests' own tasks (tests/core/tasks_for_tests.py).
    env["PYTHONPATH"] = str(ROOT)
    subprocess.run(
        [
            str(Path(sys.executable).with_name("masthead")),
            "migrate",
            "--no-input",
            "-v0",
        ],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    return var_dir, env


def start(name: str, env, var_dir: Path, instance: str = "1", **replace: str):
    unit = parse_unit(DEPLOY / name)
    argv = command_line(unit, instance)
    for old, new in replace.items():
        argv[argv.index(old) + 1] = new
    log = var_dir / f"{name}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            argv,
            env=env,
            cwd=ROOT,  # WorkingDirectory=/srv/masthead, the checkout
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group, as the unit's cgroup
        )
    return unit, process, log


def systemd_stop(unit, process: subprocess.Popen, log: Path) -> float:
    """Stop as systemd does: KillSignal to the main process (KillMode=mixed) or
    to all of them (control-group, the default); returns the seconds taken."""
    sig = signal.Signals[one(unit, "Service", "KillSignal", DEFAULT_KILL_SIGNAL)]
    timeout = seconds(one(unit, "Service", "TimeoutStopSec", str(DEFAULT_TIMEOUT_STOP)))
    started = time.monotonic()
    if one(unit, "Service", "KillMode", "control-group") == "mixed":
        process.send_signal(sig)
    else:
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=min(timeout, STOP_SECONDS))
    except subprocess.TimeoutExpired:
        pytest.fail(
            f"not stopped on {sig.name}:\n{log.read_text()[-3000:]}", pytrace=False
        )
    taken = time.monotonic() - started
    # Nothing of the group left running either (granian and its workers).
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return taken
        time.sleep(0.1)
    pytest.fail("processes of the unit left running after its stop", pytrace=False)


def test_web_unit_serves_and_stops(migrated):
    var_dir, env = migrated
    port = free_port()
    unit, process, log = start(
        "masthead-web.service", env, var_dir, **{"--port": str(port), "--workers": "1"}
    )
    try:

        def answers():
            if process.poll() is not None:
                pytest.fail(f"exited:\n{log.read_text()[-3000:]}", pytrace=False)
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/", timeout=5
                ) as reply:
                    return reply.status == 200 and b"<html" in reply.read().lower()
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                return False

        wait_for(answers, "the web unit answering on 127.0.0.1", seconds=60)
        # --no-worker: the background work is the other two units'.
        assert (
            "db_worker"
            not in subprocess.run(
                ["ps", "-o", "args=", "-g", str(process.pid)],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
        )
        systemd_stop(unit, process, log)
        assert process.returncode == 0, log.read_text()[-3000:]
    finally:
        stop_process_group(process)


def test_worker_unit_runs_a_tick_and_stops(migrated):
    var_dir, env = migrated
    inbox = var_dir / "wire-inbox"
    inbox.mkdir(exist_ok=True)
    dropped = inbox / "not-a-wire-story.xml"
    dropped.write_text("this is no wire format\n")
    past = time.time() - 60  # older than the folder's settle time
    os.utime(dropped, (past, past))
    unit, process, log = start(
        "masthead-worker.service", env, var_dir, **{"--tick": "1"}
    )
    try:
        # The watched-folder job ran: the file left the inbox for refused/.
        wait_for(
            lambda: (
                (inbox / "refused" / dropped.name).exists()
                or (process.poll() is not None and pytest.fail(log.read_text()[-3000:]))
            ),
            "the periodic jobs' tick taking the dropped file",
            seconds=40,
        )
        assert not dropped.exists()
        assert systemd_stop(unit, process, log) < 5
        assert process.returncode == 0, log.read_text()[-3000:]
    finally:
        stop_process_group(process)


ENQUEUE = (
    "import uuid; from tests.core.tasks_for_tests import record_run; "
    "result = record_run.enqueue(path={path!r}, seconds=3); "
    "print('TASK', uuid.UUID(str(result.id)).hex)"
)


def test_db_worker_instance_finishes_its_task_on_the_stop(migrated):
    var_dir, env = migrated
    masthead = str(Path(sys.executable).with_name("masthead"))
    runs = var_dir / "runs.txt"
    queued = subprocess.run(
        [masthead, "shell", "-c", ENQUEUE.format(path=str(runs))],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    task_id = re.search(r"TASK ([0-9a-f]{32})", queued.stdout).group(1)
    unit, process, log = start(
        "masthead-db-worker@.service", env, var_dir, instance="3"
    )

    def row():
        with sqlite3.connect(var_dir / "masthead.sqlite3", timeout=20) as db:
            return db.execute(
                "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"
                " WHERE replace(id, '-', '') = ?",
                (task_id,),
            ).fetchone()

    try:
        wait_for(
            lambda: (
                row()[0] == "RUNNING"
                or (process.poll() is not None and pytest.fail(log.read_text()[-3000:]))
            ),
            "the instance claiming the queued task",
            seconds=40,
        )
        assert f"{socket.gethostname()}-3" in row()[1]
        # One SIGTERM mid-task: the task ends, then the worker.
        systemd_stop(unit, process, log)
        assert row()[0] == "SUCCESSFUL", log.read_text()[-3000:]
        assert [r.replace("-", "") for r in runs.read_text().split()] == [task_id]
        assert process.returncode == 0, log.read_text()[-3000:]
    finally:
        stop_process_group(process)
