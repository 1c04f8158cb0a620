"""The shipped nginx configuration serves stale pages while Masthead is down
(issue 13, point 6).

Debian's real nginx runs deploy/nginx.conf (ports and paths swapped for a temp
dir) in front of a real `masthead serve` of this module's own, with its own
SQLite newsroom. A page read once through nginx is still answered, from
nginx's store, after Masthead is stopped; a page nginx never stored is not.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.servers import free_port, masthead_env, stop_process_group

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MASTHEAD = Path(sys.executable).with_name("masthead")
MICRO_CACHE_SECONDS = 1  # proxy_cache_valid in deploy/nginx.conf

SETUP = """
import json
from masthead.demo.sitetree import build_site_tree
from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.models import SectionPage

build_site_tree()
world = SectionPage.objects.get(slug="world")
article = ArticleFactory(parent=world, title="Stale probe: ferry timetable changes")
print("ARTICLE " + json.dumps({"url": article.url, "title": article.title}))
"""

MAIN = """daemon off;
worker_processes 1;
{user}
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {dir}/access.log;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
    include {dir}/masthead.conf;
}}
"""


def render(shipped: str, *, upstream: str, port: int, cache: Path, var: Path) -> str:
    """deploy/nginx.conf with its upstream, port and paths swapped for the
    test's; each must be where the shipped file has it."""
    swaps = {
        "server 127.0.0.1:8000;": f"server {upstream};",
        "listen 80;": f"listen 127.0.0.1:{port};",
        "/var/cache/nginx/masthead": str(cache),
        "/srv/masthead/var": str(var),
    }
    for old, new in swaps.items():
        assert old in shipped, f"deploy/nginx.conf no longer has {old!r}"
        shipped = shipped.replace(old, new)
    return shipped


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with _opener.open(url, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for(condition, what: str, seconds: float = 90):
    deadline = time.monotonic() + seconds
    while True:
        try:
            result = condition()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconds:g} s: {what}", pytrace=False)
        time.sleep(0.2)


def _masthead(env, *args: str) -> str:
    done = subprocess.run(
        [str(MASTHEAD), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"masthead {args[0]}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def stack():
    """(nginx's base URL, the `masthead serve` process, its base URL, the article)."""
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (apt-get install nginx; make bench)")
    var_dir = Path(tempfile.mkdtemp(prefix="masthead-stale-"))
    var_dir.chmod(0o755)  # nginx's workers run as nobody when the tests are root
    env = masthead_env(var_dir)
    _masthead(env, "migrate", "--no-input", "-v0")
    output = _masthead(env, "shell", "-c", SETUP)
    line = next(x for x in output.splitlines() if x.startswith("ARTICLE "))
    article = json.loads(line.removeprefix("ARTICLE "))

    app_port, nginx_port = free_port(), free_port()
    app_base = f"http://127.0.0.1:{app_port}"
    log = (var_dir / "serve.log").open("w")
    app = subprocess.Popen(
        [str(MASTHEAD), "serve", "--no-worker", "--workers", "1"]
        + ["--port", str(app_port)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own group: the stop reaches granian too
    )
    nginx_dir = var_dir / "nginx"
    (nginx_dir / "tmp").mkdir(parents=True)
    nginx_dir.chmod(0o755)
    site = render(
        SHIPPED.read_text(),
        upstream=f"127.0.0.1:{app_port}",
        port=nginx_port,
        cache=nginx_dir / "cache",
        var=var_dir,
    )
    (nginx_dir / "masthead.conf").write_text(site)
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    (nginx_dir / "nginx.conf").write_text(MAIN.format(dir=nginx_dir, user=user))
    command = [NGINX, "-p", str(nginx_dir), "-c", str(nginx_dir / "nginx.conf")]
    command += ["-e", str(nginx_dir / "error.log")]
    nginx = None
    try:
        check = subprocess.run([*command, "-t"], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        nginx = subprocess.Popen(command, stderr=subprocess.DEVNULL)

        def up():
            if app.poll() is not None:
                pytest.fail("`masthead serve` exited", pytrace=False)
            return fetch(app_base + "/")[0] == 200

        wait_for(up, "`masthead serve` answering")
        yield f"http://127.0.0.1:{nginx_port}", app, app_base, article
    finally:
        if nginx is not None:
            nginx.send_signal(signal.SIGQUIT)
            try:
                nginx.wait(timeout=20)
            except subprocess.TimeoutExpired:
                nginx.kill()
                nginx.wait()
        stop_process_group(app)
        log.close()
        shutil.rmtree(var_dir, ignore_errors=True)


def test_nginx_serves_the_stored_page_while_masthead_is_stopped(stack):
    nginx, app, app_base, article = stack
    url = article["url"]

    def stored():
        status, headers, body = fetch(nginx + url)
        assert status == 200, status
        return body if headers.get("X-Cache-Status") == "HIT" else None

    body = wait_for(stored, f"nginx serving {url} from its store")
    assert article["title"].encode() in body

    stop_process_group(app)
    with pytest.raises(urllib.error.URLError):
        fetch(app_base + url)  # Masthead is really gone
    time.sleep(MICRO_CACHE_SECONDS + 0.5)  # nginx's copy is now expired

    status, headers, stale = fetch(nginx + url)
    assert (status, headers.get("X-Cache-Status")) == (200, "STALE")
    assert stale == body
    # A page nginx never stored has nothing to fall back on.
    assert fetch(nginx + "/news/")[0] == 502
