"""Scheduling and embargo: absent from every public surface until the time,
visible within one worker tick after it, with the caches purged."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from masthead.core.pagecache import get_store
from masthead.newsroom.factories import ArticleFactory, SpecialReportFactory
from masthead.newsroom.models import ArticlePage, RegionPage

from .schedule_helpers import go_live_time_comes

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SURFACES = [
    "/",
    "/news/",
    "/news/world/",
    "/regions/pudong/",
    "/special/special-reports/summit/",
    "/search/?q=Quartz",
    "/sitemaps/news.xml",
    "/feeds/rss.xml",
    "/feeds/news/world/atom.xml",
]


@pytest.fixture
def placed(site_tree, section):
    report = SpecialReportFactory(
        parent=section("special-reports"), title="Summit", slug="summit"
    )
    report.save_revision().publish()
    sibling = ArticleFactory(parent=section("world"), title="Sibling story")
    return {
        "report": report,
        "pudong": RegionPage.objects.get(slug="pudong"),
        "sibling": sibling,
    }


def wsgi_get(url: str) -> bytes:
    """A GET through the real WSGI stack, page cache layer included."""
    from wsgiref.util import setup_testing_defaults

    from django.core.handlers.wsgi import WSGIHandler

    from masthead.core.pagecache.wsgi import PageCacheApp

    path, _, query = url.partition("?")
    environ = {"PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": "testserver"}
    setup_testing_defaults(environ)
    body = PageCacheApp(WSGIHandler())(environ, lambda status, headers, exc=None: None)
    return b"".join(body)


def _visible(client, article) -> dict[str, bool]:
    seen = {
        url: ("Quartz accord" if "sitemap" not in url else "quartz-accord")
        in wsgi_get(url).decode()
        for url in SURFACES
    }
    seen["article"] = client.get("/news/world/quartz-accord/").status_code == 200
    day = article.go_live_at or article.embargo_until
    local = day.astimezone(timezone.get_fixed_timezone(8 * 60))
    seen["archive"] = (
        "Quartz accord" in client.get(f"/archive/{local:%Y/%m/%d}/").content.decode()
    )
    seen["related"] = (
        "Quartz accord" in client.get("/news/world/sibling-story/").content.decode()
    )
    return seen


def _prime(client):
    for url in SURFACES:
        wsgi_get(url)


def test_scheduled_article_appears_after_its_time_within_one_tick(
    client, placed, section
):
    article = ArticleFactory(
        parent=section("world"),
        title="Quartz accord",
        slug="quartz-accord",
        publish=False,
        regions=[placed["pudong"]],
        special_reports=[placed["report"]],
    )
    article.go_live_at = timezone.now() + timedelta(hours=1)
    article.save_revision().publish()  # Wagtail schedules it instead of publishing
    article.refresh_from_db()
    assert not article.live
    _prime(client)
    assert not any(_visible(client, article).values())

    go_live_time_comes(article)
    call_command("worker", once=True)
    article.refresh_from_db()
    assert article.live
    assert all(_visible(client, article).values()), _visible(client, article)


def test_embargo_beats_a_live_flag_and_lifts_on_the_tick(client, placed, section):
    # An agency embargo carried into a page that somehow went live early.
    article = ArticleFactory(
        parent=section("world"),
        title="Quartz accord",
        slug="quartz-accord",
        regions=[placed["pudong"]],
        special_reports=[placed["report"]],
    )
    ArticlePage.objects.filter(pk=article.pk).update(
        embargo_until=timezone.now() + timedelta(hours=1)
    )
    article.refresh_from_db()
    get_store().clear()
    assert article.live
    _prime(client)
    assert not any(_visible(client, article).values())

    # The embargo's time comes: moved into the past rather than waited for.
    ArticlePage.objects.filter(pk=article.pk).update(
        embargo_until=timezone.now() - timedelta(seconds=1)
    )
    article.refresh_from_db()
    call_command("worker", once=True)
    assert all(_visible(client, article).values())


def test_embargo_moves_the_go_live_time_up_to_it(section):
    embargo = timezone.now() + timedelta(hours=3)
    article = ArticleFactory(parent=section("world"), title="Early bird", publish=False)
    article.embargo_until = embargo
    article.go_live_at = timezone.now() + timedelta(minutes=5)  # earlier than allowed
    article.save_revision().publish()
    article.refresh_from_db()
    assert not article.live
    assert article.go_live_at == embargo
