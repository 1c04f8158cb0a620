"""A Masthead server started for a bench, and what each bench prints with its
figures (load average, commit, machine, versions).

Used by bench/search.py and bench/publish_visible.py:

    with Served(var_dir) as base:      # "http://127.0.0.1:PORT"
        get(base + "/search/?q=flood")
"""

from __future__ import annotations

import os
import platform
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, headers: dict | None = None, timeout: float = 60):
    """(status, headers, body) of a GET; HTTP errors are answers, not raised."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Served:
    """`masthead serve --no-worker` on a free port against `var_dir`, stopped
    (its whole process group) on exit."""

    def __init__(self, var_dir: Path, workers: int = 2, env: dict | None = None):
        self.var_dir = Path(var_dir)
        self.workers = workers
        self.env = {**os.environ, "MASTHEAD_VAR_DIR": str(self.var_dir), **(env or {})}
        self.env.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")
        self.env.pop("MASTHEAD_DEBUG", None)
        self.process = None
        self.log = None

    def __enter__(self) -> str:
        port = free_port()
        command = [str(Path(sys.executable).with_name("masthead"))]
        if not Path(command[0]).exists():
            command = [sys.executable, "-m", "masthead.cli"]
        command += ["serve", "--no-worker", "--port", str(port)]
        command += ["--workers", str(self.workers)]
        self.log = open(self.var_dir / "bench-server.log", "w")
        self.process = subprocess.Popen(
            command,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=self.env,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"The server stopped; see {self.log.name}.")
            try:
                if get(base + "/", timeout=30)[0] == 200:
                    return base
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise SystemExit("The server did not answer within 90 s.")

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            except ProcessLookupError:
                pass
            self.process = None
        if self.log is not None:
            self.log.close()
            self.log = None


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1/5/15 min)"


def wait_for_quiet(threshold: float, seconds: float) -> str:
    """Wait up to `seconds` for the 1-minute load average to fall below
    `threshold`; say whether it did."""
    deadline = time.monotonic() + seconds
    while os.getloadavg()[0] >= threshold and time.monotonic() < deadline:
        time.sleep(5)
    now = os.getloadavg()[0]
    if now < threshold:
        return f"machine quiet (load {now:.2f} < {threshold})"
    return (
        f"machine NOT quiet: load {now:.2f} >= {threshold} after waiting "
        f"{seconds:.0f} s; other processes share these cores, figures are lower"
    )


def describe() -> list[str]:
    """Commit, machine and versions, one line each."""
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%h %cI"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    versions = ", ".join(
        f"{name} {version(name)}" for name in ("django", "wagtail", "granian")
    )
    return [
        f"commit: {commit}{' (with uncommitted changes)' if dirty else ''}",
        f"machine: {platform.node()}, {os.cpu_count()} CPUs, {platform.machine()}, "
        f"{platform.system()} {platform.release()}",
        f"versions: Python {platform.python_version()}, {versions}, "
        f"SQLite {sqlite3.sqlite_version}",
    ]


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 200 values is the 190th smallest)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]
