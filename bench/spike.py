"""A 50x spike on the cached home page and an article (issue 8, the drills).

    .venv/bin/python bench/spike.py                  # 2,500 req/s for 60 s, twice
    .venv/bin/python bench/spike.py --seconds 10     # the short version
    .venv/bin/python bench/spike.py --var-dir /tmp/x # reuse a demo newsroom

Builds a demo newsroom in a temp var dir (migrate + `masthead demo`), starts
`masthead serve --no-worker` on 127.0.0.1, warms both pages into the page
cache, waits for the load average to fall below 1.2 (or says it did not), then
runs each round twice: 50 req/s for 10 s (the ordinary traffic), then 2,500
req/s for 60 s, half on the home page, half on the article.

The client is open-loop at a fixed rate, like wrk2 (which Debian lacks; its
wrk is closed-loop and under-reports latency when the server stalls): request
i is due at t0 + i/rate and its latency counts from then, so time spent
waiting for a free connection is charged to the server. It runs in this one
process on the same machine, so its own lag is charged too: the "lag" column
shows how late the client was in sending. Goal: 0 errors, p99 <= 100 ms.
Figures only: nothing here asserts on time.
"""

import argparse
import asyncio
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from email.message import Message
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MASTHEAD = Path(sys.executable).with_name("masthead")
QUIET_LOAD = 1.2
BASELINE_RATE, BASELINE_SECONDS = 50, 10
GOAL_P99_MS = 100

LATEST_ARTICLE = """
from masthead.newsroom.models import ArticlePage
page = ArticlePage.objects.live().public().order_by("-first_published_at").first()
print("ARTICLE " + page.url)
"""

_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:\s*(\d+)", re.I)
_CHUNKED = re.compile(rb"\r\ntransfer-encoding:[^\r]*chunked", re.I)


def _response_end(buffer: bytearray) -> tuple[int, int] | None:
    """(status, bytes used) once `buffer` holds a whole response, else None."""
    head_end = buffer.find(b"\r\n\r\n")
    if head_end < 0:
        return None
    head = bytes(buffer[:head_end])
    status = int(head[9:12])
    body_start = head_end + 4
    if length := _CONTENT_LENGTH.search(head):
        end = body_start + int(length.group(1))
        return (status, end) if len(buffer) >= end else None
    if _CHUNKED.search(head):
        at = body_start
        while True:
            line_end = buffer.find(b"\r\n", at)
            if line_end < 0:
                return None
            size = int(bytes(buffer[at:line_end]).split(b";")[0], 16)
            at = line_end + 2 + size + 2
            if len(buffer) < at:
                return None
            if size == 0:
                return status, at
    return status, body_start  # 204/304: no body


class _Connection(asyncio.Protocol):
    """One keep-alive HTTP/1.1 connection, one request at a time."""

    def __init__(self):
        self.transport = None
        self.buffer = bytearray()
        self.waiter: asyncio.Future | None = None
        self.closed = False

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.buffer += data
        if self.waiter is not None and not self.waiter.done():
            done = _response_end(self.buffer)
            if done is not None:
                del self.buffer[: done[1]]
                self.waiter.set_result(done[0])

    def connection_lost(self, exc):
        self.closed = True
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(ConnectionError("connection closed"))

    async def send(self, raw: bytes) -> int:
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(raw)
        return await self.waiter


@dataclass
class Figures:
    latencies: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)

    def percentile(self, q: float) -> float | None:
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


@dataclass
class Run:
    name: str
    rate: int
    seconds: float
    by_path: dict[str, Figures]
    elapsed: float = 0.0
    lag_ms: float = 0.0  # how late the client sent its most overdue request
    load_before: float = 0.0


async def fixed_rate(
    host: str,
    port: int,
    paths: list[str],
    rate: int,
    seconds: float,
    connections: int,
    timeout: float = 10.0,
) -> tuple[dict[str, Figures], float, float]:
    loop = asyncio.get_running_loop()
    raw = {
        path: (
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "User-Agent: masthead-spike\r\nAccept: text/html\r\n"
            "Accept-Encoding: gzip\r\n\r\n"
        ).encode()
        for path in paths
    }
    figures = {path: Figures() for path in paths}
    queue: asyncio.Queue = asyncio.Queue()
    total = int(rate * seconds)
    lag = 0.0

    async def worker():
        connection = None
        while (item := await queue.get()) is not None:
            due, path = item
            try:
                if connection is None or connection.closed:
                    _, connection = await asyncio.wait_for(
                        loop.create_connection(_Connection, host, port), timeout
                    )
                status = await asyncio.wait_for(connection.send(raw[path]), timeout)
            except (OSError, TimeoutError) as error:
                figures[path].errors[type(error).__name__] += 1
                if connection is not None and connection.transport is not None:
                    connection.transport.abort()
                connection = None
                continue
            figures[path].latencies.append(loop.time() - due)
            if status != 200:
                figures[path].errors[f"HTTP {status}"] += 1
        if connection is not None and connection.transport is not None:
            connection.transport.close()

    workers = [asyncio.create_task(worker()) for _ in range(connections)]
    start = loop.time() + 0.05
    sent = 0
    while sent < total:
        now = loop.time()
        due_now = min(total, int((now - start) * rate) + 1)
        while sent < due_now:
            due = start + sent / rate
            lag = max(lag, now - due)
            queue.put_nowait((due, paths[sent % len(paths)]))
            sent += 1
        await asyncio.sleep(0.001)
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    return figures, loop.time() - start, lag


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(var_dir: Path) -> dict[str, str]:
    env = {**os.environ}
    for name in (
        "DATABASE_URL",
        "REDIS_URL",
        "MASTHEAD_STATIC_ROOT",
        "MASTHEAD_MEDIA_ROOT",
        "MASTHEAD_DEBUG",
    ):
        env.pop(name, None)
    env["DJANGO_SETTINGS_MODULE"] = "masthead.settings.dev"
    env["MASTHEAD_VAR_DIR"] = str(var_dir)
    return env


def _masthead(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(MASTHEAD), *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"masthead {args[0]} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _get(url: str) -> tuple[int, Message]:
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        return response.status, response.headers  # names in any case


def _wait_until_up(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"`masthead serve` stopped; see {log}")
        try:
            if _get(base + "/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"`masthead serve` did not answer within 120 s; see {log}")


def _wait_for_quiet(limit: float) -> str:
    deadline = time.monotonic() + limit
    while True:
        load = os.getloadavg()[0]
        if load < QUIET_LOAD:
            return f"load average {load:.2f} < {QUIET_LOAD} at start"
        if time.monotonic() > deadline:
            return (
                f"load average {load:.2f} was still >= {QUIET_LOAD} after waiting "
                f"{limit:.0f} s: started anyway (shared machine; figures are pessimistic)"
            )
        time.sleep(5)


def _versions() -> str:
    def version(name):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    commit = (
        subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        or "?"
    )
    return (
        f"commit {commit}; Python {platform.python_version()}, "
        f"Django {version('django')}, Wagtail {version('wagtail')}, "
        f"granian {version('granian')}; {os.cpu_count()} CPUs, {platform.machine()}"
    )


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}"


def _print_table(runs: list[Run], names: dict[str, str], notes: list[str]) -> None:
    print()
    print("Masthead spike: open-loop fixed rate, latency from each request's due time")
    for note in notes:
        print(f"  {note}")
    header = (
        f"{'run':<16}{'page':<9}{'target/s':>9}{'got/s':>8}{'requests':>10}"
        f"{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'lag ms':>8}{'load':>6}"
    )
    print(header)
    print("-" * len(header))
    for run in runs:
        merged = Figures()
        for figures in run.by_path.values():
            merged.latencies += figures.latencies
            merged.errors += figures.errors
        rows = [(names[p], f) for p, f in run.by_path.items()] + [("both", merged)]
        for page, figures in rows:
            share = run.rate / len(run.by_path) if page != "both" else run.rate
            got = len(figures.latencies) / run.elapsed if run.elapsed else 0
            maximum = max(figures.latencies) * 1000 if figures.latencies else None
            print(
                f"{run.name:<16}{page:<9}{share:>9,.0f}{got:>8,.0f}"
                f"{len(figures.latencies):>10,}{sum(figures.errors.values()):>8,}"
                f"{_ms(figures.percentile(0.5)):>9}{_ms(figures.percentile(0.99)):>9}"
                f"{_ms(maximum):>9}{run.lag_ms:>8,.1f}{run.load_before:>6.2f}"
            )
            if figures.errors and page == "both":
                kinds = ", ".join(f"{k}: {n}" for k, n in figures.errors.most_common())
                print(f"{'':<16}errors: {kinds}")
    spikes = [r for r in runs if r.rate > BASELINE_RATE]
    verdicts = []
    for run in spikes:
        merged = Figures([x for f in run.by_path.values() for x in f.latencies])
        errors = sum(sum(f.errors.values()) for f in run.by_path.values())
        p99 = merged.percentile(0.99)
        ok = errors == 0 and p99 is not None and p99 <= GOAL_P99_MS
        verdicts.append(f"{run.name}: {'met' if ok else 'MISSED'}")
    print(f"goal (0 errors, p99 <= {GOAL_P99_MS} ms): " + "; ".join(verdicts))
    print(f"load average after: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=int, default=2_500, help="spike req/s")
    parser.add_argument("--seconds", type=float, default=60, help="spike length")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2, help="granian workers")
    parser.add_argument("--var-dir", default=None, help="reuse this demo newsroom")
    parser.add_argument(
        "--wait-load", type=float, default=180, help="seconds to wait for quiet"
    )
    args = parser.parse_args(argv)

    temporary = args.var_dir is None
    var_dir = Path(args.var_dir or tempfile.mkdtemp(prefix="masthead-spike-"))
    var_dir.mkdir(parents=True, exist_ok=True)
    env = _env(var_dir.resolve())
    server = None
    try:
        if not (var_dir / "masthead.sqlite3").exists():
            print(
                f"Demo newsroom in {var_dir}: migrate + masthead demo ...", flush=True
            )
            _masthead(env, "migrate", "--no-input", "-v0")
            _masthead(env, "demo")
        article = next(
            line.removeprefix("ARTICLE ")
            for line in _masthead(env, "shell", "-c", LATEST_ARTICLE).splitlines()
            if line.startswith("ARTICLE ")
        )
        names = {"/": "home", article: "article"}
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        log = var_dir / "spike-server.log"
        with log.open("w") as out:
            server = subprocess.Popen(
                [
                    str(MASTHEAD),
                    "serve",
                    "--no-worker",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--workers",
                    str(args.workers),
                ],
                env=env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _wait_until_up(base, server, log)
        notes = [
            _versions(),
            f"server: masthead serve --workers {args.workers} "
            f"--no-worker; client: {args.connections} connections, one process",
            "lag: how late the client sent its most overdue request (a starved "
            "client's lag is in its latencies too)",
        ]
        for path in names:
            states = [_get(base + path)[1].get("X-Cache", "-") for _ in range(3)]
            notes.append(f"{names[path]} {path}: X-Cache {' '.join(states)}")
        print("Waiting for a quiet machine ...", flush=True)
        notes.append(_wait_for_quiet(args.wait_load))
        plan = [
            (f"{BASELINE_RATE}/s", BASELINE_RATE, BASELINE_SECONDS),
            (f"spike {args.rate}/s", args.rate, args.seconds),
        ]
        runs = []
        for round_ in range(1, args.rounds + 1):
            for label, rate, seconds in plan:
                load = os.getloadavg()[0]
                print(
                    f"  round {round_}: {label} for {seconds:g} s "
                    f"(load {load:.2f}) ...",
                    flush=True,
                )
                figures, elapsed, lag = asyncio.run(
                    fixed_rate(
                        "127.0.0.1", port, list(names), rate, seconds, args.connections
                    )
                )
                name = f"{round_} {label}"
                runs.append(
                    Run(name, rate, seconds, figures, elapsed, lag * 1000, load)
                )
        if server.poll() is not None:
            notes.append("`masthead serve` exited during the run!")
        _print_table(runs, names, notes)
    finally:
        if server is not None:
            try:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
            except ProcessLookupError:
                pass
        if temporary:
            shutil.rmtree(var_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
