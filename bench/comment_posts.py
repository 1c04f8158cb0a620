"""Comment posting under load, with the article's cached copy still served
(issue 9, "Bad input and load").

Builds a throw-away SQLite newsroom with one article, serves it with
`masthead serve` (2 workers, dev settings, no worker process), and prints:
the cached article alone (p50/p99, X-Cache HIT share), then the same while
four loops post comments (held for review: nothing a reader sees changes, so
nothing is purged), with the posts' rate and latency. Each post comes "through
nginx" from its own address (X-Forwarded-For, MASTHEAD_TRUSTED_PROXIES=1) and
its own e-mail address, so the rate limits do not stop the loops. Only
127.0.0.1 is touched; every loop stops after --seconds.

    .venv/bin/python bench/comment_posts.py [--seconds 10] [--loops 4]
"""

import argparse
import itertools
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MASTHEAD = Path(sys.executable).with_name("masthead")
SETUP = (
    "from masthead.demo.sitetree import build_site_tree; build_site_tree(); "
    "from masthead.newsroom.factories import ArticleFactory; "
    "from masthead.newsroom.models import SectionPage; "
    "a = ArticleFactory(parent=SectionPage.objects.get(slug='world'), "
    "slug='bench-story', title='Bench story'); print('ARTICLE', a.pk)"
)
ARTICLE_PATH = "/news/world/bench-story/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed_get(url: str) -> tuple[float, str]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        state = response.headers.get("X-Cache", "")
    return (time.perf_counter() - start) * 1000, state


def post_loop(base, article_id, loop, stop, latencies, statuses):
    for n in itertools.count():
        if stop.is_set():
            return
        data = urllib.parse.urlencode(
            {
                "name": f"Bench reader {loop}",
                "email": f"reader-{loop}-{n}@example.com",
                "body": f"Comment {n} from loop {loop}: https://example.org/{n}",
            }
        ).encode()
        request = urllib.request.Request(
            f"{base}/comments/{article_id}/",
            data=data,
            headers={
                "Origin": base,
                "X-Forwarded-For": f"10.{loop}.{n // 250 % 250}.{n % 250 + 1}",
            },
        )
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                statuses.append(response.status)
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)
        latencies.append((time.perf_counter() - start) * 1000)


def measure(base, article_id, seconds, loops):
    stop = threading.Event()
    post_latencies: list[float] = []
    statuses: list[int] = []
    threads = [
        threading.Thread(
            target=post_loop,
            args=(base, article_id, i, stop, post_latencies, statuses),
            daemon=True,
        )
        for i in range(loops)
    ]
    for t in threads:
        t.start()
    gets, states = [], []
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        latency, state = timed_get(base + ARTICLE_PATH)
        gets.append(latency)
        states.append(state)
    stop.set()
    for t in threads:
        t.join(timeout=60)
    elapsed = time.monotonic() - started
    return gets, states, post_latencies, statuses, elapsed


def describe(latencies: list[float]) -> str:
    if not latencies:
        return "none"
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"p50 {statistics.median(ordered):7.1f} ms  p99 {p99:7.1f} ms  n={len(ordered)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--loops", type=int, default=4)
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="masthead-bench-comments-"))
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="masthead.settings.dev",
        MASTHEAD_VAR_DIR=str(var_dir),
        MASTHEAD_TRUSTED_PROXIES="1",
    )
    server = None
    try:
        subprocess.run(
            [str(MASTHEAD), "migrate", "--no-input", "-v0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        out = subprocess.run(
            [str(MASTHEAD), "shell", "-c", SETUP],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        article_id = int(out.split("ARTICLE", 1)[1].split()[0])
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (var_dir / "serve.log").open("w")
        server = subprocess.Popen(
            [
                str(MASTHEAD),
                "serve",
                "--port",
                str(port),
                "--workers",
                "2",
                "--no-worker",
            ],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while True:
            try:
                timed_get(base + ARTICLE_PATH)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("masthead serve did not start") from None
                time.sleep(0.2)
        for _ in range(20):
            timed_get(base + ARTICLE_PATH)
        print(f"load average at start: {os.getloadavg()[0]:.2f}")
        gets, states, _, _, _ = measure(base, article_id, args.seconds, 0)
        hits = states.count("HIT") / max(1, len(states))
        print(f"cached article alone:            {describe(gets)}  HIT {hits:.0%}")
        gets, states, posts, statuses, elapsed = measure(
            base, article_id, args.seconds, args.loops
        )
        hits = states.count("HIT") / max(1, len(states))
        print(
            f"cached article, {args.loops} post loops:    {describe(gets)}  HIT {hits:.0%}"
        )
        ok = statuses.count(200)
        print(
            f"comment posts:                   {describe(posts)}  "
            f"{ok / elapsed:,.0f} accepted/s ({ok} of {len(statuses)} answered 200)"
        )
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
