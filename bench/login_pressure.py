"""Cached home page latency while four loops sign in (issue 8, point 5).

Builds a throw-away SQLite newsroom, serves it with `masthead serve` (real
PBKDF2 password hashing, dev settings) once per --threads value, and prints the
p50/p99 of the cached home page alone and under four concurrent login loops.
Only 127.0.0.1 is touched; every loop stops after --seconds.

    .venv/bin/python bench/login_pressure.py [--seconds 10] [--threads 1 8]
"""

import argparse
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MASTHEAD = Path(sys.executable).with_name("masthead")
SETUP = (
    "from masthead.demo.sitetree import build_site_tree; build_site_tree(); "
    "from django.contrib.auth import get_user_model; "
    "get_user_model().objects.create_superuser('bench', 'b@example.com', 'bench-pass-1')"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed_get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
    return (time.perf_counter() - start) * 1000


def login_loop(base: str, stop: threading.Event, counts: list[int]) -> None:
    while not stop.is_set():
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(base + "/admin/login/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1),
                "username": "bench",
                "password": "bench-pass-1",
            }
        ).encode()
        request = urllib.request.Request(
            base + "/admin/login/", data=data, headers={"Referer": base + "/"}
        )
        opener.open(request, timeout=30).read()
        counts.append(1)


def measure(base: str, seconds: float, loops: int) -> tuple[list[float], int]:
    stop = threading.Event()
    counts: list[int] = []
    threads = [
        threading.Thread(target=login_loop, args=(base, stop, counts), daemon=True)
        for _ in range(loops)
    ]
    for t in threads:
        t.start()
    latencies = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        latencies.append(timed_get(base + "/"))
    stop.set()
    for t in threads:
        t.join(timeout=60)
    return latencies, len(counts)


def describe(latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"p50 {statistics.median(ordered):8.1f} ms  p99 {p99:8.1f} ms  n={len(ordered)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 8])
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="masthead-bench-login-"))
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="masthead.settings.dev", MASTHEAD_VAR_DIR=str(var_dir)
    )
    # The bench signs in thousands of times from one address: no lock-out here.
    env["MASTHEAD_LOGIN_FAILURE_LIMIT"] = "1000000"
    try:
        for step in (["migrate", "--no-input", "-v0"], ["shell", "-c", SETUP]):
            subprocess.run([str(MASTHEAD), *step], env=env, cwd=ROOT, check=True)
        for threads in args.threads:
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            log = (var_dir / f"serve-{threads}.log").open("w")
            server = subprocess.Popen(
                [
                    str(MASTHEAD),
                    "serve",
                    "--port",
                    str(port),
                    "--workers",
                    "2",
                    "--threads",
                    str(threads),
                    "--no-worker",
                ],
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                deadline = time.monotonic() + 90
                while True:
                    try:
                        timed_get(base + "/")
                        break
                    except OSError:
                        if time.monotonic() > deadline or server.poll() is not None:
                            raise SystemExit("masthead serve did not start") from None
                        time.sleep(0.2)
                for _ in range(20):
                    timed_get(base + "/")  # cached from here on
                alone, _ = measure(base, args.seconds, 0)
                busy, logins = measure(base, args.seconds, 4)
                print(
                    f"--threads {threads}: cached home alone        {describe(alone)}"
                )
                print(
                    f"--threads {threads}: with 4 login loops      {describe(busy)}"
                    f"  ({logins} logins)"
                )
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
                log.close()
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
