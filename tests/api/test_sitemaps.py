"""The sitemap index and its sitemaps, parsed as XML: namespaces, counts,
lastmod, pictures, Google News tags; the split of a big month; robots.txt."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from lxml import etree
from wagtail.models import Site

from masthead.api.sitemaps.months import _count, _count_grouped
from masthead.api.sitemaps.queries import SiteRows
from masthead.newsroom.factories import ArticleFactory

from .conftest import SITE, make_image

pytestmark = pytest.mark.integration

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
LIVE = ("bridge", "licensed", "unlicensed", "bare", "rtl")


def read_xml(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert response["Content-Type"].startswith("application/xml")
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return etree.fromstring(body)


def index_entries(client) -> dict[str, str | None]:
    root = read_xml(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    return {
        node.findtext("s:loc", namespaces=NS): node.findtext("s:lastmod", namespaces=NS)
        for node in root.findall("s:sitemap", NS)
    }


def urls(root) -> dict[str, etree._Element]:
    assert root.tag == f"{{{NS['s']}}}urlset"
    return {
        node.findtext("s:loc", namespaces=NS): node
        for node in root.findall("s:url", NS)
    }


def w3c(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_the_index_names_every_sitemap_with_month_lastmods(client, newsroom):
    entries = index_entries(client)
    may = max(newsroom[key].last_published_at for key in LIVE)
    assert entries == {
        f"{SITE}/sitemaps/news.xml": None,
        f"{SITE}/sitemaps/sections.xml": None,
        f"{SITE}/sitemaps/pages.xml": None,
        f"{SITE}/sitemaps/articles-2025-05.xml": w3c(may),
    }
    for loc in entries:  # every one answers
        read_xml(client, loc.removeprefix(SITE))


def test_a_month_lists_its_live_stories_with_lastmod_and_pictures(client, newsroom):
    older = ArticleFactory(
        parent=newsroom["world"],
        title="April story",
        published_at=datetime(2025, 4, 30, 23, 59, tzinfo=UTC),
    )
    assert f"{SITE}/sitemaps/articles-2025-04.xml" in index_entries(client)
    may = urls(read_xml(client, "/sitemaps/articles-2025-05.xml"))
    assert set(may) == {f"{SITE}{newsroom[key].url}" for key in LIVE}
    bridge = may[f"{SITE}{newsroom['bridge'].url}"]
    assert bridge.findtext("s:lastmod", namespaces=NS) == w3c(
        newsroom["bridge"].last_published_at
    )
    picture = newsroom["pictures"]["lead"]
    assert bridge.xpath("image:image/image:loc/text()", namespaces=NS) == [
        f"{SITE}{picture.file.url}"
    ]
    assert may[f"{SITE}{newsroom['bare'].url}"].findall("image:image", NS) == []
    april = urls(read_xml(client, "/sitemaps/articles-2025-04.xml"))
    assert set(april) == {f"{SITE}{older.url}"}


def test_nothing_hidden_is_in_any_sitemap(client, newsroom):
    hidden = {a.slug for a in newsroom["hidden"].values()}
    for loc in index_entries(client):
        for url in urls(read_xml(client, loc.removeprefix(SITE))):
            assert not any(f"/{slug}/" in url for slug in hidden), url


def test_a_big_month_is_split_and_every_file_stays_under_the_limit(
    client, newsroom, settings
):
    settings.MASTHEAD_SITEMAP_URLS = 2
    entries = index_entries(client)
    files = [loc for loc in entries if "/articles-2025-05" in loc]
    assert files == [
        f"{SITE}/sitemaps/articles-2025-05.xml",
        f"{SITE}/sitemaps/articles-2025-05-2.xml",
        f"{SITE}/sitemaps/articles-2025-05-3.xml",
    ]
    seen = []
    for loc in files:
        found = list(urls(read_xml(client, loc.removeprefix(SITE))))
        assert 1 <= len(found) <= 2
        seen += found
    assert sorted(seen) == sorted(f"{SITE}{newsroom[key].url}" for key in LIVE)
    assert client.get("/sitemaps/articles-2025-05-4.xml").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/sitemaps/articles-2025-13.xml",
        "/sitemaps/articles-2025-00.xml",
        "/sitemaps/articles-0999-05.xml",
        "/sitemaps/articles-2025-06.xml",  # no stories that month
        "/sitemaps/articles-2025-05-1.xml",  # the first file has no number
        "/sitemaps/articles-2025-05-02.xml",
        "/sitemaps/articles-2025-05-9999999.xml",
    ],
)
def test_addresses_of_no_sitemap_are_404(client, newsroom, path):
    assert client.get(path).status_code == 404


def test_the_index_is_one_file_and_says_so_to_a_page_number(client, newsroom):
    response = client.get("/sitemap.xml?p=2")
    assert response.status_code == 400
    assert "takes no 'p' parameter" in response.content.decode()


def test_a_month_costs_the_same_queries_however_many_stories(
    client, newsroom, django_assert_max_num_queries
):
    def month_queries():
        with django_assert_max_num_queries(12) as captured:
            read_xml(client, "/sitemaps/articles-2025-05.xml")
        return len(captured)

    few = month_queries()
    for n in range(15):
        ArticleFactory(
            parent=newsroom["world"],
            title=f"More {n}",
            main_image=newsroom["pictures"]["body"] if n % 2 else None,
            published_at=datetime(2025, 5, 1, 8, n, tzinfo=UTC),
        )
    assert month_queries() == few


def test_the_news_sitemap_holds_the_last_48_hours(client, newsroom):
    fresh = ArticleFactory(
        parent=newsroom["world"],
        title="Fresh story & more",
        published_at=timezone.now() - timedelta(hours=3),
    )
    ArticleFactory(
        parent=newsroom["world"],
        title="Two days and more",
        published_at=timezone.now() - timedelta(hours=49),
    )
    found = urls(read_xml(client, "/sitemaps/news.xml"))
    assert list(found) == [f"{SITE}{fresh.url}"]
    news = found[f"{SITE}{fresh.url}"].find("news:news", NS)
    assert (
        news.findtext("news:publication/news:name", namespaces=NS) == "Masthead Daily"
    )
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:publication_date", namespaces=NS) == w3c(
        fresh.first_published_at
    )
    assert news.findtext("news:title", namespaces=NS) == "Fresh story & more"


def test_listing_pages_with_their_newest_pictures(client, newsroom):
    report = newsroom["expo"]
    report.image = make_image("Expo poster")
    report.save_revision().publish()
    found = urls(read_xml(client, "/sitemaps/sections.xml"))
    for path in ("/", "/news/", "/news/world/", "/regions/pudong/", report.url):
        assert f"{SITE}{path}" in found, path
    assert f"{SITE}{newsroom['bridge'].url}" not in found
    lead = f"{SITE}{newsroom['pictures']['lead'].file.url}"
    world = found[f"{SITE}/news/world/"]
    assert lead in world.xpath("image:image/image:loc/text()", namespaces=NS)
    assert world.findtext("s:lastmod", namespaces=NS) == w3c(
        max(newsroom["world"].last_published_at, newsroom["bridge"].first_published_at)
    )
    expo = found[f"{SITE}{report.url}"].xpath(
        "image:image/image:loc/text()", namespaces=NS
    )
    assert expo[0] == f"{SITE}{report.image.file.url}"
    assert lead in expo


def test_other_pages_with_their_pictures(client, newsroom):
    person = newsroom["people"]["li-hua"]
    person.photo = make_image("Li Hua portrait")
    person.save_revision().publish()
    found = urls(read_xml(client, "/sitemaps/pages.xml"))
    for path in ("/about-us/", "/privacy-policy/", "/people/", "/regions/", person.url):
        assert f"{SITE}{path}" in found, path
    assert found[f"{SITE}{person.url}"].xpath(
        "image:image/image:loc/text()", namespaces=NS
    ) == [f"{SITE}{person.photo.file.url}"]
    assert f"{SITE}/news/world/" not in found


def test_robots_txt_names_the_sitemaps(client, newsroom):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert f"Sitemap: {SITE}/sitemaps/news.xml" in lines
    assert "User-agent: *" in lines


@override_settings(MASTHEAD_PUBLIC_URL="https://news.example.com")
def test_every_address_is_on_the_public_base_url(client, newsroom):
    locations = list(index_entries(client))
    for loc in list(locations):
        root = read_xml(client, loc.removeprefix("https://news.example.com"))
        locations += root.xpath("//s:loc/text() | //image:loc/text()", namespaces=NS)
    assert all(loc.startswith("https://news.example.com/") for loc in locations)
    assert (
        "Sitemap: https://news.example.com/sitemap.xml"
        in client.get("/robots.txt").content.decode()
    )


def test_the_index_counts_past_months_once(
    client, newsroom, django_assert_max_num_queries
):
    for month in range(1, 13):
        ArticleFactory(
            parent=newsroom["world"],
            title=f"Story of 2024-{month:02d}",
            published_at=datetime(2024, month, 10, tzinfo=UTC),
        )
    assert len(index_entries(client)) == 3 + 13
    # Thirteen past months are remembered: the ends of the archive, the two
    # newest months counted afresh, the site and its settings.
    with django_assert_max_num_queries(6):
        assert len(index_entries(client)) == 3 + 13


def test_a_change_in_a_past_month_is_counted_again(
    client, newsroom, settings, django_capture_on_commit_callbacks
):
    settings.MASTHEAD_SITEMAP_URLS = 5
    may = f"{SITE}/sitemaps/articles-2025-05.xml"
    assert f"{SITE}/sitemaps/articles-2025-05-2.xml" not in index_entries(client)

    with django_capture_on_commit_callbacks(execute=True):
        story = ArticleFactory(
            parent=newsroom["world"],
            title="Sixth story of May",
            published_at=datetime(2025, 5, 2, tzinfo=UTC),
        )
    entries = index_entries(client)
    assert f"{SITE}/sitemaps/articles-2025-05-2.xml" in entries
    assert entries[may] == w3c(story.last_published_at)

    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()
    assert f"{SITE}/sitemaps/articles-2025-05-2.xml" not in index_entries(client)


def test_a_cold_index_counts_many_months_in_one_pass(
    client, newsroom, django_assert_max_num_queries
):
    """A ten-year archive's first index was a query per month (120 at 6 s on a
    million stories); now the uncounted months are counted together."""
    for month in range(1, 13):
        for day in (3, 17):
            ArticleFactory(
                parent=newsroom["world"],
                title=f"Story of 2023-{month:02d}-{day}",
                published_at=datetime(2023, month, day, tzinfo=UTC),
            )
    with django_assert_max_num_queries(8):
        entries = index_entries(client)
    months = [u for u in entries if "/sitemaps/articles-2023-" in u]
    assert len(months) == 12
    # The grouped counts agree with a month counted on its own.
    articles = SiteRows(Site.objects.get(is_default_site=True), None, SITE).articles()
    grouped = _count_grouped(articles, [(2023, m) for m in range(1, 13)])
    assert grouped == {(2023, m): _count(articles, 2023, m) for m in range(1, 13)}
    assert all(count == 2 for count, _ in grouped.values())
