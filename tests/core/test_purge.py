"""Publishing and unpublishing purge exactly the URLs they touch (design.md §4).

Every test primes the cache through the WSGI app, changes content as an editor
would, and reads the same URLs again: a purged URL is a MISS, any other a HIT.
"""

from datetime import UTC, datetime

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend

from masthead.newsroom.factories import (
    ArticleFactory,
    PersonFactory,
    SpecialReportFactory,
)
from masthead.newsroom.models import PeopleIndexPage, RegionPage

pytestmark = pytest.mark.integration

# 20:00 UTC on the 16th is 04:00 on the 17th in the site's zone (Asia/Shanghai).
PUBLISHED_AT = datetime(2025, 5, 16, 20, 0, tzinfo=UTC)
ARTICLE = "/news/world/pow-swap/"

TOUCHED = [
    ARTICLE,
    "/news/world/",
    "/news/world/?before=2025-05-20T00:00:00Z",
    "/news/",
    "/",
    "/regions/pudong/",
    "/regions/pudong/?before=2025-05-20T00:00:00Z",  # the parameter it reads
    "/special/special-reports/expo/",
    "/people/li-hua/",
    "/people/zhao-yinuo/",
    "/archive/",
    "/archive/2025/",
    "/archive/2025/05/",
    "/archive/2025/05/17/",
    "/sitemap.xml",
]
UNTOUCHED = [
    "/news/sport/",
    "/news/sport/?before=2025-05-20T00:00:00Z",
    "/news/world/another-story/",
    "/regions/xuhui/",
    "/regions/",
    "/people/",
    "/people/wang-fang/",
    "/special/special-reports/",
    "/archive/2025/05/16/",
    "/archive/2024/",
    "/about-us/",
]


class RecordingBackend(BaseBackend):
    """A CDN that remembers what it was told to drop."""

    purged: list[str] = []

    def purge(self, url):
        RecordingBackend.purged.append(url)


def _person(slug):
    person = PersonFactory(parent=PeopleIndexPage.objects.get(), slug=slug)
    person.save_revision().publish()
    return person


@pytest.fixture
def newsroom(site_tree, section, xinhua):
    expo = SpecialReportFactory(parent=section("special-reports"), slug="expo")
    expo.save_revision().publish()
    people = {slug: _person(slug) for slug in ("li-hua", "zhao-yinuo", "wang-fang")}
    ArticleFactory(
        parent=section("world"), slug="another-story", published_at=PUBLISHED_AT
    )
    return {
        "expo": expo,
        "people": people,
        "pudong": RegionPage.objects.get(slug="pudong"),
        "xuhui": RegionPage.objects.get(slug="xuhui"),
        "section": section,
        "source": xinhua,
    }


def _article(newsroom, publish):
    return ArticleFactory(
        parent=newsroom["section"]("world"),
        slug="pow-swap",
        title="Russia, Ukraine agree on large-scale POW swap",
        source=newsroom["source"],
        publish=publish,
        published_at=PUBLISHED_AT,
        regions=[newsroom["pudong"]],
        special_reports=[newsroom["expo"]],
        authors=[newsroom["people"]["li-hua"]],
        desk_editor=newsroom["people"]["zhao-yinuo"],
    )


def prime(web, urls):
    for url in urls:
        web.get(url)
    states = _states(web, urls)
    assert set(states.values()) == {"HIT"}, states


def _states(web, urls):
    return {url: web.get(url).x_cache for url in urls}


def assert_purged_exactly(web, touched, untouched):
    # Read the untouched ones first: a re-render of them would show as MISS.
    untouched_states = _states(web, untouched)
    touched_states = _states(web, touched)
    assert {u for u, s in touched_states.items() if s != "MISS"} == set()
    assert {u for u, s in untouched_states.items() if s != "HIT"} == set()


def test_publishing_purges_exactly_the_urls_it_touches(
    web, newsroom, django_capture_on_commit_callbacks
):
    article = _article(newsroom, publish=False)
    prime(web, TOUCHED + UNTOUCHED)
    assert web.get(ARTICLE).status == 404  # a draft: the 404 is cached too

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    assert_purged_exactly(web, TOUCHED, UNTOUCHED)
    page = web.get(ARTICLE)
    assert (page.status, page.x_cache) == (200, "HIT")
    assert b"POW swap" in page.body
    assert b"POW swap" in web.get("/regions/pudong/").body


def test_unpublishing_purges_the_same_urls(
    web, newsroom, django_capture_on_commit_callbacks
):
    article = _article(newsroom, publish=True)
    prime(web, TOUCHED + UNTOUCHED)
    assert b"POW swap" in web.get("/news/world/").body

    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()

    assert_purged_exactly(web, TOUCHED, UNTOUCHED)
    assert web.get(ARTICLE).status == 404
    assert b"POW swap" not in web.get("/news/world/").body


def test_the_purge_waits_for_the_commit(
    web, newsroom, django_capture_on_commit_callbacks
):
    article = _article(newsroom, publish=False)
    prime(web, ["/news/world/", ARTICLE])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.save_revision().publish()
    # Not committed yet: a reader re-caching the old page now would keep it.
    assert _states(web, ["/news/world/", ARTICLE]) == {
        "/news/world/": "HIT",
        ARTICLE: "HIT",
    }
    for callback in callbacks:
        callback()
    assert _states(web, ["/news/world/", ARTICLE]) == {
        "/news/world/": "MISS",
        ARTICLE: "MISS",
    }


@pytest.mark.django_db(transaction=True)
def test_a_committed_publish_purges_without_help(web, newsroom):
    article = _article(newsroom, publish=False)
    prime(web, ["/news/world/", "/news/sport/", ARTICLE])

    article.save_revision().publish()

    assert _states(web, ["/news/sport/", "/news/world/", ARTICLE]) == {
        "/news/sport/": "HIT",
        "/news/world/": "MISS",
        ARTICLE: "MISS",
    }
    assert web.get(ARTICLE).status == 200


def test_a_region_taken_off_an_article_is_purged_too(
    web, newsroom, django_capture_on_commit_callbacks
):
    article = _article(newsroom, publish=True)
    prime(web, ["/regions/pudong/", "/regions/xuhui/", "/regions/minhang/"])
    assert b"POW swap" in web.get("/regions/pudong/").body

    article.regions.set([newsroom["xuhui"]])
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    assert _states(web, ["/regions/minhang/"]) == {"/regions/minhang/": "HIT"}
    pudong = web.get("/regions/pudong/")
    assert pudong.x_cache == "MISS" and b"POW swap" not in pudong.body
    assert web.get("/regions/xuhui/").x_cache == "MISS"


def test_a_changed_slug_purges_the_old_url(
    web, newsroom, django_capture_on_commit_callbacks
):
    article = _article(newsroom, publish=True)
    prime(web, [ARTICLE])

    article.slug = "pow-swap-istanbul"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    # Wagtail leaves a redirect behind; the cached old article must not hide it.
    old = web.get(ARTICLE)
    assert (old.status, old.x_cache) == (301, "MISS")
    assert old.header("Location").endswith("/news/world/pow-swap-istanbul/")
    assert web.get("/news/world/pow-swap-istanbul/").status == 200


def test_a_draft_save_purges_nothing(web, newsroom, django_capture_on_commit_callbacks):
    article = _article(newsroom, publish=True)
    prime(web, [ARTICLE, "/news/world/"])

    article.title = "A headline still being written"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision()

    assert _states(web, [ARTICLE, "/news/world/"]) == {
        ARTICLE: "HIT",
        "/news/world/": "HIT",
    }


def test_the_cdn_is_told_every_touched_url(
    newsroom, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "tests.core.test_purge.RecordingBackend"}
    }
    RecordingBackend.purged = []
    article = _article(newsroom, publish=False)

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    expected = {"http://testserver" + url for url in TOUCHED if "?" not in url}
    assert expected <= set(RecordingBackend.purged)
    assert "http://testserver/news/sport/" not in RecordingBackend.purged


def test_publishing_with_the_cache_down_still_publishes(
    newsroom, store, monkeypatch, django_capture_on_commit_callbacks
):
    from .test_pagecache_wsgi import BrokenCache

    article = _article(newsroom, publish=False)
    monkeypatch.setattr(store, "cache", BrokenCache())

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    article.refresh_from_db()
    assert article.live
