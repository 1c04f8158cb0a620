"""Two app servers, one PostgreSQL, one Redis (issue 14, point 3).

Two `masthead serve --no-worker` processes on their own ports and var
folders share the test database and Redis, as two nodes behind a load
balancer do: a publish on one purges what the other serves, a stampede for
one uncached page across both renders it once, a session made on one holds
on the other, and login and sign-up limits count across both.
"""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.servers import free_port

from .conftest import (
    START_SECONDS,
    Browser,
    Reply,
    forget_counters,
    node_env,
    request,
    start,
    stop_all,
    wait_for,
)

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Instead of the suite's: see conftest.forget_counters."""
    forget_counters()


PASSWORD = "scale-out-password-1"
LOGIN_FAILURE_LIMIT = 4
STAMPEDE = 12
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Node:
    def __init__(self, name: str, port: int, process, log):
        self.name = name
        self.base = f"http://127.0.0.1:{port}"
        self.process = process
        self.log = log

    def url(self, path: str) -> str:
        return self.base + path

    def get(self, path: str, **kwargs) -> Reply:
        return request(self.url(path), **kwargs)

    def up(self) -> bool:
        if self.process.poll() is not None:
            pytest.fail(f"{self.name} exited:\n{self.log.read_text()[-3000:]}")
        try:
            return self.get("/").status == 200
        except OSError:
            return False


@pytest.fixture(scope="module")
def nodes(shared_db, tmp_path_factory):
    started = []
    try:
        for name in ("a", "b"):
            var_dir = tmp_path_factory.mktemp(f"node-{name}")
            env = node_env(
                var_dir,
                shared_db,
                MASTHEAD_LOGIN_FAILURE_LIMIT=str(LOGIN_FAILURE_LIMIT),
            )
            port = free_port()
            log = var_dir / "serve.log"
            args = ["serve", "--host", "127.0.0.1", "--port", str(port)]
            process = start([*args, "--workers", "1", "--no-worker"], env, log)
            started.append(Node(name, port, process, log))
        for node in started:
            wait_for(node.up, f"server {node.name} answering", START_SECONDS)
        yield started
    finally:
        stop_all(node.process for node in started)


@pytest.fixture
def article(committed):
    """A live article under World, rendered by neither server yet."""
    from masthead.newsroom.factories import ArticleFactory
    from masthead.newsroom.models import SectionPage

    counter = iter(range(1_000_000))

    def make(title: str):
        slug = f"scale-{next(counter)}-{time.monotonic_ns()}"
        page = ArticleFactory(
            parent=SectionPage.objects.get(slug="world"), title=title, slug=slug
        )
        return page, page.get_url()

    return make


@pytest.fixture
def editor(committed):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    user = get_user_model().objects.create_superuser(
        f"chief{time.monotonic_ns()}", "chief@example.com"
    )
    # Hashed for the servers (the test settings hash with MD5, which theirs
    # do not read); few rounds, as the login-limit test makes several tries.
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "scalesalt", 1000)
    user.save(update_fields=["password"])
    return user.username


def login(browser: Browser, node: Node, username: str, password: str) -> Reply:
    page = browser.get(node.url("/admin/login/"))
    assert page.status == 200, page.status
    token = CSRF_FIELD.search(page.text).group(1)
    return browser.post(
        node.url("/admin/login/"),
        {
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": password,
            "next": "/admin/",
        },
    )


def article_form(page, token: str, **changes) -> dict:
    """The edit form of an article as the admin posts it (no body blocks,
    no corrections, no comments)."""
    data = {
        "csrfmiddlewaretoken": token,
        "title": page.title,
        "slug": page.slug,
        "kicker": page.kicker,
        "lead": page.lead,
        "body-count": "0",
        "original_byline": "",
        "dateline": "",
        "opinion_kind": "",
        "tags": "",
        "comments_open": "on",
    }
    for prefix in ("corrections", "comments"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | changes


def test_a_publish_on_one_server_is_what_the_other_serves_next(nodes, article, editor):
    a, b = nodes
    page, path = article("Harbour talks open")
    section = page.get_parent().get_url()
    first = b.get(path)
    assert first.status == 200 and "Harbour talks open" in first.text
    assert b.get(path).headers["X-Cache"] == "HIT"
    assert a.get(path).headers["X-Cache"] == "HIT", "not shared through Redis"
    for listing in (section, "/"):
        assert "Harbour talks open" in b.get(listing).text
        assert b.get(listing).headers["X-Cache"] == "HIT"

    browser = Browser()
    assert login(browser, a, editor, PASSWORD).status == 302
    edit = f"/admin/pages/{page.pk}/edit/"
    form = browser.get(a.url(edit))
    assert form.status == 200, form.status
    token = CSRF_FIELD.search(form.text).group(1)
    changed = article_form(
        page, token, title="Harbour talks end in accord", **{"action-publish": "1"}
    )
    saved = browser.post(a.url(edit), changed)
    assert saved.status == 302, saved.text[-2000:]

    after = b.get(path)
    assert after.status == 200
    assert after.headers["X-Cache"] == "MISS", "b served its old copy"
    assert "Harbour talks end in accord" in after.text
    assert "Harbour talks open" not in after.text
    # The pages that list it, too: the section and the front page.
    for listing in (section, "/"):
        shown = b.get(listing)
        assert shown.headers["X-Cache"] == "MISS", listing
        assert "Harbour talks end in accord" in shown.text, listing
    # And the new version is what both now share.
    assert a.get(path).headers["X-Cache"] == "HIT"


def test_a_stampede_across_both_servers_renders_once(nodes, article):
    a, b = nodes
    # Warm both: the first render in a fresh process pays for its imports.
    _, warm = article("Warm-up story")
    for node in nodes:
        assert node.get(warm).status == 200
    _, path = article("Everyone wants this story")
    gate = threading.Barrier(STAMPEDE)

    def fetch(n: int) -> Reply:
        gate.wait()
        return (a if n % 2 else b).get(path)

    with ThreadPoolExecutor(STAMPEDE) as pool:
        replies = list(pool.map(fetch, range(STAMPEDE)))

    assert {r.status for r in replies} == {200}
    states = [r.headers["X-Cache"] for r in replies]
    assert states.count("MISS") == 1, states
    assert {r.body for r in replies} == {replies[0].body}


def test_a_session_made_on_one_server_holds_on_the_other(nodes, editor):
    a, b = nodes
    browser = Browser()
    assert b.get("/admin/").status == 302  # not logged in: to the login page
    assert login(browser, a, editor, PASSWORD).status == 302
    assert "sessionid" in browser.cookies
    dashboard = browser.get(b.url("/admin/"))
    assert dashboard.status == 200, dashboard.headers.get("Location")
    # Logging out on b ends it on a too.
    token = browser.cookies["csrftoken"]
    logout = browser.post(b.url("/admin/logout/"), {"csrfmiddlewaretoken": token})
    assert logout.status == 302, logout.status
    assert browser.get(a.url("/admin/")).status == 302


def test_login_failures_count_across_both_servers(nodes, editor):
    a, b = nodes
    # Failures on both in turn: alone, neither server would reach the limit.
    for n in range(LOGIN_FAILURE_LIMIT - 1):
        node = (a, b)[n % 2]
        reply = login(Browser(), node, editor, "wrong password")
        assert reply.status == 200, (node.name, reply.status)
    # The failure that reaches the limit, counted on the other server.
    assert login(Browser(), b, editor, "wrong password").status == 429
    for node in nodes:
        locked = login(Browser(), node, editor, PASSWORD)
        assert locked.status == 429, (node.name, locked.status)


def _sign_up(node: Node, n: int) -> Reply:
    return request(
        node.url("/newsletter/subscribe/"),
        {"email": f"reader{n}-{time.monotonic_ns()}@example.com", "lists": "digest"},
        headers={"Origin": node.base, "Accept": "application/json"},
    )


def test_sign_up_limits_count_across_both_servers(nodes):
    from masthead.readers.newsletter.views import limits

    per_minute = limits()["ip_per_minute"]
    # The limit counts per clock minute: start well inside one.
    if time.time() % 60 > 60 - 20:
        time.sleep(61 - time.time() % 60)
    replies = [_sign_up(nodes[n % 2], n) for n in range(per_minute)]
    assert [r.status for r in replies] == [200] * per_minute, replies[-1].text
    for node in nodes:
        over = _sign_up(node, 99)
        assert over.status == 429, (node.name, over.status, over.text)
