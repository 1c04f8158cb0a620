import signal
import threading
import time

from django.core.management.base import BaseCommand, CommandError

from masthead.core.scheduler import DEFAULT_TICK, run_periodic_jobs


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (scheduled publishing, embargo lifts, wire feeds "
        "and folder) on every tick. Queued tasks are run by `masthead db_worker`, "
        "which `masthead serve` starts beside this command."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tick", type=float, default=DEFAULT_TICK, help="Seconds per tick."
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run one tick and exit (for cron and tests).",
        )

    def handle(self, *args, tick: float, once: bool, **options):
        if tick <= 0:
            raise CommandError("--tick must be more than 0 seconds")
        self.running = True
        # Set by SIGTERM/SIGINT: ends the wait for the next tick at once (a
        # plain sleep is resumed after the handler and held a stop up to a
        # tick); a job in hand still runs to its end.
        self.stopped = threading.Event()
        if not once:
            signal.signal(signal.SIGTERM, self._stop)
            signal.signal(signal.SIGINT, self._stop)
            self.stdout.write(
                f"masthead worker: periodic jobs every {tick:g}s; Ctrl-C stops it."
            )
        while self.running:
            started = time.monotonic()
            run_periodic_jobs(tick)
            if once:
                break
            self.stopped.wait(max(0.0, tick - (time.monotonic() - started)))

    def _stop(self, *_):
        self.running = False
        self.stopped.set()
