import logging
import signal
import time
import uuid

from django.conf import settings
from django.core.management.base import BaseCommand

from masthead.core.scheduler import run_periodic_jobs

logger = logging.getLogger("masthead.worker")


class Command(BaseCommand):
    help = (
        "Run background work: scheduled publishing and other periodic jobs on every "
        "tick, then the queued tasks (django-tasks database queue)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tick", type=float, default=5.0, help="Seconds per tick.")
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run one tick and exit (for cron and tests).",
        )

    def handle(self, *args, tick: float, once: bool, **options):
        self.running = True
        if not once:
            signal.signal(signal.SIGTERM, self._stop)
            signal.signal(signal.SIGINT, self._stop)
            self.stdout.write(
                f"masthead worker: tick every {tick:g}s; Ctrl-C stops it."
            )
        while self.running:
            started = time.monotonic()
            run_periodic_jobs()
            self._drain_queue()
            if once:
                break
            time.sleep(max(0.0, tick - (time.monotonic() - started)))

    def _stop(self, *_):
        self.running = False

    def _drain_queue(self) -> None:
        backend = settings.TASKS["default"]["BACKEND"]
        if "django_tasks_db" not in backend:
            return  # immediate/dummy backends run tasks inline
        from django_tasks_db.management.commands.db_worker import Worker

        Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=f"masthead-{uuid.uuid4().hex[:8]}",
            excluded_queue_names=[],
        ).run()
