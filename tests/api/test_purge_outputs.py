"""Feeds and sitemaps are served from the page cache, and a publish,
unpublish or takedown drops exactly the ones the article shows in: a purged
address is a MISS on the next read, every other one still a HIT."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone

from masthead.core.pagecache.wsgi import PageCacheApp
from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.listing import encode_cursor
from masthead.newsroom.models import RegionPage
from masthead.newsroom.publishing import take_down
from tests.core.conftest import WSGIClient
from tests.newsroom.recording_cdn import RecordingCDN

from .conftest import MAY_16, SITE

pytestmark = pytest.mark.integration


def feeds(*page_paths):
    return [f"/feeds{p}{fmt}.xml" for p in page_paths for fmt in ("rss", "atom")]


CURSOR = encode_cursor(datetime(2025, 5, 20, tzinfo=UTC), 1)
TOUCHED = [
    *feeds(
        "/",
        "/news/",
        "/news/world/",
        "/regions/pudong/",
        "/special/special-reports/expo/",
        "/people/li-hua/",
        "/people/zhao-yinuo/",
    ),
    f"/feeds/news/world/rss.xml?before={CURSOR}",  # a later page of the feed
    "/sitemap.xml",
    "/sitemaps/sections.xml",
    "/sitemaps/articles-2025-05.xml",
]
UNTOUCHED = [
    *feeds(
        "/news/sport/",
        "/regions/xuhui/",
        "/people/wang-fang/",
        "/special/special-reports/",
    ),
    "/sitemaps/pages.xml",
    "/sitemaps/news.xml",
    "/sitemaps/articles-2025-04.xml",
    "/robots.txt",
]


@pytest.fixture
def web():
    # As tests/core's `web`: keep the test's connection open across requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIClient(PageCacheApp(get_wsgi_application()))
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def cdn(newsroom, settings):
    # Tasks run again (the newsroom was built with them held): Wagtail sends
    # each PurgeBatch to the CDN as a task.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "wire", "media"],
        }
    }
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "tests.newsroom.recording_cdn.RecordingCDN"}
    }
    RecordingCDN.batches = []
    return RecordingCDN


@pytest.fixture
def april(newsroom):
    return ArticleFactory(
        parent=newsroom["world"],
        title="April story",
        published_at=datetime(2025, 4, 12, 9, 0, tzinfo=UTC),
    )


def story(newsroom, publish: bool, **kwargs):
    kwargs.setdefault("published_at", MAY_16 + timedelta(hours=1))
    return ArticleFactory(
        parent=newsroom["world"],
        slug="pow-swap",
        title="Prisoner swap agreed",
        publish=publish,
        regions=[newsroom["pudong"]],
        special_reports=[newsroom["expo"]],
        authors=[newsroom["people"]["li-hua"]],
        desk_editor=newsroom["people"]["zhao-yinuo"],
        **kwargs,
    )


def states(web, urls) -> dict[str, str]:
    return {url: web.get(url).x_cache for url in urls}


def prime(web, urls):
    for url in urls:
        web.get(url)
    assert set(states(web, urls).values()) == {"HIT"}, states(web, urls)


def assert_purged_exactly(web, touched, untouched):
    # The untouched first: reading a touched one re-renders nothing else.
    assert {u for u, s in states(web, untouched).items() if s != "HIT"} == set()
    assert {u for u, s in states(web, touched).items() if s != "MISS"} == set()


def test_publishing_purges_exactly_its_feeds_and_sitemaps(
    web, newsroom, april, cdn, django_capture_on_commit_callbacks
):
    article = story(newsroom, publish=False)
    prime(web, TOUCHED + UNTOUCHED)
    assert b"Prisoner swap" not in web.get("/feeds/news/world/rss.xml").body

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    assert_purged_exactly(web, TOUCHED, UNTOUCHED)
    assert b"Prisoner swap" in web.get("/feeds/news/world/rss.xml").body
    assert b"/news/world/pow-swap/" in web.get("/sitemaps/articles-2025-05.xml").body
    (batch,) = cdn.batches
    assert {f"{SITE}{url}" for url in TOUCHED if "?" not in url} <= set(batch)
    assert not {f"{SITE}{url}" for url in UNTOUCHED} & set(batch)


@pytest.mark.parametrize("change", ["unpublish", "takedown"])
def test_unpublishing_or_a_takedown_purges_the_same_outputs(
    web, newsroom, april, change, django_capture_on_commit_callbacks
):
    article = story(newsroom, publish=True)
    prime(web, TOUCHED + UNTOUCHED)
    assert b"Prisoner swap" in web.get("/feeds/people/li-hua/atom.xml").body

    with django_capture_on_commit_callbacks(execute=True):
        if change == "unpublish":
            article.unpublish()
        else:
            take_down(article, "Court order")

    assert_purged_exactly(web, TOUCHED, UNTOUCHED)
    for url in TOUCHED:
        assert b"Prisoner swap" not in web.get(url).body, url
        assert b"pow-swap" not in web.get(url).body, url


def test_a_fresh_story_purges_the_news_sitemap_and_its_own_month(
    web, newsroom, django_capture_on_commit_callbacks
):
    published = timezone.now().astimezone(UTC) - timedelta(minutes=5)
    month = f"/sitemaps/articles-{published:%Y-%m}.xml"
    article = story(newsroom, publish=False, published_at=published)
    # The month's file is a 404 until the story appears: cached, then purged.
    prime(web, ["/sitemaps/news.xml", month, "/sitemaps/articles-2025-05.xml"])

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    assert states(web, ["/sitemaps/articles-2025-05.xml"]) == {
        "/sitemaps/articles-2025-05.xml": "HIT"
    }
    assert states(web, ["/sitemaps/news.xml", month]) == {
        "/sitemaps/news.xml": "MISS",
        month: "MISS",
    }
    assert b"Prisoner swap" in web.get("/sitemaps/news.xml").body


def test_a_region_taken_off_drops_that_regions_feeds_too(
    web, newsroom, django_capture_on_commit_callbacks
):
    article = story(newsroom, publish=True)
    xuhui = RegionPage.objects.get(slug="xuhui")
    watched = feeds("/regions/pudong/", "/regions/xuhui/", "/regions/minhang/")
    prime(web, watched)

    article.regions.set([xuhui])
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    assert_purged_exactly(
        web,
        feeds("/regions/pudong/", "/regions/xuhui/"),
        feeds("/regions/minhang/"),
    )
    assert b"Prisoner swap" not in web.get("/feeds/regions/pudong/rss.xml").body
    assert b"Prisoner swap" in web.get("/feeds/regions/xuhui/rss.xml").body


def test_every_file_of_a_split_month_is_purged(
    web, newsroom, settings, django_capture_on_commit_callbacks
):
    settings.MASTHEAD_SITEMAP_URLS = 2
    files = [
        "/sitemaps/articles-2025-05.xml",
        "/sitemaps/articles-2025-05-2.xml",
        "/sitemaps/articles-2025-05-3.xml",
    ]
    # The earliest story of May: unpublishing it moves every later one up a place.
    first = story(newsroom, publish=True, published_at=datetime(2025, 5, 1, tzinfo=UTC))
    prime(web, files)

    with django_capture_on_commit_callbacks(execute=True):
        first.unpublish()

    assert states(web, files) == dict.fromkeys(files, "MISS")
