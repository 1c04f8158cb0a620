"""The shipped nginx micro-cache keeps a page one second, not the CDN's 5 minutes
(issue 8, point 6; docs/decisions/0006).

Runs Debian's real nginx with deploy/nginx.conf, rendered for a temp dir and
free 127.0.0.1 ports, in front of the real `masthead serve` of conftest.py.
nginx obeys an upstream's Cache-Control over `proxy_cache_valid` unless told
not to; the app's `s-maxage=300` is meant for the purged CDN, so before the fix
an unpublished article stayed in nginx's store for 5 minutes.
"""

import gzip
import json
import os
import shutil
import signal
import struct
import subprocess
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.servers import free_port

from .conftest import ROOT, Reply, _opener, wait_for

pytestmark = pytest.mark.resilience

SHIPPED = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MICRO_CACHE_SECONDS = 1

ARTICLE = """
import gzip
import json
from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.models import SectionPage

world = SectionPage.objects.get(slug="world")
article = ArticleFactory(parent=world, title="Micro-cache probe: harbour bridge closes")
print("ARTICLE " + json.dumps({"id": article.pk, "url": article.url}))
"""

UNPUBLISH = """
from wagtail.models import Page
Page.objects.get(pk={pk}).specific.unpublish()
"""

# The main config nginx needs around the shipped site file: everything it would
# write (pid, logs, temp files) goes to the test's own directory.
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
    """deploy/nginx.conf with its deployment paths and ports swapped for the test's.

    Each value must be found exactly where the shipped file has it, so a change
    to the file fails here rather than testing some other config.
    """
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


class Nginx:
    def __init__(self, base_url: str, directory: Path, process: subprocess.Popen):
        self.base_url = base_url
        self.directory = directory
        self.process = process

    def get(self, path: str) -> Reply:
        try:
            with _opener.open(self.base_url + path, timeout=10) as response:
                return Reply(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.headers, error.read())

    def stored(self, path: str) -> tuple[int, int]:
        """(stored at, valid until) in epoch seconds, from nginx's cache file.

        The file opens with nginx's ngx_http_file_cache_header_t (version 5
        since nginx 1.7.x): version, valid_sec, updating_sec, error_sec,
        last_modified, date, on a 64-bit build each 8 bytes. `date` is when the
        copy was stored, `valid_sec` when nginx stops serving it as a HIT.
        """
        key = f"\nKEY: http://masthead_app{path}\n".encode()
        for file in (self.directory / "cache").rglob("*"):
            if file.is_file():
                data = file.read_bytes()
                if key in data[:4096]:
                    version, valid, _, _, _, date = struct.unpack_from("<Qqqqqq", data)
                    assert version == 5, f"unknown nginx cache file version {version}"
                    return date, valid
        pytest.fail(f"nginx stored no copy of {path}", pytrace=False)


@pytest.fixture(scope="module")
def nginx(served):
    if not Path(NGINX).exists():
        pytest.skip(
            "nginx is not installed (apt-get install nginx; make system-packages)"
        )
    directory = Path(tempfile.mkdtemp(prefix="masthead-nginx-"))
    # Run as root, nginx's workers become `nobody` and must reach the cache dir.
    directory.chmod(0o755)
    (directory / "tmp").mkdir()
    port = free_port()
    upstream = served.base_url.removeprefix("http://")
    site = render(
        SHIPPED.read_text(),
        upstream=upstream,
        port=port,
        cache=directory / "cache",
        var=served.var_dir,
    )
    (directory / "masthead.conf").write_text(site)
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    (directory / "nginx.conf").write_text(MAIN.format(dir=directory, user=user))
    command = [NGINX, "-p", str(directory), "-c", str(directory / "nginx.conf")]
    command += ["-e", str(directory / "error.log")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    proxy = Nginx(f"http://127.0.0.1:{port}", directory, process)

    def up():
        if process.poll() is not None:
            pytest.fail(f"nginx exited: {process.stderr.read()}", pytrace=False)
        try:
            return proxy.get("/robots.txt").status < 500
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    try:
        wait_for(up, "nginx answering in front of `masthead serve`")
        yield proxy
    finally:
        process.send_signal(signal.SIGQUIT)  # graceful: workers finish, then exit
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def article(served):
    output = served.masthead("shell", "-c", ARTICLE)
    line = next(x for x in output.splitlines() if x.startswith("ARTICLE "))
    return json.loads(line.removeprefix("ARTICLE "))


def test_an_unpublished_article_leaves_nginx_once_its_copy_expires(
    served, nginx, article
):
    url = article["url"]
    assert url.startswith("/"), url

    def cached_copy():
        reply = nginx.get(url)
        assert reply.status == 200, reply.status
        return reply if reply.headers["X-Cache-Status"] == "HIT" else None

    hit = wait_for(cached_copy, f"nginx serving {url} from its cache")
    assert b"Micro-cache probe" in hit.body
    # The app's long lifetime still reaches the CDN, which Wagtail purges.
    assert "s-maxage=300" in hit.headers["Cache-Control"]
    # What nginx itself keeps: one second, not the app's s-maxage.
    stored_at, valid_until = nginx.stored(url)
    assert valid_until - stored_at <= MICRO_CACHE_SECONDS

    served.masthead("shell", "-c", UNPUBLISH.format(pk=article["id"]))

    # Up to the copy's expiry nginx may still answer 200 from its store; the
    # first answer after it goes to the app and carries the unpublish.
    seen = []

    def gone():
        reply = nginx.get(url)
        seen.append((reply.status, reply.headers["X-Cache-Status"]))
        return reply if reply.status == 404 else None

    not_found = wait_for(gone, f"nginx answering 404 for the unpublished {url}")
    assert not_found.headers["X-Cache-Status"] in ("MISS", "EXPIRED"), seen
    assert b"Micro-cache probe" not in not_found.body
    # Every 200 after the unpublish came from nginx's store, none from the app.
    assert all(s in ("HIT", "UPDATING") for code, s in seen if code == 200), seen


def test_logged_in_requests_pass_the_micro_cache(nginx):
    reply_headers = []
    request = urllib.request.Request(
        nginx.base_url + "/", headers={"Cookie": "sessionid=not-a-session"}
    )
    for _ in range(2):
        with _opener.open(request, timeout=10) as response:
            reply_headers.append(response.headers["X-Cache-Status"])
    assert reply_headers == ["BYPASS", "BYPASS"]


@pytest.mark.parametrize(
    ("path", "content_type", "opening"),
    [
        ("/feeds/atom.xml", "application/atom+xml", b"<feed"),
        ("/feeds/rss.xml", "application/rss+xml", b"<rss"),
        ("/sitemap.xml", "application/xml", b"<sitemapindex"),
    ],
)
def test_feeds_and_sitemaps_come_back_gzipped_when_asked(
    nginx, path, content_type, opening
):
    """gzip_types names each of the site's text types (text/html is gzip's own)."""
    request = urllib.request.Request(
        nginx.base_url + path, headers={"Accept-Encoding": "gzip"}
    )
    with _opener.open(request, timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].split(";")[0] == content_type
        assert response.headers["Content-Encoding"] == "gzip"
        body = gzip.decompress(response.read())
    assert opening in body[:500]
