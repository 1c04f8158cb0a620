"""`masthead worker` with two recording jobs in place of the real ones, for
the tests that run several periodic runners at once.

    python -m tests.core.periodic_runner RECORD_FILE TICK PHASE

Each job sleeps a little (so two runners could overlap if nothing stopped
them) and appends "name pid start end" to RECORD_FILE. The runner's first
tick starts PHASE seconds into a tick of the wall clock, so runners given
different phases tick at different moments of each tick.
"""

import os
import sys
import time

import django
from django.core.management import call_command

from masthead.core import scheduler

JOB_SECONDS = 0.2


def recorder(name: str, path: str):
    def job() -> None:
        start = time.time()
        time.sleep(JOB_SECONDS)
        line = f"{name} {os.getpid()} {start!r} {time.time()!r}\n"
        # One write to a file opened for appending: lines never interleave.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)

    return job


def main(path: str, tick: float, phase: float) -> None:
    django.setup()
    # The apps registered the real jobs in ready(); none of them is wanted here.
    scheduler.JOBS.clear()
    for name in ("job-a", "job-b"):
        scheduler.periodic(name)(recorder(name, path))
    time.sleep((phase - time.time()) % tick)
    call_command("worker", tick=tick)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), float(sys.argv[3]))
