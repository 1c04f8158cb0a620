"""Query strings and the page cache (pagecache/keys.py, budget.py), through the
real WSGI stack: junk parameters neither bypass the cache nor fill it, and no
one client can make it store without end."""

import re

import pytest
from wagtail.contrib.redirects.models import Redirect

from masthead.core.pagecache.wsgi import PageCacheApp
from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.listing import encode_cursor

from .conftest import WSGIClient

pytestmark = pytest.mark.integration

ARTICLE = "/news/world/pow-swap/"


@pytest.fixture
def article(site_tree, section, xinhua):
    return ArticleFactory(parent=section("world"), slug="pow-swap", source=xinhua)


def page_entries(store) -> list[str]:
    """The stored pages (not locks, generations or budgets), in any backend."""
    backend = store.cache
    if hasattr(backend, "_cache") and isinstance(backend._cache, dict):  # locmem
        keys = list(backend._cache)
    else:  # Redis
        keys = [k.decode() for k in backend._cache.get_client().keys("*")]
    return [k for k in keys if re.search(r"(^|:)[pq]:[0-9a-f]{32}$", k)]


@pytest.fixture
def budget(settings):
    def set_budget(n):
        settings.MASTHEAD_PAGE_CACHE = {
            **settings.MASTHEAD_PAGE_CACHE,
            "CLIENT_BUDGET": n,
        }

    return set_budget


def test_a_thousand_tracking_variants_make_one_render_and_one_entry(
    web, django_app, store, article
):
    replies = [web.get(f"{ARTICLE}?utm_source=n{n}") for n in range(1000)]

    assert django_app.paths == [ARTICLE]
    assert len(page_entries(store)) == 1
    assert {r.status for r in replies} == {200}
    assert [r.x_cache for r in replies[:2]] == ["MISS", "HIT"]
    assert replies[-1].body == replies[0].body
    assert article.title.encode() in replies[-1].body
    # ... and it is the bare address's entry.
    assert web.get(ARTICLE).x_cache == "HIT"


@pytest.mark.parametrize(
    "junk",
    [
        "utm_source=x&utm_medium=y&utm_campaign=z",
        "fbclid=abc",
        "gclid=abc&msclkid=def",
        "UTM_Source=x",
        "utm%5Fsource=x",
        "ref=homepage",  # not a tracking name, but no page reads it
        "x=1&y=2",
    ],
)
def test_parameters_no_page_reads_share_the_bare_entry(
    web, django_app, store, article, junk
):
    web.get(ARTICLE)
    reply = web.get(f"{ARTICLE}?{junk}")

    assert (reply.status, reply.x_cache) == (200, "HIT")
    assert django_app.paths == [ARTICLE]
    assert len(page_entries(store)) == 1


def test_django_never_sees_tracking_parameters(web, article):
    seen = []

    def recording(environ, start_response):
        seen.append(environ["QUERY_STRING"])
        return web.app.app(environ, start_response)

    client = WSGIClient(PageCacheApp(recording))
    client.get("/news/world/?utm_source=a&before=x&fbclid=b&other=1")
    assert seen == ["before=x&other=1"]


def test_a_page_that_reads_a_parameter_still_gets_its_own_entry(
    web, django_app, store, article
):
    before = encode_cursor(article.first_published_at, article.pk)
    bare = web.get("/news/world/")
    older = web.get(f"/news/world/?before={before}")

    assert older.status == 200 and older.x_cache == "MISS"
    assert article.title.encode() in bare.body
    assert article.title.encode() not in older.body  # the next page: older stories
    assert len(page_entries(store)) == 2
    # The same page of the listing, with junk and in another order: its entry.
    for variant in (
        f"/news/world/?before={before}&utm_source=1",
        f"/news/world/?utm_source=2&before={before}",
        f"/news/world/?x=1&before={before}",
    ):
        reply = web.get(variant)
        assert (reply.x_cache, reply.body) == ("HIT", older.body), variant
    assert django_app.paths == ["/news/world/"] * 2


def test_an_unread_parameter_is_not_answered_with_the_bare_address_404(
    web, django_app, store, article
):
    """Old addresses keyed on their query (`story.php?id=7`) are redirects
    Wagtail matches with the query: the cached 404 of `story.php` is not theirs."""
    Redirect.objects.create(
        old_path=Redirect.normalise_path("/story.php?id=7"), redirect_page=article
    )
    assert web.get("/story.php").status == 404
    assert web.get("/story.php").x_cache == "HIT"

    for url in ("/story.php?id=7", "/story.php?id=7&utm_source=feed"):
        moved = web.get(url)
        assert moved.status in (301, 302), url
        assert moved.header("Location").endswith(ARTICLE)
    assert web.get("/story.php?id=8").status == 404
    assert len(page_entries(store)) == 1, "only the bare 404 was stored"


def test_one_client_can_make_only_so_many_entries(web, store, article, budget):
    budget(5)
    made_up = [f"/news/world/?before=junk{n}" for n in range(12)]
    for url in made_up:
        assert web.get(url).status == 404
    assert len(page_entries(store)) == 5
    # Over budget: answered every time, just not stored.
    assert web.get(made_up[-1]).x_cache == "MISS"
    assert web.get(made_up[0]).x_cache == "HIT"
    # Real pages at their own address are not on the budget.
    web.get(ARTICLE)
    assert web.get(ARTICLE).x_cache == "HIT"
    # Another reader behind the same proxy has a budget of their own.
    other = {"X-Forwarded-For": "203.0.113.9"}
    web.get("/news/world/?before=junk-other", headers=other)
    assert web.get("/news/world/?before=junk-other", headers=other).x_cache == "HIT"


def test_a_forwarded_for_header_from_a_client_is_not_believed(
    web, store, article, budget
):
    budget(2)

    def from_the_internet(environ, start_response):
        environ["REMOTE_ADDR"] = "198.51.100.7"  # not a trusted proxy
        return web.app(environ, start_response)

    client = WSGIClient(from_the_internet)
    for n in range(6):
        client.get(
            f"/news/world/?before=junk{n}",
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        )
    assert len(page_entries(store)) == 2
