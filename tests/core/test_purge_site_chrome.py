"""Changes that show on every page purge every page (issue 8, point 11).

Each test caches pages through the real WSGI page cache, makes the change as
the admin would (a model save, a page move, a publish), and reads the pages
again: the next GET must show the new value, not the cached one.
"""

import re

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Site

from masthead.core.models import SiteSettings
from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.models import SectionPage
from masthead.website.models import StandardPage

pytestmark = pytest.mark.integration

PAGES = ["/", "/news/world/", "/news/world/pow-swap/", "/about-us/", "/archive/"]


class RecordingBackend(BaseBackend):
    """A CDN that remembers what it was told to drop."""

    purged: list[str] = []

    def purge(self, url):
        RecordingBackend.purged.append(url)


@pytest.fixture
def pages(site_tree, section, xinhua):
    ArticleFactory(parent=section("world"), slug="pow-swap", source=xinhua)
    return PAGES


@pytest.fixture
def site_settings(site_tree):
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def _prime(web, urls):
    for url in urls:
        web.get(url)
    assert {url: web.get(url).x_cache for url in urls} == dict.fromkeys(urls, "HIT")


def _menu(body: bytes) -> list[str]:
    nav = re.search(rb'aria-label="Sections">(.*?)</nav>', body, re.S).group(1)
    return [
        t.decode()
        for t in re.findall(rb'primary-nav__item[^"]*">\s*<a href="[^"]*">([^<]*)', nav)
    ]


def test_a_new_tagline_shows_on_the_next_get_of_every_cached_page(
    web, pages, site_settings, django_capture_on_commit_callbacks
):
    site_settings.tagline = "Printed since this morning"
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()
    _prime(web, pages)

    site_settings.tagline = "The city's own paper, every hour"
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()

    for url in pages:
        page = web.get(url)
        assert page.x_cache == "MISS", url
        assert b"The city&#x27;s own paper, every hour" in page.body, url
        assert b"Printed since this morning" not in page.body, url


def test_a_new_masthead_name_shows_in_titles_and_header(
    web, pages, site_settings, django_capture_on_commit_callbacks
):
    _prime(web, pages)

    site_settings.masthead_name = "The Evening Lamp"
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()

    home = web.get("/")
    assert b"<title>The Evening Lamp</title>" in home.body or (
        b"| The Evening Lamp</title>" in home.body
    )
    assert b'site-header__name" href="/">The Evening Lamp<' in home.body
    assert b"The Evening Lamp" in web.get("/news/world/pow-swap/").body


def test_the_purge_waits_for_the_commit(
    web, pages, site_settings, django_capture_on_commit_callbacks
):
    _prime(web, ["/"])
    site_settings.tagline = "Not yet committed"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        site_settings.save()
    # A reader re-caching the old page before the commit would keep it.
    assert web.get("/").x_cache == "HIT"
    for callback in callbacks:
        callback()
    assert b"Not yet committed" in web.get("/").body


def test_reordering_the_sections_reorders_the_menu_on_cached_pages(
    web, pages, django_capture_on_commit_callbacks
):
    _prime(web, pages)
    assert _menu(web.get("/").body)[:3] == ["In Focus", "News", "Video"]

    opinion = SectionPage.objects.get(slug="opinion")
    in_focus = SectionPage.objects.get(slug="in-focus")
    with django_capture_on_commit_callbacks(execute=True):
        opinion.move(in_focus, pos="left")

    for url in pages:
        assert _menu(web.get(url).body)[:2] == ["Opinion", "In Focus"], url


def test_a_static_page_retitled_shows_in_every_footer(
    web, pages, django_capture_on_commit_callbacks
):
    _prime(web, pages)

    about = StandardPage.objects.get(slug="about-us")
    about.title = "Who we are"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()

    for url in pages:
        body = web.get(url).body
        assert b'<a href="/about-us/">Who we are</a>' in body, url


def test_the_cdn_is_told_every_page_of_the_site(
    pages, site_settings, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "tests.core.test_purge_site_chrome.RecordingBackend"}
    }
    RecordingBackend.purged = []

    site_settings.tagline = "Told to the edge too"
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()

    expected = {"http://testserver" + url for url in pages}
    assert expected <= set(RecordingBackend.purged)
    assert "http://testserver/regions/pudong/" in RecordingBackend.purged


def test_saving_settings_with_the_cache_down_still_saves(
    site_settings, store, monkeypatch, django_capture_on_commit_callbacks
):
    from .test_pagecache_wsgi import BrokenCache

    monkeypatch.setattr(store, "cache", BrokenCache())
    site_settings.tagline = "Saved while the cache was away"
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()

    site_settings.refresh_from_db()
    assert site_settings.tagline == "Saved while the cache was away"
