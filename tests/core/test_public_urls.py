"""Absolute URLs (canonical links, sitemap, CDN purges) use the configured
public base URL, or else the request's own host and port."""

from datetime import UTC, datetime
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from masthead.core.public_urls import check_public_url
from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.listing import encode_cursor
from masthead.newsroom.purge import full_urls, paths_for_article

pytestmark = pytest.mark.integration
DEMO_HOST = "127.0.0.1:8000"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def canonical(client, path: str, host: str = DEMO_HOST) -> str | None:
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, path
    link = BeautifulSoup(response.content, "html.parser").select(
        'link[rel="canonical"]'
    )
    assert len(link) <= 1, "one canonical link per page"
    return link[0]["href"] if link else None


def sitemap_locations(client, host: str = DEMO_HOST) -> list[str]:
    """Every <loc> of the sitemap index and of each sitemap it names."""

    def read(path):
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        tree = ElementTree.fromstring(body)
        return [loc.text for loc in tree.findall(".//s:loc", SITEMAP_NS)]

    sitemaps = read("/sitemap.xml")
    return sitemaps + [
        loc for sitemap in sitemaps for loc in read(urlsplit(sitemap).path)
    ]


@pytest.fixture
def article(section):
    return ArticleFactory(
        parent=section("world"),
        title="Harbour bridge reopens",
        published_at=datetime(2025, 5, 16, 2, 0, tzinfo=UTC),
    )


def test_without_a_setting_canonical_links_keep_the_requests_host_and_port(
    client, article
):
    # The Wagtail Site record says testserver:80; the reader is on :8000.
    assert canonical(client, article.url) == f"http://{DEMO_HOST}{article.url}"
    assert canonical(client, "/news/world/") == f"http://{DEMO_HOST}/news/world/"
    assert canonical(client, "/") == f"http://{DEMO_HOST}/"
    assert canonical(client, "/archive/2025/05/16/") == (
        f"http://{DEMO_HOST}/archive/2025/05/16/"
    )
    assert canonical(client, "/about-us/") == f"http://{DEMO_HOST}/about-us/"
    assert canonical(client, "/", host="localhost:8123") == "http://localhost:8123/"


def test_without_a_setting_the_sitemap_keeps_the_requests_host_and_port(
    client, article
):
    locations = sitemap_locations(client)
    assert f"http://{DEMO_HOST}{article.url}" in locations
    assert f"http://{DEMO_HOST}/" in locations
    assert all(loc.startswith(f"http://{DEMO_HOST}/") for loc in locations)


@override_settings(MASTHEAD_PUBLIC_URL="https://news.example.com/")
def test_the_configured_public_url_wins_everywhere(client, article):
    assert canonical(client, article.url) == f"https://news.example.com{article.url}"
    assert canonical(client, "/archive/") == "https://news.example.com/archive/"
    locations = sitemap_locations(client)
    assert f"https://news.example.com{article.url}" in locations
    assert all(loc.startswith("https://news.example.com/") for loc in locations)


@override_settings(MASTHEAD_PUBLIC_URL="https://news.example.com")
def test_cdn_purges_name_the_public_url(article):
    urls = full_urls(article, paths_for_article(article))
    assert f"https://news.example.com{article.url}" in urls
    assert all(url.startswith("https://news.example.com/") for url in urls)


def test_a_listings_canonical_keeps_its_page_and_drops_tracking(client, article):
    cursor = encode_cursor(article.first_published_at, article.pk)
    href = canonical(client, f"/news/world/?before={cursor}&utm_source=feed")
    assert href == f"http://{DEMO_HOST}/news/world/?before={cursor}"


def test_a_missing_page_has_no_canonical_link(client, site_tree):
    response = client.get("/no-such-page/", HTTP_HOST=DEMO_HOST)
    assert response.status_code == 404
    assert b'rel="canonical"' not in response.content


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://news.example.com/", "https://news.example.com"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("", ""),
    ],
)
def test_good_public_urls_are_normalised(value, expected):
    assert check_public_url(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "news.example.com",
        "ftp://news.example.com",
        "https://news.example.com/paper/",
        "https://news.example.com/?a=1",
        "https://news.example.com:port",
        "https://user@news.example.com",
    ],
)
def test_bad_public_urls_are_refused_with_a_clear_message(value):
    with pytest.raises(ImproperlyConfigured, match="MASTHEAD_PUBLIC_URL"):
        check_public_url(value)
