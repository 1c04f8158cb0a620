import ctypes
import logging
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

logger = logging.getLogger("masthead.serve")

POLL_SECONDS = 0.5
# Granian's own supervisor brings back a web worker that died (a segfault, the
# OOM killer, kill -9); without it one dead worker shut the whole server down.
GRANIAN_RESPAWN_INTERVAL = "1"
# How long a web worker has to finish its requests once told to stop, before
# granian kills it. Without a limit granian waits for ever, and a worker that
# was still loading the app when the stop came never hears it (it carries
# granian's own signal handler until it starts serving): serve hung until its
# 15 s kill of granian, which then left that worker running on the port.
GRANIAN_WORKERS_KILL_TIMEOUT = "5"
# Threads per web worker running Django. Hashing a password (a login) holds a
# thread for a few hundred ms; with one thread every cache hit queued behind it
# (four login loops took the cached home's p50 from 7 ms to seconds). Hashing
# releases the GIL, so hits go on in the other threads.
DEFAULT_THREADS = "8"


# prctl(PR_SET_PDEATHSIG): Linux sends the child a signal when its parent dies.
_PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def _stop_with_parent() -> None:
    """Runs in a background process before exec: SIGTERM when serve dies, even
    by SIGKILL, which a group-wide kill would no longer bring it (see start)."""
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _exit_reason(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit code {returncode}"


def background_commands(python: str = sys.executable) -> dict[str, list[str]]:
    """What runs beside the web server, by the name the log gives it.

    Queued tasks go to django-tasks' own worker (every queue; no autoreload,
    which DEBUG would switch on and which can cut a task short). The periodic
    jobs (scheduled publishing, embargo lifts, wire channels) have a runner of
    their own, so a long task never delays a go-live time.
    """
    masthead = [python, "-m", "masthead.cli"]
    return {
        "task worker": [*masthead, "db_worker", "--queue-name", "*", "--no-reload"],
        "periodic jobs": [*masthead, "worker"],
    }


class Supervisor:
    """Keeps one background process running beside the web server.

    A process that dies is reaped and started again, so scheduled publishing
    and queued tasks never stop silently. One that keeps dying soon after start
    (a bad setting, the database gone) is restarted with a doubling delay, so a
    crash loop does not spin the CPU or flood the log.
    """

    FIRST_DELAY = 1.0
    MAX_DELAY = 60.0
    # Alive this long before dying counts as a fresh failure, not a crash loop.
    STABLE_SECONDS = 60.0

    def __init__(self, name: str, command: list[str], env: dict[str, str]):
        self.name = name
        self.command = command
        self.env = env
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0
        self.delay = self.FIRST_DELAY
        self.restart_at: float | None = None
        self.terminated = False

    def start(self) -> None:
        # A process group of its own, so only serve signals it, and only once:
        # a Ctrl-C (SIGINT to the terminal's group) or a stop of serve's group
        # followed by serve's own SIGTERM would make two, and db_worker takes a
        # second signal as "abandon the task in hand", which then stays RUNNING.
        self.process = subprocess.Popen(  # noqa: S603
            self.command,
            env=self.env,
            process_group=0,
            # Safe after fork: serve runs no threads of its own.
            preexec_fn=_stop_with_parent,
        )
        self.started_at = time.monotonic()
        self.restart_at = None

    def check(self) -> None:
        """Reap a dead process and start its successor when its delay is over."""
        now = time.monotonic()
        if self.process is not None:
            returncode = self.process.poll()
            if returncode is None:
                return
            if now - self.started_at >= self.STABLE_SECONDS:
                self.delay = self.FIRST_DELAY
            logger.warning(
                "%s (pid %s) stopped (%s); restarting it in %.0f s",
                self.name,
                self.process.pid,
                _exit_reason(returncode),
                self.delay,
            )
            self.process = None
            self.restart_at = now + self.delay
            self.delay = min(self.delay * 2, self.MAX_DELAY)
        if self.restart_at is not None and now >= self.restart_at:
            self.start()
            logger.warning("%s restarted (pid %s)", self.name, self.process.pid)

    def terminate(self) -> None:
        """SIGTERM, once: serve's stop runs on the signal and again on its way
        out, and a second signal would cut db_worker's task short."""
        self.restart_at = None
        if self.terminated:
            return
        self.terminated = True
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()


class Command(BaseCommand):
    help = (
        "Serve the site with granian (static and media files included) and, unless "
        "--no-worker, run the task worker (`masthead db_worker`) and the periodic "
        "jobs (`masthead worker`) beside it, restarting any process that dies. "
        "Stops them all on Ctrl-C or SIGTERM."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("PORT", "8000"))
        )
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2"))
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("WEB_THREADS", DEFAULT_THREADS)),
            help="threads per web worker (granian --blocking-threads)",
        )
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args, host, port, workers, threads, no_worker, **options):
        call_command("collectstatic", interactive=False, verbosity=0)
        for folder in settings.MASTHEAD_PUBLIC_MEDIA_DIRS:
            (settings.MEDIA_ROOT / folder).mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        background = []
        if not no_worker:
            background = [
                Supervisor(name, command, env)
                for name, command in background_commands().items()
            ]
            for supervisor in background:
                supervisor.start()
        command = self._granian_command(host, port, workers, threads)
        server = subprocess.Popen(command, env=env)  # noqa: S603
        self.stdout.write(f"Masthead on http://{host}:{port}/  (admin: /admin/)")

        stopping = False

        def stop(signum, frame):
            # Pass the signal on so a service manager's stop stops everything.
            nonlocal stopping
            stopping = True
            for supervisor in background:
                supervisor.terminate()
            if server.poll() is None:
                server.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while not stopping and server.poll() is None:
                for supervisor in background:
                    supervisor.check()
                time.sleep(POLL_SECONDS)
        finally:
            stop(None, None)
            children = [server]
            children += [s.process for s in background if s.process is not None]
            for child in children:
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        if server.returncode and server.returncode != -signal.SIGTERM:
            # Granian itself died: say so and fail, so a service manager restarts us.
            logger.error("granian stopped (%s)", _exit_reason(server.returncode))
            raise SystemExit(1)

    @staticmethod
    def _granian_command(
        host: str, port: int, workers: int, threads: int = int(DEFAULT_THREADS)
    ) -> list[str]:
        # Only the public folders of MEDIA_ROOT become plain files; a document
        # (maybe in a login-restricted collection) is left to /documents/.
        media_mounts = []
        for folder in settings.MASTHEAD_PUBLIC_MEDIA_DIRS:
            media_mounts += [
                "--static-path-route",
                f"{settings.MEDIA_URL.rstrip('/')}/{folder}",
                "--static-path-mount",
                str(settings.MEDIA_ROOT / folder),
            ]
        return [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--respawn-failed-workers",
            "--respawn-interval",
            GRANIAN_RESPAWN_INTERVAL,
            "--workers-kill-timeout",
            GRANIAN_WORKERS_KILL_TIMEOUT,
            "--blocking-threads",
            str(max(1, threads)),
            "--no-ws",
            "--static-path-route",
            "/static",
            "--static-path-mount",
            str(settings.STATIC_ROOT),
            *media_mounts,
            "masthead.wsgi:application",
        ]
