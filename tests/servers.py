"""What the tests that run a real `masthead` process share: a free loopback
port, an environment of its own, and a clean stop of its process group."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

# Settings the surrounding run may point elsewhere (CI exports DATABASE_URL and
# REDIS_URL for the PostgreSQL pass); a test server starts without them.
_OUTSIDE_SETTINGS = (
    "DATABASE_URL",
    "REDIS_URL",
    "MASTHEAD_STATIC_ROOT",
    "MASTHEAD_MEDIA_ROOT",
    "MASTHEAD_DEBUG",
    # Names the run's own database ("test"), not a server's (tests that share
    # theirs set both).
    "DATABASE_REPLICA_URL",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def masthead_env(var_dir: Path, database_url: str | None = None) -> dict[str, str]:
    """The environment of a `masthead` process with its own SQLite database and
    file caches in `var_dir` (or the given database), on the dev settings."""
    env = {k: v for k, v in os.environ.items() if k not in _OUTSIDE_SETTINGS}
    env["DJANGO_SETTINGS_MODULE"] = "masthead.settings.dev"
    env["MASTHEAD_VAR_DIR"] = str(var_dir)
    env["PYTHONUNBUFFERED"] = "1"
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def stop_process_group(process: subprocess.Popen, term_seconds: float = 15) -> None:
    """SIGTERM the process's whole group (serve, granian, the worker), then
    SIGKILL what is left; returns once the group is gone or the time is up."""
    for sig, seconds in ((signal.SIGTERM, term_seconds), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            continue
        # The parent is gone; give its children a moment to follow.
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                os.killpg(process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
