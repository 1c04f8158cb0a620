"""The daily digest to 100,000 subscribers, into a local SMTP sink.

    .venv/bin/python bench/digest.py                     # 100,000 subscribers, 2 runs
    .venv/bin/python bench/digest.py --subscribers 5000  # a quick look

Builds (once, then reuses) a SQLite newsroom in --var-dir: the seed's site
tree, a day of articles across the sections, and the subscribers, half of
them with every section and half with one to three picked sections (so the
digest is rendered for many different section sets). An aiosmtpd server in a
process of its own counts and drops what it receives. Each run starts a fresh
Python process that makes the day's digest (the mailing and one Delivery row
per recipient) and sends it through Django's SMTP backend the way the worker
does (`MailingSend`), then reports messages per second and its own peak
memory (ru_maxrss). Prints the load average, the commit and the versions with
the table; asserts nothing on time (design.md §8: floor 15 min, goal 5 min).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import random
import resource
import socket
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR_SECONDS = 15 * 60
GOAL_SECONDS = 5 * 60
ARTICLES = 90


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sink(port: int, counter, ready) -> None:
    """An SMTP server that accepts everything and keeps only a count."""
    import signal

    from aiosmtpd.controller import Controller

    class Count:
        async def handle_DATA(self, server, session, envelope):
            with counter.get_lock():
                counter.value += 1
            return "250 OK"

    controller = Controller(Count(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    signal.sigwait({signal.SIGTERM})
    controller.stop()


def _environment(var_dir: Path, port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="masthead.settings.dev",
        MASTHEAD_VAR_DIR=str(var_dir),
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        MASTHEAD_LOG_LEVEL="WARNING",
    )
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    return env


def _django(var_dir: Path, port: int) -> None:
    os.environ.update(_environment(var_dir, port))
    import django

    django.setup()


def prepare(subscribers: int, seed: int) -> str:
    """The newsroom and its readers; returns what was made or reused."""
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", interactive=False, verbosity=0)
    from masthead.demo.sitetree import build_site_tree
    from masthead.newsroom.factories import ArticleFactory
    from masthead.newsroom.models import ArticlePage
    from masthead.readers.newsletter.content import live_sections
    from masthead.readers.newsletter.models import Subscriber

    build_site_tree(hostname="127.0.0.1")
    sections = live_sections()
    rng = random.Random(seed)
    notes = []
    fresh = ArticlePage.objects.filter(
        first_published_at__gte=timezone.now() - timedelta(hours=20)
    ).count()
    if fresh < ARTICLES:
        for i in range(ARTICLES - fresh):
            ArticleFactory(
                parent=sections[i % len(sections)],
                title=f"Bench story {i}: {rng.choice(['Port', 'Metro', 'Market'])} news",
                lead="A standfirst of about the usual length for a digest entry, "
                "saying what happened and why it matters.",
                published_at=timezone.now() - timedelta(minutes=rng.randint(10, 1100)),
            )
        notes.append(f"{ARTICLES - fresh} articles made")
    have = Subscriber.objects.count()
    if have < subscribers:
        through = Subscriber.sections.through
        for start in range(have, subscribers, 5000):
            batch = [
                Subscriber(
                    email=f"reader{n:06d}@bench.example",
                    email_key=f"reader{n:06d}@bench.example",
                    status=Subscriber.Status.ACTIVE,
                    daily_digest=True,
                    breaking_alerts=n % 3 == 0,
                    confirmed_at=timezone.now(),
                )
                for n in range(start, min(start + 5000, subscribers))
            ]
            made = Subscriber.objects.bulk_create(batch)
            links = [
                through(subscriber_id=s.pk, sectionpage_id=section.pk)
                for s in made
                if rng.random() < 0.5
                for section in rng.sample(sections, rng.randint(1, 3))
            ]
            through.objects.bulk_create(links)
        notes.append(f"{subscribers - have:,} subscribers made")
    return "; ".join(notes) or "reused"


def send_once() -> dict:
    """One run, in this (fresh) process: make the digest, send all of it."""
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Site

    from masthead.readers.newsletter import digest
    from masthead.readers.newsletter.models import Mailing, NewsletterSettings
    from masthead.readers.newsletter.sending import MailingSend

    Mailing.objects.all().delete()
    options = NewsletterSettings.for_site(Site.objects.get(is_default_site=True))
    options.digest_hour = 0
    options.digest_enabled = True
    options.save()
    started = time.perf_counter()
    outcome = digest.make_due_digest(timezone.now())
    mailing = Mailing.objects.get(kind=Mailing.Kind.DIGEST)
    made = time.perf_counter()
    runs = 0
    result = "more"
    while result == "more":
        result = MailingSend(mailing.pk, seconds=3600).run(chain=False)
        runs += 1
    sent = time.perf_counter()
    mailing.refresh_from_db()
    connection.close()
    return {
        "outcome": outcome,
        "result": result,
        "recipients": mailing.recipients,
        "sent": mailing.sent_count,
        "skipped": mailing.skipped_count,
        "failed": mailing.failed_count,
        "make_s": made - started,
        "send_s": sent - made,
        "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def _versions() -> str:
    from importlib.metadata import version

    names = ("django", "wagtail", "aiosmtpd")
    return ", ".join(
        [f"Python {platform.python_version()}", f"SQLite {sqlite3.sqlite_version}"]
        + [f"{n} {version(n)}" for n in names]
    )


def _commit() -> str:
    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    dirty = " (with uncommitted changes)" if git("status", "--porcelain") else ""
    return (git("rev-parse", "--short", "HEAD") or "unknown") + dirty


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def _wait_for_quiet(limit_s: float, below: float = 1.2) -> None:
    deadline = time.monotonic() + limit_s
    while os.getloadavg()[0] >= below and time.monotonic() < deadline:
        time.sleep(5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "bench-digest"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--wait-load", type=float, default=120, help="seconds to wait for quiet"
    )
    parser.add_argument("--send-once", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    var_dir = Path(args.var_dir).resolve()
    var_dir.mkdir(parents=True, exist_ok=True)

    if args.send_once:
        _django(var_dir, args.port)
        print(json.dumps(send_once()))
        return 0

    port = _free_port()
    counter = multiprocessing.Value("q", 0)
    ready = multiprocessing.Event()
    sink = multiprocessing.Process(target=_sink, args=(port, counter, ready))
    sink.start()
    ready.wait(30)
    try:
        _django(var_dir, port)
        print(
            f"Preparing {args.subscribers:,} subscribers in {var_dir} ...", flush=True
        )
        started = time.monotonic()
        notes = prepare(args.subscribers, args.seed)
        print(f"  {notes} ({time.monotonic() - started:.0f} s)", flush=True)
        from django.db import connection

        connection.close()
        results = []
        for run in range(1, args.runs + 1):
            print("Waiting for a quiet machine ...", flush=True)
            _wait_for_quiet(args.wait_load)
            load_before = _load()
            before = counter.value
            output = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--send-once",
                    "--port",
                    str(port),
                    "--var-dir",
                    str(var_dir),
                ],
                env=_environment(var_dir, port),
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            figures = json.loads(output.strip().splitlines()[-1])
            figures.update(
                run=run,
                load_before=load_before,
                load_after=_load(),
                received=counter.value - before,
            )
            results.append(figures)
            print(
                f"  run {run}: {figures['received']:,} messages in "
                f"{figures['send_s']:.0f} s",
                flush=True,
            )
    finally:
        sink.terminate()
        sink.join(10)
    _report(args, results)
    return 0


def _report(args, results) -> None:
    print()
    print("Masthead bench: the daily digest into a local SMTP sink (design.md §8)")
    print(f"  commit {_commit()}; {_versions()}")
    print(
        f"  machine: {os.cpu_count()} CPUs; SQLite database, Django's SMTP "
        "backend, aiosmtpd sink in its own process on loopback"
    )
    print(
        f"  subscribers: {args.subscribers:,} (half of them with 1-3 picked "
        f"sections), {ARTICLES} articles in the day"
    )
    print()
    header = (
        f"{'run':>3} {'recipients':>10} {'received':>9} {'skipped':>7} "
        f"{'make s':>7} {'send s':>7} {'msg/s':>7} {'total':>8} "
        f"{'peak MB':>8}  load 1/5/15 before -> after"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        total = r["make_s"] + r["send_s"]
        rate = r["sent"] / r["send_s"] if r["send_s"] else 0
        print(
            f"{r['run']:>3} {r['recipients']:>10,} {r['received']:>9,} "
            f"{r['skipped']:>7,} {r['make_s']:>7.1f} {r['send_s']:>7.0f} "
            f"{rate:>7.0f} {total / 60:>6.1f} m {r['peak_kb'] / 1024:>8.0f}  "
            f"{r['load_before']} -> {r['load_after']}"
        )
    print()
    print(
        f"make: the mailing and its {results[0]['recipients']:,} Delivery rows; "
        "send: rendering (once per section set), signing each reader's links, "
        "MIME, SMTP, and a row marked sent per message."
    )
    print(
        f"Budget for 100,000: floor {FLOOR_SECONDS // 60} min, goal "
        f"{GOAL_SECONDS // 60} min. Figures only, never asserted."
    )


if __name__ == "__main__":
    sys.exit(main())
