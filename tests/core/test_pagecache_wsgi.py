"""The page cache of design.md §4, driven through the real WSGI stack."""

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.wsgi import get_wsgi_application
from django.test import Client

from masthead.core.pagecache import wsgi as pagecache_wsgi
from masthead.core.pagecache.wsgi import PageCacheApp
from masthead.newsroom.factories import ArticleFactory

from .conftest import WSGIClient

pytestmark = pytest.mark.integration


@pytest.fixture
def article(site_tree, section, xinhua):
    return ArticleFactory(parent=section("world"), slug="pow-swap", source=xinhua)


@pytest.fixture
def editor_cookie(db):
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.com", "pw"
    )
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value}


# Hits and misses ---------------------------------------------------------------


def test_anonymous_get_is_a_miss_then_a_hit_with_the_same_bytes(
    web, django_app, article
):
    first = web.get("/news/world/pow-swap/")
    second = web.get("/news/world/pow-swap/")

    assert (first.status, first.x_cache) == (200, "MISS")
    assert (second.status, second.x_cache) == (200, "HIT")
    assert second.body == first.body
    assert article.title.encode() in second.body
    assert second.header("Content-Type") == first.header("Content-Type")
    assert django_app.paths == ["/news/world/pow-swap/"], "the hit never reached Django"


def test_head_is_answered_without_a_body(web, django_app, article):
    miss = web.head("/news/world/")
    web.get("/news/world/")
    hit = web.head("/news/world/")

    assert (miss.status, miss.body) == (200, b"")
    assert (hit.status, hit.x_cache, hit.body) == (200, "HIT", b"")
    assert int(hit.header("Content-Length")) > 0
    assert django_app.paths == ["/news/world/", "/news/world/"]


def test_query_variants_are_cached_separately(web, article):
    web.get("/news/world/")
    variant = web.get("/news/world/?before=abc")

    assert variant.x_cache == "MISS"
    assert web.get("/news/world/?before=abc").x_cache == "HIT"


def test_a_session_cookie_bypasses_the_cache(web, django_app, article):
    web.get("/news/world/")
    with_session = web.get("/news/world/", cookies={"sessionid": "whatever"})

    assert with_session.status == 200
    assert with_session.x_cache is None
    assert django_app.paths == ["/news/world/", "/news/world/"]
    # ... and what Django rendered for it was not stored for readers.
    web.get("/", cookies={"sessionid": "whatever", "csrftoken": "x"})
    assert web.get("/").x_cache == "MISS"


def test_a_csrf_cookie_alone_does_not_bypass_the_cache(web, article):
    web.get("/news/world/")
    assert web.get("/news/world/", cookies={"csrftoken": "abc"}).x_cache == "HIT"


def test_post_goes_to_django_and_is_never_stored(web, django_app, article):
    web.get("/news/world/")
    posted = web.post("/news/world/", body=b"a=1")

    assert posted.x_cache is None
    assert posted.status != 200 or posted.body != web.get("/news/world/").body
    assert "no-store" in posted.cache_control
    assert web.get("/news/world/").x_cache == "HIT"
    assert django_app.paths.count("/news/world/") == 2


@pytest.mark.parametrize("url", ["/admin/", "/admin/login/", "/django-admin/login/"])
def test_the_admin_is_never_stored_and_private(web, django_app, db, url):
    first = web.get(url)
    second = web.get(url)

    assert first.x_cache is None and second.x_cache is None
    assert len(django_app.paths) == 2
    assert {"private", "no-store"} <= second.cache_control.keys()
    assert "public" not in second.cache_control


def test_a_logged_in_editor_is_neither_served_nor_stored(
    web, django_app, article, editor_cookie
):
    # A page readers already have in the cache: the editor still gets Django.
    web.get("/news/world/pow-swap/")
    seen = web.get("/news/world/pow-swap/", cookies=editor_cookie)
    assert seen.status == 200 and seen.x_cache is None
    assert {"private", "no-store"} <= seen.cache_control.keys()

    # A page only the editor has seen: readers do not get the editor's copy.
    web.get("/news/", cookies=editor_cookie)
    reader = web.get("/news/")
    assert reader.x_cache == "MISS"
    assert django_app.paths == ["/news/world/pow-swap/"] * 2 + ["/news/"] * 2


def test_a_plain_http_request_is_redirected_by_django_not_answered(
    article, settings, django_app
):
    # django_app is requested for its connection handling; the app is rebuilt
    # below because SecurityMiddleware reads these settings when it is made.
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    web = WSGIClient(PageCacheApp(get_wsgi_application()))  # reads the settings
    secure = {"X-Forwarded-Proto": "https"}
    web.get("/news/world/", headers=secure)
    assert web.get("/news/world/", headers=secure).x_cache == "HIT"

    plain = web.get("/news/world/", headers={"X-Forwarded-Proto": "http"})
    assert plain.status == 301
    assert plain.header("Location") == "https://testserver/news/world/"


# Headers ---------------------------------------------------------------------------


def test_public_pages_carry_shared_cache_directives_and_an_etag(web, article):
    for url in ["/", "/news/world/", "/news/world/pow-swap/", "/archive/"]:
        miss = web.get(url)
        hit = web.get(url)
        directives = hit.cache_control
        assert "public" in directives, url
        for name in ("max-age", "s-maxage", "stale-while-revalidate", "stale-if-error"):
            assert int(directives[name]) > 0, (url, name)
        assert int(directives["s-maxage"]) >= int(directives["max-age"])
        assert miss.header("ETag") and miss.header("ETag") == hit.header("ETag"), url


def test_article_pages_carry_a_surrogate_key_naming_the_page(web, article):
    reply = web.get("/news/world/pow-swap/")
    keys = reply.header("Surrogate-Key").split()
    assert f"article-{article.pk}" in keys
    assert f"section-{article.get_parent().pk}" in keys
    assert web.get("/news/world/pow-swap/").header("Surrogate-Key") == " ".join(keys)


def test_if_none_match_on_a_hit_is_a_304_without_a_body(web, article):
    etag = web.get("/news/world/pow-swap/").header("ETag")

    for sent in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        reply = web.get("/news/world/pow-swap/", headers={"If-None-Match": sent})
        assert (reply.status, reply.body, reply.x_cache) == (304, b"", "HIT"), sent
        assert reply.header("ETag") == etag
        assert "public" in reply.cache_control

    changed = web.get("/news/world/pow-swap/", headers={"If-None-Match": '"stale"'})
    assert changed.status == 200 and changed.body


def test_if_none_match_right_after_a_miss_is_a_304(web, store, article):
    etag = web.get("/news/world/pow-swap/").header("ETag")
    store.purge({"/news/world/pow-swap/"})

    reply = web.get("/news/world/pow-swap/", headers={"If-None-Match": etag})
    assert (reply.status, reply.body, reply.x_cache) == (304, b"", "MISS")
    assert reply.header("ETag") == etag
    # The render was stored all the same.
    assert web.get("/news/world/pow-swap/").x_cache == "HIT"


@pytest.mark.parametrize(
    "url", ["/", "/news/", "/news/world/", "/news/world/pow-swap/", "/no-such-page/"]
)
def test_nothing_personal_is_in_a_stored_page(web, article, url):
    web.get(url)
    hit = web.get(url)

    assert hit.x_cache == "HIT"
    assert hit.header("Set-Cookie") is None
    assert "cookie" not in (hit.header("Vary") or "").lower()
    assert b"csrfmiddlewaretoken" not in hit.body
    assert b"csrftoken" not in hit.body


# 404s --------------------------------------------------------------------------------


def test_a_404_is_cached_briefly(web, clock, site_tree):
    first = web.get("/news/world/not-yet/")
    second = web.get("/news/world/not-yet/")
    assert (first.status, first.x_cache) == (404, "MISS")
    assert (second.status, second.x_cache) == (404, "HIT")

    article_lifetime = int(web.get("/news/").cache_control["s-maxage"])
    assert int(second.cache_control["s-maxage"]) <= 60 < article_lifetime

    clock.advance(61)
    assert web.get("/news/world/not-yet/").x_cache == "MISS"


# Stale pages, locks, errors ------------------------------------------------------


def test_an_expired_page_is_served_stale_while_another_request_renders(
    web, django_app, store, clock, article
):
    old = web.get("/news/world/")
    clock.advance(3600)
    key = store.key_for("/news/world/", "")
    token = store.acquire(key)  # another worker is re-rendering the page

    stale = web.get("/news/world/")
    assert (stale.status, stale.x_cache, stale.body) == (200, "STALE", old.body)
    assert django_app.paths == ["/news/world/"]

    store.release(key, token)
    fresh = web.get("/news/world/")
    assert fresh.x_cache == "MISS"
    assert web.get("/news/world/").x_cache == "HIT"


def test_an_error_with_a_stale_page_serves_the_stale_page(
    web, clock, article, monkeypatch
):
    good = web.get("/news/world/")
    clock.advance(3600)

    def broken(*args, **kwargs):
        raise RuntimeError("database is down")

    from masthead.newsroom.models import SectionPage

    monkeypatch.setattr(SectionPage, "get_context", broken)
    reply = web.get("/news/world/")
    assert (reply.status, reply.x_cache, reply.body) == (200, "STALE-ERROR", good.body)

    # Without a stale copy the error is passed on, and not stored.
    monkeypatch.setattr(SectionPage, "get_context", broken)
    assert web.get("/news/").status == 500
    assert web.get("/news/").x_cache == "MISS"


def test_a_waiter_gets_the_page_another_request_rendered(
    web, django_app, store, article, monkeypatch
):
    # A wait far longer than the other render takes, however busy the machine:
    # the waiter must come away with the stored page, never time out.
    monkeypatch.setattr(pagecache_wsgi, "WAIT_FOR_RENDER_SECONDS", 30)
    key = store.key_for("/news/world/", "")
    token = store.acquire(key)  # a render is under way elsewhere
    rendered = PageCacheApp(django_app)

    def finish_the_other_render():
        time.sleep(0.2)  # lets the waiter start waiting; not a timing check
        # The other worker stores its page (as it would) and lets go of the lock.
        store.store(
            key,
            "200 OK",
            [("Content-Type", "text/html"), ("Cache-Control", "public, max-age=60")],
            b"<p>rendered elsewhere</p>",
        )
        store.release(key, token)

    other = threading.Thread(target=finish_the_other_render)
    other.start()
    reply = WSGIClient(rendered).get("/news/world/")
    other.join()

    assert (reply.status, reply.body, reply.x_cache) == (
        200,
        b"<p>rendered elsewhere</p>",
        "HIT",
    )
    assert django_app.paths == [], "the waiter did not render the page itself"


def test_a_waiter_that_gives_up_renders_but_leaves_the_lock_alone(
    web, django_app, store, article, monkeypatch
):
    monkeypatch.setattr(pagecache_wsgi, "WAIT_FOR_RENDER_SECONDS", 0.1)
    key = store.key_for("/news/world/", "")
    token = store.acquire(key)

    reply = web.get("/news/world/")
    assert (reply.status, reply.x_cache) == (200, "MISS")
    assert django_app.paths == ["/news/world/"]
    assert store.acquire(key) is None, "the other render's lock was released"
    store.release(key, token)


def test_a_stampede_renders_a_url_once(monkeypatch):
    """Many readers of one uncached URL at once: one render, the rest wait."""
    # Waiters wait long enough for the one render on a busy machine too.
    monkeypatch.setattr(pagecache_wsgi, "WAIT_FOR_RENDER_SECONDS", 30)
    renders = []
    gate = threading.Event()

    def slow_django(environ, start_response):
        renders.append(environ["PATH_INFO"])
        gate.wait(30)
        start_response(
            "200 OK",
            [("Content-Type", "text/html"), ("Cache-Control", "public, max-age=60")],
        )
        return [b"<p>front page</p>"]

    client = WSGIClient(PageCacheApp(slow_django))
    replies = []

    def read():
        replies.append(client.get("/stampede/"))

    readers = [threading.Thread(target=read) for _ in range(8)]
    for reader in readers:
        reader.start()
    time.sleep(0.2)  # lets the readers pile up; a late one still gets the HIT
    gate.set()
    for reader in readers:
        reader.join()

    assert renders == ["/stampede/"]
    assert [r.body for r in replies] == [b"<p>front page</p>"] * 8
    assert sorted(r.x_cache for r in replies) == ["HIT"] * 7 + ["MISS"]


@pytest.mark.parametrize(
    "headers",
    [
        [("Set-Cookie", "tracking=1")],
        [("Vary", "Cookie")],
        [("Vary", "Accept-Language")],
        [("Cache-Control", "private, max-age=60")],
        [("Cache-Control", "public, no-store")],
    ],
)
def test_responses_that_may_be_personal_are_not_stored(headers):
    def django(environ, start_response):
        base = [("Content-Type", "text/html")]
        if not any(n == "Cache-Control" for n, _ in headers):
            base.append(("Cache-Control", "public, max-age=60"))
        start_response("200 OK", base + headers)
        return [b"<p>hello</p>"]

    client = WSGIClient(PageCacheApp(django))
    client.get("/personal/")
    assert client.get("/personal/").x_cache == "MISS"


# The cache being down -------------------------------------------------------------


class BrokenCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache is down")

        return fail


class WriteOnlyBrokenCache:
    """Reads work (nothing is there), writes fail: a full or read-only Redis."""

    def get(self, key, default=None):
        return default

    def add(self, *args, **kwargs):
        return True

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache is read-only")

        return fail


# The first request renders; the second is served from the process's own copy
# of the page (store.RecentPages) while the shared cache is away.
@pytest.mark.parametrize("cache", [BrokenCache(), WriteOnlyBrokenCache()])
def test_a_broken_cache_still_serves_pages_from_django(
    web, django_app, store, monkeypatch, article, cache
):
    monkeypatch.setattr(store, "cache", cache)

    for _ in range(2):
        reply = web.get("/news/world/pow-swap/")
        assert reply.status == 200
        assert article.title.encode() in reply.body
    assert django_app.paths == ["/news/world/pow-swap/"]
