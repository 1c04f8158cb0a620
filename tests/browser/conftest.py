"""Browser tests: Debian's chromium, driven by Playwright, against the real server.

The session builds a throw-away newsroom (migrate, `masthead demo`, the seed's
World article from Xinhua), starts `masthead serve` on a free port and hands
the tests its base URL. Playwright never downloads a browser: it launches
/usr/bin/chromium, and the tests fail (not skip) when it is missing, unless
MASTHEAD_SKIP_BROWSER=1.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.servers import free_port, masthead_env, stop_process_group

ROOT = Path(__file__).resolve().parents[2]
MASTHEAD = Path(sys.executable).with_name("masthead")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {
    "desktop": {"width": 1366, "height": 900},
    "phone": {"width": 390, "height": 844},
}
SEED_CONTENT = (Path(__file__).parent / "seed_content.py").read_text()
PURGE = "from masthead.core.pagecache import purge_all; purge_all()"

TRACEBACK = re.compile(r"^Traceback \(most recent call last\):", re.MULTILINE)

# The environment of the running `masthead serve` (set by `_serve_demo`).
_LIVE_SERVER_ENV: dict[str, str] = {}


def _skip_requested() -> bool:
    return os.environ.get("MASTHEAD_SKIP_BROWSER") == "1"


# Generous on purpose: `masthead demo` makes every image rendition, and on a
# busy shared machine (load average 10+) that has taken over ten minutes. The
# limit only catches a hung command; it is not a timing assertion.
def _run(args: list[str], env: dict[str, str], timeout: int = 1800) -> str:
    result = subprocess.run(
        [str(MASTHEAD), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"`masthead {' '.join(args[:1])}` failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-6000:]}",
            pytrace=False,
        )
    return result.stdout


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"`masthead serve` exited ({process.returncode}):\n"
                f"{log.read_text()[-6000:]}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(f"`masthead serve` did not answer {url} within 60 s", pytrace=False)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if _skip_requested():
        pytest.skip("MASTHEAD_SKIP_BROWSER=1")
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing. The browser tests use Debian's chromium: "
            "run `make test` as root (it installs it) or "
            "`apt-get install chromium`. Set MASTHEAD_SKIP_BROWSER=1 to skip them.",
            pytrace=False,
        )
    return str(CHROMIUM)


@pytest.fixture(scope="session")
def live_server_url(chromium_path):
    """Base URL of a real `masthead serve` with the demo newsroom loaded."""
    var_dir = Path(tempfile.mkdtemp(prefix="masthead-browser-"))
    try:
        output = yield from _serve_demo(var_dir)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    if TRACEBACK.search(output):
        pytest.fail(
            "The server logged a traceback during the browser tests:\n"
            + output[-8000:],
            pytrace=False,
        )


def _serve_demo(var_dir: Path):
    """Build the demo newsroom in `var_dir`, serve it, yield the URL; returns
    everything the server printed."""
    env = masthead_env(var_dir)
    _LIVE_SERVER_ENV.clear()
    _LIVE_SERVER_ENV.update(env)
    _run(["migrate", "--no-input", "-v0"], env)
    _run(["demo"], env)
    _run(["shell", "-c", SEED_CONTENT + "\nseed_article()\n" + PURGE], env)
    # Publishing queues the search-index updates as tasks, and the server below
    # runs without a worker: build the index directly (draining the whole
    # queue would also pre-render every image rendition, which takes minutes).
    _run(["update_index"], env)

    port = free_port()
    log = var_dir / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                str(MASTHEAD),
                "serve",
                "--no-worker",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "1",
            ],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            # Its own process group: `masthead serve` runs granian as a child,
            # and terminating the parent alone would leave granian running.
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base_url + "/", process, log)
        yield base_url
    finally:
        stop_process_group(process)
    return log.read_text()


@pytest.fixture(scope="session")
def live_server_env(live_server_url) -> dict[str, str]:
    """The environment `masthead serve` runs with (its var dir and settings), to
    run other `masthead` commands, the worker say, against the same newsroom."""
    return dict(_LIVE_SERVER_ENV)


@pytest.fixture(scope="session")
def demo_logins(live_server_env) -> dict[str, dict[str, str]]:
    """The demo users' logins, as `masthead demo` saved them: {role: {"username",
    "password"}} for "superuser", "reporter", "editor", "chief", "administrator"."""
    path = Path(live_server_env["MASTHEAD_VAR_DIR"]) / "demo-logins.json"
    return json.loads(path.read_text())


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    # Never let Playwright fetch a browser of its own.
    os.environ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server_url):
    """Open pages in a fresh context: `new_page("phone", color_scheme="dark")`."""
    contexts = []

    def make(viewport: str = "desktop", **options):
        context = browser.new_context(
            viewport=VIEWPORTS[viewport],
            base_url=live_server_url,
            is_mobile=viewport == "phone",
            has_touch=viewport == "phone",
            **options,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        # Anything the reader's browser would complain about: script errors,
        # console errors (a CSP refusal shows up there) and failed requests.
        page.problems = []

        def on_console(message):
            if message.type == "error":
                where = message.location.get("url", "")
                page.problems.append(f"console: {message.text} ({where})")

        def on_response(response):
            if response.status >= 400:
                page.problems.append(f"HTTP {response.status}: {response.url}")

        page.on("pageerror", lambda exc: page.problems.append(f"page error: {exc}"))
        page.on("console", on_console)
        page.on("response", on_response)
        return page

    yield make
    for context in contexts:
        context.close()
