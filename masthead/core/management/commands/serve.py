import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve the site with granian (static and media files included) and, unless "
        "--no-worker, run `masthead worker` beside it. Stops both on Ctrl-C or SIGTERM."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("PORT", "8000"))
        )
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2"))
        )
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args, host, port, workers, no_worker, **options):
        call_command("collectstatic", interactive=False, verbosity=0)
        settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        children: list[subprocess.Popen] = []
        if not no_worker:
            children.append(
                subprocess.Popen(  # noqa: S603 - our own interpreter and module
                    [sys.executable, "-m", "masthead.cli", "worker"], env=env
                )
            )
        command = [
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
            "--blocking-threads",
            "1",
            "--no-ws",
            "--static-path-route",
            "/static",
            "--static-path-mount",
            str(settings.STATIC_ROOT),
            "--static-path-route",
            "/media",
            "--static-path-mount",
            str(settings.MEDIA_ROOT),
            "masthead.wsgi:application",
        ]
        server = subprocess.Popen(command, env=env)  # noqa: S603
        children.append(server)
        self.stdout.write(f"Masthead on http://{host}:{port}/  (admin: /admin/)")

        def stop(signum, frame):
            # Pass the signal on so a service manager's stop stops everything.
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            server.wait()
        finally:
            stop(None, None)
            for child in children:
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
