"""Drills against a real `masthead serve`: processes are killed for real.

The session migrates a throw-away SQLite newsroom (the seed's site tree, no
demo articles), starts `masthead serve` with two granian workers, the task
worker and the periodic jobs runner on a free 127.0.0.1 port, and hands the
tests a `Served` to poke at.
"""

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

from tests.servers import free_port, masthead_env, stop_process_group

ROOT = Path(__file__).resolve().parents[2]
MASTHEAD = Path(sys.executable).with_name("masthead")
START_SECONDS = 90
SITE_TREE = "from masthead.demo.sitetree import build_site_tree; build_site_tree()"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "resilience: kills or cuts real processes and services"
    )


def wait_for(condition, what: str, seconds: float = 30):
    """Poll `condition` until it returns something truthy; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconds:g} s: {what}", pytrace=False)
        time.sleep(0.1)


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) from /proc, or None for a process that is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces and brackets: the fields follow the last ")".
    fields = stat.rsplit(")", 1)[1].split()
    return fields[0], int(fields[1])


def exists(pid: int) -> bool:
    """True while /proc has the pid, a zombie (killed, never reaped) included."""
    return _stat(pid) is not None


def children(pid: int) -> list[int]:
    """Live (not zombie) child processes of `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None and stat[1] == pid and stat[0] != "Z":
                found.append(int(entry.name))
    return sorted(found)


def cmdline(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode() for part in raw.split(b"\0") if part]


@dataclass
class Reply:
    status: int
    headers: Message  # case-insensitive, as HTTP header names are
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


@dataclass
class Served:
    base_url: str
    env: dict[str, str]
    var_dir: Path
    process: subprocess.Popen
    log_path: Path

    def get(self, path: str) -> Reply:
        try:
            with _opener.open(self.base_url + path, timeout=10) as response:
                return Reply(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.headers, error.read())

    def answers(self, path: str = "/") -> bool:
        try:
            return self.get(path).status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def masthead(self, *args: str) -> str:
        result = subprocess.run(
            [str(MASTHEAD), *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0:
            pytest.fail(
                f"`masthead {args[0]}` failed:\n{result.stdout}\n{result.stderr}",
                pytrace=False,
            )
        return result.stdout

    def db(self) -> sqlite3.Connection:
        return sqlite3.connect(self.var_dir / "masthead.sqlite3", timeout=20)

    # The process tree ---------------------------------------------------------
    def granian(self) -> int:
        (pid,) = [p for p in children(self.process.pid) if "granian" in cmdline(p)]
        return pid

    def web_workers(self) -> list[int]:
        return children(self.granian())

    def _background(self, command: str) -> list[int]:
        return [
            p
            for p in children(self.process.pid)
            if cmdline(p)[2:4] == ["masthead.cli", command]
        ]

    def task_workers(self) -> list[int]:
        """django-tasks' `db_worker`, which runs the queued tasks."""
        return self._background("db_worker")

    def periodic_runners(self) -> list[int]:
        """`masthead worker`, which runs the periodic jobs."""
        return self._background("worker")


@pytest.fixture(scope="session")
def served():
    var_dir = Path(tempfile.mkdtemp(prefix="masthead-resilience-"))
    env = masthead_env(var_dir)
    # The task worker finds the tests' own tasks (tests/core/tasks_for_tests.py).
    env["PYTHONPATH"] = str(ROOT)
    port = free_port()
    log_path = var_dir / "serve.log"
    process = None
    try:
        bootstrap = Served(f"http://127.0.0.1:{port}", env, var_dir, None, log_path)
        bootstrap.masthead("migrate", "--no-input", "-v0")
        bootstrap.masthead("shell", "-c", SITE_TREE)
        with log_path.open("w") as out:
            process = subprocess.Popen(
                [
                    str(MASTHEAD),
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--workers",
                    "2",
                ],
                env=env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                # Its own process group, so the teardown reaches granian too.
                start_new_session=True,
            )
        site = Served(bootstrap.base_url, env, var_dir, process, log_path)

        def up():
            if process.poll() is not None:
                pytest.fail(f"`masthead serve` exited:\n{site.log()}", pytrace=False)
            return (
                site.answers("/")
                and len(site.web_workers()) == 2
                and len(site.task_workers()) == 1
                and len(site.periodic_runners()) == 1
            )

        wait_for(up, "`masthead serve` answering with its workers", START_SECONDS)
        yield site
    finally:
        if process is not None:
            stop_process_group(process, term_seconds=20)
        shutil.rmtree(var_dir, ignore_errors=True)


# A really full disk ---------------------------------------------------------
@dataclass
class TinyDisk:
    """A tmpfs of its own; `fill()` takes every free byte, `free()` gives it back."""

    path: Path

    def fill(self) -> None:
        fd = os.open(self.path / ".filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            # Unbuffered, big blocks then single bytes, until the disk refuses.
            for block in (b"\0" * 65536, b"\0"):
                try:
                    while os.write(fd, block):
                        pass
                except OSError as error:
                    if error.errno != errno.ENOSPC:
                        raise
        finally:
            os.close(fd)

    def free(self) -> None:
        (self.path / ".filler").unlink(missing_ok=True)

    def files(self) -> list[str]:
        """Every file on the disk but the filler, relative to it."""
        return sorted(
            str(p.relative_to(self.path))
            for p in self.path.rglob("*")
            if p.is_file() and p.name != ".filler"
        )


@pytest.fixture
def tiny_disk(tmp_path):
    """Mounts a tmpfs of `size` (e.g. "4m") and unmounts it after the test."""
    mounted = []

    def mount(size: str = "64k") -> TinyDisk:
        where = tmp_path / f"disk{len(mounted)}"
        where.mkdir()
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
        mounted.append(where)
        return TinyDisk(where)

    yield mount
    for where in reversed(mounted):
        subprocess.run(["umount", "-l", str(where)], check=False)
