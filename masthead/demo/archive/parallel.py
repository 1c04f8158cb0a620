"""A big archive on PostgreSQL made by several processes at once.

One process makes about 350 articles a second on a busy two-core machine, most
of it Python (text, rows) while PostgreSQL waits, then PostgreSQL (COPY,
`to_tsvector`) while Python waits. Here the parent plans the batches (section,
publish times, first tree step, a seed each, so the result does not depend on
which process runs which batch) and a pool of forked processes makes and
writes them, each batch with its index rows in one transaction on the
process's own connection.
"""

import multiprocessing
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections, transaction
from django.db.models import F
from wagtail.models import Page

from masthead.demo.archive import pgcopy
from masthead.demo.archive.words import Writer


@dataclass(frozen=True)
class Job:
    slug: str
    stamps: list
    step: int  # the tree step of the batch's first article
    seed: int


# What every batch refers to, set in the parent before the fork (the children
# inherit it; nothing here is pickled but jobs and counts).
_SHARED: dict = {}


def run(jobs: list[Job], processes: int, on_done: Callable[[int], None], **shared):
    """Runs `jobs` on `processes` forked processes; `on_done(n)` per batch."""
    _SHARED.clear()
    _SHARED.update(shared)
    connections.close_all()  # each child opens its own
    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(processes) as pool:
            for count in pool.imap_unordered(_run_job, jobs):
                on_done(count)
    finally:
        _SHARED.clear()


def _run_job(job: Job) -> int:
    cat, words = _SHARED["cat"], _SHARED["words"]
    content_type_id, slots = _SHARED["content_type_id"], _SHARED["slots"]
    rng = random.Random(job.seed)  # noqa: S311 - bench data, not secrets
    section = cat.sections[job.slug]
    cat.next_step[section.pk] = job.step
    batch = _SHARED["specs"](
        rng, Writer(rng, words), cat, job.slug, job.stamps, content_type_id
    )
    with transaction.atomic():
        pgcopy.write_batch(batch)
        pgcopy.write_index(batch, content_type_id, slots)
        # Last, so the section's row is locked only for the commit.
        Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + len(batch))
    return len(batch)
