"""Search latency through the running HTTP server (design.md §8: p95 <= 75 ms
at 100,000 articles on SQLite, goal 50 ms).

    .venv/bin/python bench/search.py                        # var/bench (100k)
    .venv/bin/python bench/search.py --var-dir var/bench-small --queries 150

Needs an archive made by bench/run.py in --var-dir. Starts `masthead serve
--no-worker --workers 2` on it, draws --queries searches from the archive's
own headlines (one word or two neighbouring words, as a reader types them,
seeded so every run asks the same), warms the server with a few, then asks
each one at a time over HTTP and times the whole answer (status 200 and body
read). Does it --runs times and prints p50, p95 and max of each run, the
slowest queries, the load average before and after, the commit, the machine
and the versions. Figures only: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from served import (
    ROOT,
    Served,
    describe,
    get,
    load_average,
    percentile,
    wait_for_quiet,
)

FLOOR_MS, GOAL_MS = 75, 50
STOP = {"with", "from", "after", "over", "into", "that", "this", "their", "for"}


def draw_queries(database: Path, count: int, seed: int) -> list[str]:
    """`count` searches made of words of published headlines in the archive."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        titles = [
            row[0]
            for row in db.execute(
                "SELECT p.title FROM wagtailcore_page p JOIN newsroom_articlepage a "
                "ON a.page_ptr_id = p.id WHERE p.live ORDER BY p.id"
            )
        ]
    if not titles:
        raise SystemExit(f"No articles in {database}: run bench/run.py first.")
    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < count:
        words = [
            w
            for w in re.findall(r"[A-Za-z][A-Za-z'-]+", rng.choice(titles))
            if len(w) > 3 and w.lower() not in STOP
        ]
        if not words:
            continue
        start = rng.randrange(len(words))
        take = 2 if rng.random() < 0.4 and start + 1 < len(words) else 1
        queries.append(" ".join(words[start : start + take]))
    return queries


def run_once(base: str, queries: list[str]) -> tuple[list[float], list[tuple]]:
    times, failures = [], []
    for query in queries:
        url = base + "/search/?" + urllib.parse.urlencode({"q": query})
        started = time.perf_counter()
        status, _headers, body = get(url, timeout=120)
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200 or b"search-" not in body:
            failures.append((query, status))
        times.append(elapsed)
    return times, failures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "bench"))
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--quiet-load", type=float, default=1.2)
    parser.add_argument(
        "--wait", type=float, default=60, help="seconds to wait for a quiet machine"
    )
    args = parser.parse_args(argv)
    var_dir = Path(args.var_dir).resolve()
    database = var_dir / "masthead.sqlite3"
    if not database.exists():
        raise SystemExit(f"No archive in {var_dir}: run bench/run.py first.")
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        articles = db.execute("SELECT COUNT(*) FROM newsroom_articlepage").fetchone()[0]
    queries = draw_queries(database, args.queries, args.seed)

    print(f"Search through HTTP: {articles:,} articles in {var_dir}")
    print("  " + wait_for_quiet(args.quiet_load, args.wait))
    print(f"  load average before: {load_average()}")
    runs = []
    with Served(var_dir, workers=args.workers) as base:
        for query in queries[:10]:  # warm both workers' imports and caches
            get(base + "/search/?" + urllib.parse.urlencode({"q": query}))
        for number in range(1, args.runs + 1):
            times, failures = run_once(base, queries)
            runs.append((times, failures))
            print(
                f"  run {number}: {len(times)} searches, p50 "
                f"{statistics.median(times):.1f} ms, p95 "
                f"{percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms, "
                f"{len(failures)} failed   (load {load_average()})"
            )
    print(f"  load average after: {load_average()}")
    slowest = sorted(zip(runs[-1][0], queries, strict=True), reverse=True)[:5]
    print("  slowest (last run): " + ", ".join(f"{q!r} {t:.0f} ms" for t, q in slowest))
    for _times, failures in runs:
        for query, status in failures[:5]:
            print(f"  FAILED: {query!r} answered {status}")
    print(f"  floor p95 <= {FLOOR_MS} ms, goal {GOAL_MS} ms (design.md §8)")
    print(f"  workers: {args.workers} (granian), one search at a time, sequential")
    for line in describe():
        print("  " + line)
    return 1 if any(failures for _t, failures in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
