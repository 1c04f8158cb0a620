"""Malformed or out-of-range input from the address bar is the reader's
mistake (or a scanner's), answered 400 or 404 with a page of the site, and
never logged as a server error."""

import base64
import logging

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from masthead.core.pagecache.wsgi import PageCacheApp
from masthead.newsroom.factories import ArticleFactory
from tests.core.conftest import WSGIClient

pytestmark = pytest.mark.django_db


def cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


SEARCH = [
    ("/search/?q=pow&page=abc", "page number must be a number"),
    ("/search/?q=pow&page=0", "greater than or equal to 1"),
    ("/search/?q=pow&page=99999999999999999999999", "less than or equal to"),
    ("/search/?since=0001-01-01", "between 1900 and 2999"),
    ("/search/?until=9999-12-31", "between 1900 and 2999"),
    ("/search/?since=9999-12-31&until=9999-12-31", "between 1900 and 2999"),
    ("/search/?since=2025-05-01&until=2025-01-01", "must not be before"),
    ("/search/?since=not-a-date", "Enter a valid date"),
]
NOT_FOUND = [
    "/archive/0/",
    "/archive/9999/",
    "/archive/99999/",
    "/archive/99999999999999999999999/",
    "/archive/9999/12/",
    "/archive/0/1/",
    "/archive/9999/12/31/",
    "/archive/2025/05/12345678901234567890123/",
    "/archive/2025/12345678901234567890123/01/",
    "/news/world/?before=" + cursor("0001-01-01T00:00:00+14:00|1"),
    "/news/world/?before=" + cursor("9999-12-31T23:59:59-14:00|5"),
    "/news/world/?before=" + cursor("0001-01-01T00:00:00|1"),
    "/news/world/?before=" + cursor("2025-01-01T00:00:00+00:00|" + "9" * 30),
    "/news/world/?before=" + cursor("2025-01-01T00:00:00+00:00|-1"),
    "/news/world/?before=garbage",
    "/news/world/?before=%ff%fe",
    "/news/world/?before=" + "A" * 5000,
    "/archive/2025/?before=" + cursor("0001-01-01T00:00:00+14:00|1"),
]


@pytest.fixture
def reader(site_tree, section, xinhua):
    ArticleFactory(parent=section("world"), slug="pow-swap", source=xinhua)
    return Client(raise_request_exception=False)


@pytest.fixture
def web():
    """The page cache in front of Django, as tests/core drives it (without
    the per-request connection clean-up, which would end the test's transaction)."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIClient(PageCacheApp(get_wsgi_application()))
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def server_errors(caplog):
    caplog.set_level(logging.ERROR)
    yield lambda: [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(("url", "message"), SEARCH)
def test_bad_search_input_is_a_400_search_page_saying_what_is_wrong(
    reader, server_errors, url, message
):
    response = reader.get(url)

    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    alert = page.select_one(".search-form [role=alert]")
    assert alert is not None and message in alert.get_text()
    assert page.select_one("form.search-form input[name=q]") is not None
    assert page.select_one("footer") is not None, "the site's own page"
    assert server_errors() == []


@pytest.mark.parametrize("url", NOT_FOUND)
def test_impossible_dates_and_forged_cursors_are_404_pages(reader, server_errors, url):
    response = reader.get(url)

    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert "can't find that page" in page.h1.get_text()
    assert server_errors() == []


def test_good_input_around_the_edges_still_answers(reader, server_errors):
    assert reader.get("/search/?q=pow&page=1").status_code == 200
    assert reader.get("/search/?q=pow&page=7").status_code == 200  # past the end
    same_day = "/search/?since=2025-01-01&until=2025-01-01"
    assert reader.get(same_day).status_code == 200
    assert reader.get("/search/?since=1900-01-01&until=2999-12-31").status_code == 200
    assert reader.get("/archive/1900/").status_code == 200
    assert reader.get("/archive/2999/12/31/").status_code == 200
    assert server_errors() == []


def test_too_many_query_fields_is_a_designed_400(reader, server_errors, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = reader.get("/search/?" + "&".join(f"f{i}=1" for i in range(20)))

    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert "could not read that" in page.h1.get_text()
    assert page.select_one("footer") is not None


def test_through_the_page_cache_a_forged_cursor_is_a_404_not_a_500(
    reader, server_errors, web
):
    """The production stack (the page cache in front of Django): the same
    answers, and a 404 stored briefly like any other."""
    url = "/news/world/?before=" + cursor("9999-12-31T23:59:59-14:00|5")
    first, second = web.get(url), web.get(url)

    assert (first.status, second.status) == (404, 404)
    assert second.x_cache == "HIT"
    assert web.get("/archive/99999/").status == 404
    assert web.get("/search/?q=pow&page=abc").status == 400
    assert server_errors() == []
