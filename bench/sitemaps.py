"""Sitemap timings on a generated archive (issue 10: the index and a month's
sitemap served quickly on a 1,000,000-article archive).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/masthead_1m \\
    MASTHEAD_VAR_DIR=/work/var-1m REDIS_URL=redis://127.0.0.1:6379/5 \\
    .venv/bin/python bench/sitemaps.py [--month 2024-05] [--rounds 2]

Uses the archive the environment names (make it with `masthead
generate-archive`; nothing is generated here). Each round empties the Redis
database of REDIS_URL (the page cache and the kept month figures: use a
database of your own), starts the real server (`masthead serve --no-worker`),
and times with curl:

  cold  the first request after the start, with a session cookie, so it
        passes the page cache and nothing is cached (PostgreSQL's own buffers
        are whatever the machine left in them);
  miss  the same request again (a full render, month figures cached);
  hit   without the cookie, once the page cache holds the answer.

Prints the load average, the commit and the versions with the figures.
Figures only: nothing here asserts on time.
"""

import argparse
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

MISS_COOKIE = "sessionid=bench-miss"
BUDGET_MS = {"cold": 2000, "miss": 300, "hit": 300}
REPEATS = 5


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--month", default=None, help="YYYY-MM (default: a year ago)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    for name in ("DATABASE_URL", "MASTHEAD_VAR_DIR", "REDIS_URL"):
        if not os.environ.get(name):
            raise SystemExit(f"Set {name} (see the docstring).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")
    os.environ.pop("MASTHEAD_DEBUG", None)
    if not shutil.which("curl"):
        raise SystemExit("curl is needed.")

    import django

    django.setup()
    from django.db import connection

    from masthead.newsroom.models import ArticlePage

    total = ArticlePage.objects.published().count()
    month = args.month or _a_year_ago()
    year, mon = (int(x) for x in month.split("-"))
    in_month = (
        ArticlePage.objects.published()
        .filter(first_published_at__year=year, first_published_at__month=mon)
        .count()
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = f"{connection.vendor} {cursor.fetchone()[0]}"
    connection.close()
    urls = {
        "index": "/sitemap.xml",
        "month": f"/sitemaps/articles-{year:04d}-{mon:02d}.xml",
    }
    rounds = []
    for n in range(1, args.rounds + 1):
        print(f"round {n}: {_load()} ...", flush=True)
        rounds.append(_round(args, urls))
    _report(total, in_month, server, urls, rounds)
    return 0


def _a_year_ago() -> str:
    t = time.gmtime(time.time() - 365 * 86400)
    return f"{t.tm_year:04d}-{t.tm_mon:02d}"


def _load() -> str:
    return "load average " + " / ".join(f"{x:.1f}" for x in os.getloadavg())


def _flush_redis() -> None:
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()


def _curl(url: str, cookie: str | None) -> tuple[float, float, int, int]:
    """(ms to the first byte, ms in all, bytes, status) as curl measures them."""
    command = [
        "curl",
        "-s",
        "-o",
        "/dev/null",
        "-w",
        "%{time_starttransfer} %{time_total} %{size_download} %{http_code}",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=300
    ).stdout.split()
    return float(out[0]) * 1000, float(out[1]) * 1000, int(out[2]), int(out[3])


def _round(args, urls) -> dict:
    import run

    _flush_redis()
    port = args.port or run._free_port()
    base = f"http://127.0.0.1:{port}"
    command = [str(ROOT / ".venv" / "bin" / "masthead"), "serve", "--no-worker"]
    command += ["--port", str(port), "--workers", str(args.workers)]
    log_path = Path(os.environ["MASTHEAD_VAR_DIR"]) / "bench-sitemaps-server.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            _wait_until_up(base + "/robots.txt", server)
            figures = {"load": _load()}
            for name, path in urls.items():
                cold = _curl(base + path, MISS_COOKIE)
                miss = [_curl(base + path, MISS_COOKIE) for _ in range(REPEATS)]
                _curl(base + path, None)  # stores it in the page cache
                hit = [_curl(base + path, None) for _ in range(REPEATS)]
                figures[name] = {"cold": [cold], "miss": miss, "hit": hit}
            return figures
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def _wait_until_up(url, server, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("The server stopped; see bench-sitemaps-server.log.")
        try:
            if _curl(url, None)[3] == 200:
                return
        except subprocess.CalledProcessError:
            pass
        time.sleep(0.3)
    raise SystemExit("The server did not answer in time.")


def _versions(server: str) -> str:
    import django
    import psycopg
    import wagtail

    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"Wagtail {wagtail.__version__}, psycopg {psycopg.__version__}, {server}"
    )


def _commit() -> str:
    def git(*a):
        return subprocess.run(
            ["git", *a], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()

    dirty = " (with uncommitted changes)" if git("status", "--porcelain") else ""
    return git("rev-parse", "--short", "HEAD") + dirty


def _report(total, in_month, server, urls, rounds) -> None:
    print()
    print("Masthead sitemaps bench")
    print(f"  archive: {total:,} published articles; {in_month:,} in the month")
    print(f"  commit {_commit()}; {_versions(server)}")
    print(f"  machine: {os.cpu_count()} CPUs, shared (load below); curl on loopback")
    print()
    header = (
        f"{'round':<5} {'sitemap':<7} {'mode':<5} {'ttfb ms':>8} {'total ms':>9} "
        f"{'bytes':>10} {'status':>6}  budget"
    )
    print(header)
    print("-" * len(header))
    for n, figures in enumerate(rounds, 1):
        for name in urls:
            for mode in ("cold", "miss", "hit"):
                samples = figures[name][mode]
                ttfb = statistics.median(s[0] for s in samples)
                total_ms = statistics.median(s[1] for s in samples)
                size, status = samples[-1][2], samples[-1][3]
                print(
                    f"{n:<5} {name:<7} {mode:<5} {ttfb:>8.0f} {total_ms:>9.0f} "
                    f"{size:>10,} {status:>6}  <= {BUDGET_MS[mode]:,} ms"
                )
        print(f"      at the round's start: {figures['load']}")
    print()
    print(f"miss and hit: median of {REPEATS}; cold: one request. " + _load())
    for name, path in urls.items():
        print(f"  {name}: {path}")


if __name__ == "__main__":
    sys.exit(main())
