"""The editors' admin at archive scale (issue 14): how long each screen takes.

    .venv/bin/python bench/admin_screens.py --var-dir /work/var-admin
    .venv/bin/python bench/admin_screens.py --var-dir /work/var-admin --seed-wire 200000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/masthead_1m \\
        .venv/bin/python bench/admin_screens.py --var-dir /work/var-1m

Needs an archive (`masthead generate-archive`) in --var-dir or DATABASE_URL.
In one Django process, logs in as a chief editor (the "Chief editors" group of
masthead/newsroom/roles.py; made with setup_roles() if missing) with the test
Client's force_login, and asks for each screen: the page explorer of the
section with the most children, a search inside it (?q=), the page chooser
browsing that section and searching, the wire basket and the dashboard (the
desk panel). Each screen once cold (its first request in the run), then
--warm times; prints the warm median and max, this process's CPU time (on
SQLite it includes the queries, and it hardly moves with the load of other
processes), the cold time, queries and status, the load average before and
after, the commit and the versions. Does it --runs times. Figures only:
nothing here asserts on time (target: <= 500 ms warm).

--seed-wire N first adds wire items until the basket holds N (bulk_create,
one raw file per 50 items, spread over a year, a few providers). Nothing
else is written but the bench user, its session and, on an archive without
them, the role groups.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 500
CHIEF = "bench-chief"


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1/5/15 min)"


def describe(connection) -> list[str]:
    from importlib.metadata import version

    commit = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%h %cI"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    connection.ensure_connection()
    engine = f"{connection.vendor} {connection.Database.__name__}"
    if connection.vendor == "sqlite":
        engine += f" {connection.Database.sqlite_version}"
    else:
        engine += f" server {connection.pg_version}"
    return [
        f"commit {commit}",
        f"python {platform.python_version()}, django {version('django')}, "
        f"wagtail {version('wagtail')}, {engine}",
        f"machine {platform.machine()}, {os.cpu_count()} cores",
    ]


def seed_wire(target: int) -> int:
    """Add wire items until there are `target`; returns how many were added."""
    import hashlib
    import random
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from masthead.wire.models import Channel, RawItem, WireItem

    have = WireItem.objects.count()
    missing = max(0, target - have)
    rng = random.Random(14)
    providers = ["dpa", "afp", "reuters", "ap", "xinhua", "ansa"]
    formats = ["ninjs", "newsml-g2", "nitf", "rss", "anpa", "iptc7901"]
    words = (
        "ceasefire talks flood victims monsoon snap election grain exports "
        "sanctions heatwave satellite harvest tariff battery plant aircraft "
        "steel prices property market shipyard typhoon marathon survey"
    ).split()
    now = timezone.now()
    per_raw, batch = 50, 10_000
    added = 0
    while added < missing:
        n = min(batch, missing - added)
        raws, items = [], []
        for r in range(0, n, per_raw):
            serial = f"bench-wire-{have + added + r}"
            received = now - timedelta(seconds=rng.randrange(365 * 86400))
            data = serial.encode()
            # No file in media storage: the screens timed never read the bytes.
            raw = RawItem(
                received_at=received,
                channel=Channel.FEED,
                origin=f"https://wire.invalid/{serial}.xml",
                sha256=hashlib.sha256(data).hexdigest(),
                size=len(data),
            )
            raws.append(raw)
            for position in range(min(per_raw, n - r)):
                serial_item = f"{serial}-{position}"
                ok = rng.random() > 0.03
                items.append(
                    (
                        raw,
                        WireItem(
                            position=position,
                            received_at=received,
                            status=WireItem.Status.OK
                            if ok
                            else WireItem.Status.REJECTED,
                            reason="" if ok else "No headline and no body.",
                            format=rng.choice(formats),
                            provider=rng.choice(providers),
                            guid=serial_item,
                            item_key=serial_item,
                            version="1",
                            content_key=hashlib.sha256(
                                serial_item.encode()
                            ).hexdigest(),
                            headline=" ".join(rng.sample(words, 5)).capitalize()
                            if ok
                            else "",
                            language="en",
                            urgency=rng.randint(1, 8),
                            warnings=["Dateline missing."]
                            if rng.random() < 0.1
                            else [],
                        ),
                    )
                )
        with transaction.atomic():
            RawItem.objects.bulk_create(raws, batch_size=2000)
            for raw, item in items:
                item.raw_id = raw.pk
            WireItem.objects.bulk_create([i for _, i in items], batch_size=2000)
        added += n
        print(f"  wire: {have + added:,} / {target:,}", flush=True)
    return added


def chief_editor():
    from django.contrib.auth import get_user_model

    from masthead.newsroom.roles import CHIEF_EDITORS, setup_roles

    User = get_user_model()
    user = User.objects.filter(username=CHIEF).first()
    if user is None:
        groups = setup_roles()
        user = User.objects.create_user(CHIEF, "chief@bench.invalid", None)
        user.groups.add(groups[CHIEF_EDITORS])
    return user


def screens() -> list[tuple[str, str]]:
    from django.db.models import F
    from django.urls import reverse
    from wagtail.models import Page

    section = (
        Page.objects.filter(depth__gte=3)
        .order_by(F("numchild").desc())
        .only("id", "title", "numchild")
        .first()
    )
    word = "ceasefire"
    label = f"{section.title}, {section.numchild:,} children"
    explore = reverse("wagtailadmin_explore", args=[section.pk])
    chooser = reverse("wagtailadmin_choose_page_child", args=[section.pk])
    return [
        (f"explorer ({label})", explore),
        (f"explorer search ?q={word}", f"{explore}?q={word}"),
        ("explorer page 200", f"{explore}?p=200"),
        (f"page chooser ({section.title})", chooser),
        (
            f"page chooser search ?q={word}",
            f"{reverse('wagtailadmin_choose_page_search')}?q={word}",
        ),
        ("wire basket", reverse("wire_basket:index")),
        ("dashboard (desk panel)", reverse("wagtailadmin_home")),
    ]


def measure(client, url: str, warm: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def one():
        with CaptureQueriesContext(connection) as captured:
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            cpu = (time.process_time() - cpu) * 1000
        return elapsed, cpu, response.status_code, len(captured.captured_queries)

    cold, _, status, queries = one()
    runs = [one() for _ in range(warm)]
    return {
        "cold": cold,
        "warm": statistics.median(r[0] for r in runs),
        "max": max(r[0] for r in runs),
        # This process's CPU: on SQLite it holds the queries too, and it
        # hardly moves with the other processes sharing the cores.
        "cpu": statistics.median(r[1] for r in runs),
        "status": status,
        "queries": queries,
    }


def run(client, warm: int, number: int) -> None:
    print(f"\nrun {number}: load average {load_average()}")
    print(
        f"{'screen':<44} {'warm ms':>8} {'max':>7} {'cpu ms':>7} {'cold ms':>8} "
        f"{'queries':>7} {'status':>6}"
    )
    for name, url in screens():
        figures = measure(client, url, warm)
        flag = "" if figures["warm"] <= TARGET_MS else "  > target"
        print(
            f"{name[:44]:<44} {figures['warm']:8.0f} {figures['max']:7.0f} "
            f"{figures['cpu']:7.0f} {figures['cold']:8.0f} {figures['queries']:7d} "
            f"{figures['status']:6d}{flag}",
            flush=True,
        )
    print(f"load average after: {load_average()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--var-dir", default="/work/var-admin")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--warm", type=int, default=5)
    parser.add_argument("--seed-wire", type=int, default=0, metavar="N")
    args = parser.parse_args()

    os.environ["MASTHEAD_VAR_DIR"] = str(Path(args.var_dir).resolve())
    os.environ["DJANGO_SETTINGS_MODULE"] = "masthead.settings.dev"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    if args.seed_wire:
        print(f"seeded {seed_wire(args.seed_wire):,} wire items")
    from masthead.wire.models import WireItem

    print("\n".join(describe(connection)))
    print(f"wire items: {WireItem.objects.count():,}")
    client = Client()
    client.force_login(chief_editor())
    for number in range(1, args.runs + 1):
        run(client, args.warm, number)


if __name__ == "__main__":
    main()
