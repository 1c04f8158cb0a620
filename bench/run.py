"""Masthead's budgets (design.md §8), measured against a generated archive.

    .venv/bin/python bench/run.py                 # 100,000 articles in var/bench
    .venv/bin/python bench/run.py --small         # 2,000 articles, 5 s runs
    .venv/bin/python bench/run.py --articles 20000 --var-dir var/bench-20k

Makes the archive when it is missing (migrate + `masthead generate-archive`),
starts the real server (`masthead serve --no-worker --workers 2`), runs Debian's
wrk (32 connections, 2 threads) against an article, the home page and a section,
warm (page-cache hit) and as a miss (a `sessionid` cookie sends the request past
the cache layer to a full Django render), then prints a table with the floors
beside the figures. Queries per render and search timing are taken in-process
with Django's test Client. Figures only: nothing here asserts on time.
"""

import argparse
import os
import platform
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

MISS_HEADERS = {"Cookie": "sessionid=bench-miss"}
FLOORS = {
    "article miss rps": 200,
    "article queries": 12,
    "hit rps": 10_000,
    "search p95 ms": 100,
    "article bytes": 80 * 1024,
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--small", action="store_true", help="2,000 articles, 5 s runs")
    parser.add_argument("--seconds", type=int, default=None, help="per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--var-dir", default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--search-limit", type=float, default=30.0, help="seconds per search query"
    )
    parser.add_argument("--no-wrk", action="store_true", help="in-process figures only")
    parser.add_argument(
        "--show-queries", action="store_true", help="print the article's SQL"
    )
    args = parser.parse_args(argv)
    if args.small:
        args.articles = min(args.articles, 2_000)
    seconds = args.seconds or (5 if args.small else 10)
    var_dir = Path(
        args.var_dir or (ROOT / "var" / ("bench-small" if args.small else "bench"))
    ).resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ["MASTHEAD_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")
    os.environ.pop("MASTHEAD_DEBUG", None)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from masthead.newsroom.models import ArticlePage

    print(f"Masthead bench: data in {var_dir} ({connection.vendor})", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    have = ArticlePage.objects.count()
    generate_seconds = None
    if have < args.articles:
        missing = args.articles - have
        print(f"Generating {missing:,} articles (have {have:,}) ...", flush=True)
        started = time.monotonic()
        call_command("generate_archive", articles=missing, seed=args.seed + have)
        generate_seconds = time.monotonic() - started
    else:
        print(f"Reusing the archive: {have:,} articles.")
    call_command("collectstatic", interactive=False, verbosity=0)
    total = ArticlePage.objects.published().count()

    urls = _pick_urls()
    import inprocess

    renders = {name: inprocess.render_figures(url) for name, url in urls.items()}
    print("Timing search in-process ...", flush=True)
    search = inprocess.search_figures(limit_s=args.search_limit)
    if args.show_queries:
        for i, sql in enumerate(inprocess.queries_of(urls["article"]), 1):
            print(f"  {i:2}. {sql[:300]}")

    web = {}
    if not args.no_wrk:
        connection.close()
        web = _serve_and_measure(args, urls, seconds)

    _print_report(args, total, generate_seconds, urls, renders, search, web, seconds)
    return 0


def _pick_urls() -> dict[str, str]:
    from masthead.newsroom.models import ArticlePage

    # An article from the middle of the archive's newest day: a typical read.
    article = ArticlePage.objects.published()[10]
    return {
        "article": article.url,
        "home": "/",
        "section": article.get_parent().url,
        "search": "/search/?q=ceasefire+talks",
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.status, response.headers, response.read()


def _serve_and_measure(args, urls, seconds) -> dict:
    import wrk

    port = args.port or _free_port()
    base = f"http://127.0.0.1:{port}"
    with socket.socket() as probe:
        # granian listens with SO_REUSEPORT: a second server on a busy port
        # starts without error and the kernel splits connections between them.
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"Port {port} is already served by another process.")
    command = [
        str(ROOT / ".venv" / "bin" / "masthead"),
        "serve",
        "--no-worker",
        "--port",
        str(port),
        "--workers",
        str(args.workers),
    ]
    if not Path(command[0]).exists():
        command[0:1] = [sys.executable, "-m", "masthead.cli"]
    log = open(Path(os.environ["MASTHEAD_VAR_DIR"]) / "bench-server.log", "w")
    server = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    results = {}
    try:
        _wait_until_up(base, server)
        plan = [
            ("article", "miss", MISS_HEADERS),
            ("article", "hit", None),
            ("home", "miss", MISS_HEADERS),
            ("home", "hit", None),
            ("section", "miss", MISS_HEADERS),
            ("section", "hit", None),
            ("search", "miss", None),  # /search is never cached
        ]
        for name, mode, headers in plan:
            url = base + urls[name]
            # Warm up: fills the page cache for hits, the worker caches for misses.
            for _ in range(3):
                status, response_headers, body = _get(url, headers)
            state = response_headers.get("X-Cache", "-")  # any case
            if mode == "hit" and state != "HIT":
                print(f"  warning: {urls[name]} answered X-Cache={state}, not HIT")
            print(
                f"  wrk {name} {mode} {urls[name]} (load average "
                f"{os.getloadavg()[0]:.1f}) ...",
                flush=True,
            )
            result = wrk.run(
                url,
                seconds=seconds,
                connections=args.connections,
                threads=args.threads,
                headers=headers,
            )
            results[(name, mode)] = (result, len(body), state)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
    return results


def _wait_until_up(base: str, server: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("The server stopped; see bench-server.log in the var dir.")
        try:
            if _get(base + "/")[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("The server did not answer within 90 s.")


def _fmt(value, pattern="{:,.0f}") -> str:
    return "-" if value is None else pattern.format(value)


def _print_report(args, total, generate_seconds, urls, renders, search, web, seconds):
    print()
    print("Masthead bench (design.md §8)")
    print(
        f"  archive: {total:,} published articles; "
        + (
            f"generated in {generate_seconds:.0f} s"
            if generate_seconds is not None
            else "reused"
        )
    )
    print(
        f"  machine: {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"server: granian, {args.workers} workers; wrk -t{args.threads} "
        f"-c{args.connections} -d{seconds}s on loopback"
    )
    print(
        "  load average now (1/5/15 min): "
        + " / ".join(f"{x:.1f}" for x in os.getloadavg())
        + "  (other processes on these cores lower every figure)"
    )
    print(f"  article: {urls['article']}")
    print()
    header = (
        f"{'page':<8} {'mode':<5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'errors':>6} {'queries':>8} {'bytes':>8}  floor"
    )
    print(header)
    print("-" * len(header))
    for name in ("article", "home", "section", "search"):
        render = renders[name]
        for mode in ("miss", "hit"):
            if web and (name, mode) not in web:
                continue
            if not web and mode == "hit":
                continue
            result, size, _state = web.get((name, mode), (None, render.bytes, None))
            queries = render.queries if mode == "miss" else 0
            floor = _floor(name, mode)
            print(
                f"{name:<8} {mode:<5} "
                f"{_fmt(result and result.requests_per_second):>8} "
                f"{_fmt(result and result.p50_ms, '{:.1f}'):>8} "
                f"{_fmt(result and result.p99_ms, '{:.1f}'):>8} "
                f"{_fmt(result and result.errors):>6} "
                f"{queries:>8} {size:>8,}  {floor}"
            )
    print()
    print(
        "queries per render (steady state; cold first render in brackets): "
        + ", ".join(f"{n} {r.queries} ({r.cold_queries})" for n, r in renders.items())
    )
    print(
        f"search, in-process, {search.count} queries on the archive: "
        f"p50 {search.p50_ms:.1f} ms, p95 {search.p95_ms:.1f} ms, max "
        f"{search.max_ms:.1f} ms, {search.mean_queries:.1f} SQL queries each, "
        f"{search.empty} with no hits, {search.timed_out} stopped at the "
        f"{search.limit_s:.0f} s limit   floor p95 <= {FLOORS['search p95 ms']} ms"
    )
    print("  slowest: " + ", ".join(f"{q!r} {t:.0f} ms" for t, q in search.slowest))
    print()
    print("Floors (design.md §8): article miss >= 200 req/s; <= 12 queries per")
    print("article; article and home hit >= 10,000 req/s; search p95 <= 100 ms;")
    print("article page without images <= 80 KB. Figures only, never asserted.")


def _floor(name: str, mode: str) -> str:
    if name == "article" and mode == "miss":
        return ">= 200 req/s, <= 12 queries, <= 80 KB"
    if name in ("article", "home") and mode == "hit":
        return ">= 10,000 req/s"
    if name == "search":
        return "p95 <= 100 ms (in-process, below)"
    return ""


if __name__ == "__main__":
    sys.exit(main())
