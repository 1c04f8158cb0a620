"""A page-cache hit beside nginx serving the same bytes (issue 13, points 1 and 6).

    .venv/bin/python bench/hit.py                      # 2,000 articles, wrk 15 s, twice
    .venv/bin/python bench/hit.py --seconds 5 --runs 1 --quiet-wait 0

Makes (or reuses) an archive in var/bench-hit, starts Masthead once
(`masthead serve --no-worker --workers 2`) to save a copy of an article page,
then, one server at a time and each run twice, measures with wrk:

1. Debian's nginx (/usr/sbin/nginx) serving that copy as a static file;
2. Masthead answering the article from its page cache (a hit);
3. granian alone (as `masthead serve` runs it) answering the same bytes and
   headers from memory: the floor of the server itself;
4. the shipped deploy/nginx.conf (micro-cache, stale on error) in front of
   Masthead, its ports and paths swapped for the bench's.

nginx runs as a non-daemon child with its own configuration in a temp dir
(Debian's http defaults: sendfile, tcp_nopush, an access log), on 127.0.0.1
only. Before each measurement the bench waits for the 1-minute load average
to fall below --quiet-below (up to --quiet-wait seconds) and says if it did
not. Figures only: nothing here asserts on speed.
"""

import argparse
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import wrk  # noqa: E402 - bench/wrk.py, beside this file

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SHIPPED = ROOT / "deploy" / "nginx.conf"
STATIC_NAME = "article.html"

# Debian's /etc/nginx/nginx.conf http defaults, with every path in `dir`.
MAIN = """daemon off;
worker_processes auto;
{user}
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 768; }}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {dir}/access.log;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
    include {dir}/site.conf;
}}
"""

STATIC_SITE = """server {{
    listen 127.0.0.1:{port};
    root {root};
}}
"""


def render_shipped(shipped: str, *, upstream: str, port: int, cache, var) -> str:
    """deploy/nginx.conf with its upstream, port and paths swapped for ours.
    Each value must be where the shipped file has it, so a change to the file
    stops the bench rather than measuring some other config."""
    swaps = {
        "server 127.0.0.1:8000;": f"server {upstream};",
        "listen 80;": f"listen 127.0.0.1:{port};",
        "/var/cache/nginx/masthead": str(cache),
        "/srv/masthead/var": str(var),
    }
    for old, new in swaps.items():
        if old not in shipped:
            raise SystemExit(f"deploy/nginx.conf no longer has {old!r}")
        shipped = shipped.replace(old, new)
    return shipped


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 60):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until(condition, what: str, process, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what}: the process exited ({process.returncode})")
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{what}: not within {seconds:.0f} s")


def stop(process: subprocess.Popen, sig=signal.SIGTERM, group=False) -> None:
    if process.poll() is None:
        if group:
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        if group:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.wait()


# The archive -----------------------------------------------------------------
def prepare(args, var_dir: Path) -> str:
    """Migrate and generate the archive if needed; the article's URL."""
    os.environ["MASTHEAD_VAR_DIR"] = str(var_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "masthead.settings.dev"
    os.environ.pop("MASTHEAD_DEBUG", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from masthead.newsroom.models import ArticlePage

    call_command("migrate", interactive=False, verbosity=0)
    have = ArticlePage.objects.count()
    if have < args.articles:
        print(f"Generating {args.articles - have:,} articles ...", flush=True)
        call_command("generate_archive", articles=args.articles - have, seed=1 + have)
    # The same pick as bench/run.py: an article from the newest day.
    url = ArticlePage.objects.published()[10].url
    connection.close()
    return url


# The servers -----------------------------------------------------------------
class Masthead:
    def __init__(self, var_dir: Path, workers: int, log_dir: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [str(ROOT / ".venv" / "bin" / "masthead"), "serve", "--no-worker"]
        command += ["--port", str(self.port), "--workers", str(workers)]
        env = {**os.environ, "MASTHEAD_VAR_DIR": str(var_dir)}
        self.log = open(log_dir / "masthead.log", "a")
        self.process = subprocess.Popen(
            command,
            env=env,
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # granian's workers stop with it
        )
        wait_until(
            lambda: get(self.base + "/robots.txt", 10)[0] == 200,
            "masthead serve",
            self.process,
        )

    def stop(self) -> None:
        stop(self.process, group=True)
        self.log.close()


# The server's own floor: granian, run as `masthead serve` runs it, answering
# the same bytes and headers from memory without Masthead's code.
BARE_APP = """BODY = open({body!r}, "rb").read()
HEADERS = {headers!r}


def application(environ, start_response):
    start_response("200 OK", list(HEADERS))
    return [BODY]
"""


class BareGranian:
    def __init__(self, work: Path, workers: int):
        from masthead.core.management.commands.serve import DEFAULT_THREADS

        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        threads = os.environ.get("WEB_THREADS", DEFAULT_THREADS)
        command = [sys.executable, "-m", "granian", "--interface", "wsgi"]
        command += ["--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--workers", str(workers), "--blocking-threads", threads]
        command += ["--no-ws", "bare_app:application"]
        self.process = subprocess.Popen(
            command,
            cwd=work,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_until(lambda: get(self.base + "/", 10)[0] == 200, "granian", self.process)

    def stop(self) -> None:
        stop(self.process, group=True)


class Nginx:
    def __init__(self, directory: Path, site: str, port: int):
        self.base = f"http://127.0.0.1:{port}"
        (directory / "tmp").mkdir(parents=True, exist_ok=True)
        (directory / "site.conf").write_text(site)
        user = "user nobody nogroup;" if os.geteuid() == 0 else ""
        (directory / "nginx.conf").write_text(MAIN.format(dir=directory, user=user))
        command = [NGINX, "-p", str(directory), "-c", str(directory / "nginx.conf")]
        command += ["-e", str(directory / "error.log")]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True)
        if check.returncode != 0:
            raise SystemExit(f"nginx -t failed:\n{check.stderr}")
        self.process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        wait_until(lambda: get(self.base + "/", 10)[0] < 500, "nginx", self.process)

    def stop(self) -> None:
        stop(self.process, signal.SIGQUIT)  # graceful: workers finish, then exit


# Measuring -------------------------------------------------------------------
_TICK = os.sysconf("SC_CLK_TCK")


def _tree(pids) -> set[int]:
    """These processes and all their descendants, from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found = set(pids)
    grew = True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in found} - found
        found |= more
        grew = bool(more)
    return found


def cpu_seconds(pids) -> float:
    """User + system CPU of these process trees so far, in seconds."""
    total = 0
    for pid in _tree(pids):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / _TICK


def wait_for_quiet(below: float, seconds: float) -> tuple[bool, float]:
    deadline = time.monotonic() + seconds
    while True:
        load = os.getloadavg()[0]
        if load < below:
            return True, load
        if time.monotonic() >= deadline:
            return False, load
        time.sleep(5)


def measure(label: str, url: str, args, servers) -> dict:
    """wrk against `url`; also the CPU the `servers` (process trees) spent per
    request, a figure other work on the machine disturbs far less than req/s."""
    quiet, _ = wait_for_quiet(args.quiet_below, args.quiet_wait)
    before = os.getloadavg()
    note = "" if quiet else f"  (load never fell below {args.quiet_below})"
    print(f"  {label}: load {_loads(before)}{note} ...", flush=True)
    pids = [server.process.pid for server in servers]
    cpu = cpu_seconds(pids)
    result = wrk.run(
        url, seconds=args.seconds, connections=args.connections, threads=args.threads
    )
    cpu_us = (cpu_seconds(pids) - cpu) / max(result.requests, 1) * 1e6
    after = os.getloadavg()
    print(
        f"    {result.requests_per_second:,.0f} req/s, p50 {result.p50_ms:.2f} ms, "
        f"p99 {result.p99_ms:.2f} ms, {result.errors} errors, "
        f"server CPU {cpu_us:.1f} µs/request; "
        f"load after {_loads(after)}",
        flush=True,
    )
    return {
        "result": result,
        "cpu_us": cpu_us,
        "before": before,
        "after": after,
        "quiet": quiet,
    }


def _loads(values) -> str:
    return " / ".join(f"{x:.2f}" for x in values)


def header_of(url: str, name: str, tries: int = 5) -> str | None:
    value = None
    for _ in range(tries):
        _, headers, _ = get(url)
        value = headers.get(name)
    return value


def run_once(n: int, args, var_dir: Path, work: Path, article: str) -> dict:
    figures = {}
    print(f"Run {n}", flush=True)

    bare = BareGranian(work, args.workers)
    try:
        figures["bare"] = measure(
            "granian alone, same bytes and headers", bare.base + "/", args, [bare]
        )
    finally:
        bare.stop()

    port = free_port()
    static = Nginx(work / f"static-{n}", STATIC_SITE.format(port=port, root=work), port)
    try:
        figures["nginx"] = measure(
            "nginx, static file", f"{static.base}/{STATIC_NAME}", args, [static]
        )
    finally:
        static.stop()

    app = Masthead(var_dir, args.workers, work)
    try:
        state = header_of(app.base + article, "X-Cache")
        if state != "HIT":
            print(f"    warning: Masthead answered X-Cache={state}, not HIT")
        figures["masthead"] = measure(
            "Masthead, page-cache hit", app.base + article, args, [app]
        )

        directory = work / f"shipped-{n}"
        directory.mkdir()
        directory.chmod(0o755)  # nginx's workers (nobody) keep their cache here
        port = free_port()
        site = render_shipped(
            SHIPPED.read_text(),
            upstream=app.base.removeprefix("http://"),
            port=port,
            cache=directory / "cache",
            var=var_dir,
        )
        proxy = Nginx(directory, site, port)
        try:
            state = header_of(proxy.base + article, "X-Cache-Status")
            if state != "HIT":
                print(f"    warning: nginx answered X-Cache-Status={state}, not HIT")
            figures["shipped"] = measure(
                "deploy/nginx.conf in front of Masthead",
                proxy.base + article,
                args,
                [proxy, app],
            )
        finally:
            proxy.stop()
    finally:
        app.stop()
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "bench-hit"))
    parser.add_argument("--seconds", type=int, default=15, help="per wrk run")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--quiet-below", type=float, default=1.2)
    parser.add_argument(
        "--quiet-wait", type=float, default=180, help="seconds to wait, per figure"
    )
    args = parser.parse_args(argv)
    if not Path(NGINX).exists():
        raise SystemExit("nginx is missing: apt-get install nginx (make bench)")
    var_dir = Path(args.var_dir).resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    started_load = os.getloadavg()
    article = prepare(args, var_dir)

    work = Path(tempfile.mkdtemp(prefix="masthead-hit-"))
    work.chmod(0o755)  # nginx's workers run as nobody when we are root
    try:
        # One start of Masthead to save the page nginx will serve as a file.
        app = Masthead(var_dir, args.workers, work)
        try:
            for _ in range(3):
                status, headers, body = get(app.base + article)
            if status != 200:
                raise SystemExit(f"{article} answered {status}")
        finally:
            app.stop()
        (work / STATIC_NAME).write_bytes(body)
        (work / STATIC_NAME).chmod(0o644)
        sent = [
            (name, value)
            for name, value in headers.items()
            if name.lower() not in ("date", "server")  # granian adds its own
        ]
        (work / "bare_app.py").write_text(
            BARE_APP.format(body=str(work / STATIC_NAME), headers=sent)
        )
        print(f"Article {article}: {len(body):,} bytes saved for nginx", flush=True)

        runs = [run_once(n, args, var_dir, work, article) for n in (1, 2)[: args.runs]]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(args, article, len(body), runs, started_load)
    return 0


def _version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except OSError:
        return "?"
    return (done.stdout + done.stderr).strip().splitlines()[0]


def report(args, article, size, runs, started_load) -> None:
    import django
    import granian

    commit = _version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "diff", "--name-only", "HEAD", "--", "masthead"]
        + ["deploy"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    print()
    print("Cache hit beside nginx (issue 13, points 1 and 6)")
    print(
        f"  commit {commit}"
        + (f" + {len(dirty)} uncommitted files in masthead/, deploy/" if dirty else "")
        + "; "
        f"{os.cpu_count()} CPUs, {platform.platform()}"
    )
    print(
        f"  Python {platform.python_version()}, Django {django.__version__}, "
        f"granian {granian.__version__} ({args.workers} workers), "
        f"{_version([NGINX, '-v'])}, {_version(['wrk', '-v'])}"
    )
    print(
        f"  wrk -t{args.threads} -c{args.connections} -d{args.seconds}s on "
        f"loopback; article {article} ({size:,} bytes)"
    )
    print(f"  load average at start: {_loads(started_load)}")
    quiet = all(f["quiet"] for run in runs for f in run.values())
    print(
        f"  quiet machine (1-min load < {args.quiet_below}) before every figure: "
        + ("yes" if quiet else "NO: other processes shared the cores")
    )
    print()
    rows = [
        ("nginx, static file", "nginx", ""),
        ("granian alone, same bytes", "bare", "the server's own floor"),
        ("Masthead, page-cache hit", "masthead", "floor 70%, goal 80%"),
        ("deploy/nginx.conf + Masthead", "shipped", "floor 85%, goal 90%"),
    ]
    head = f"{'server':<30}" + "".join(
        f"{f'run {n} req/s':>14}{'of nginx':>10}" for n in range(1, len(runs) + 1)
    )
    print(head + "   load before -> after (1 min)")
    print("-" * (len(head) + 32))
    for label, name, floor in rows:
        line = f"{label:<30}"
        loads = []
        for run in runs:
            rps = run[name]["result"].requests_per_second
            share = rps / run["nginx"]["result"].requests_per_second
            line += f"{rps:>14,.0f}{share:>10.0%}"
            loads.append(f"{run[name]['before'][0]:.2f}->{run[name]['after'][0]:.2f}")
        print(f"{line}   {', '.join(loads)}  {floor}")
    print()
    print(
        "Server CPU per request (user + system of its processes; wrk's own not "
        "counted), and nginx's static figure as a share of it:"
    )
    for label, name, _floor in rows:
        line = f"{label:<30}"
        for run in runs:
            cpu = run[name]["cpu_us"]
            line += f"{cpu:>11.1f} µs{run['nginx']['cpu_us'] / cpu:>10.0%}"
        print(line)
    print()
    print(f"  load average at end: {_loads(os.getloadavg())}")
    print("  Figures only; the ratio is to the same run's nginx static figure.")


if __name__ == "__main__":
    sys.exit(main())
