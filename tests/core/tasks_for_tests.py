"""Tasks the worker tests queue. A worker process finds a task by its module
path, so they live in an importable module rather than in a test file (the
process needs the repository on PYTHONPATH, or its working directory with
`python -m`)."""

import os
import time

from django_tasks import task


@task(takes_context=True)
def record_run(context, path: str, seconds: float = 0.0) -> str:
    """Append this task's id to the file at `path`, one line per run, after
    `seconds` of pretended work.

    One `write` to a file opened for appending: lines from several processes
    never interleave, so the file counts every run.
    """
    time.sleep(seconds)
    task_id = str(context.task_result.id)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, f"{task_id}\n".encode())
    finally:
        os.close(fd)
    return task_id
