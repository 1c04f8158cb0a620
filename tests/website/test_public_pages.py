"""The pages a reader reaches from the seed's navigation."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from masthead.demo.sitetree import load_site_tree
from masthead.newsroom.factories import ArticleFactory, SpecialReportFactory
from masthead.newsroom.models import RegionPage

pytestmark = pytest.mark.integration
DISTRICTS = load_site_tree().districts
CITIES = load_site_tree().cities


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_header_and_footer_carry_the_seed_navigation_and_settings(client, site_tree):
    page = soup(client.get("/"))
    nav = [a.get_text() for a in page.select(".primary-nav__item > a")]
    assert nav == ["In Focus", "News", "Video", "Opinion", "Regions", "Special"]
    news_children = [
        a.get_text()
        for a in page.select(".primary-nav__item")[1].select(".primary-nav__sub a")
    ]
    assert news_children == ["Business", "Metro", "Nation", "World", "Sport"]
    regions = [a.get_text() for a in page.select(".primary-nav__sub--regions a")]
    assert regions == [t for t, _ in DISTRICTS] + [t for t, _ in CITIES]
    footer = page.select_one(".site-footer").get_text(" ", strip=True)
    assert "News information service licence: DEMO-0001" in footer
    year = timezone.now().astimezone(ZoneInfo("Asia/Shanghai")).year
    assert f"© {year} Masthead Daily" in footer
    assert "Hotline: +86 21 5555 0100" in footer
    links = [a.get_text() for a in page.select(".site-footer__pages a")]
    assert links == [
        "About us",
        "Our people",
        "Contact us",
        "Feedback",
        "Privacy Policy",
        "Terms of Use",
        "Archive",
    ]


def test_footer_lines_come_from_site_settings(client, site_tree):
    from masthead.core.models import SiteSettings

    settings = SiteSettings.objects.get()
    settings.licence_lines = "Licence A-1\nLicence B-2"
    settings.hotline = "8621-0000"
    settings.save()
    footer = soup(client.get("/contact-us/")).select_one(".site-footer").get_text(" ")
    assert "Licence A-1" in footer and "Licence B-2" in footer
    assert "DEMO-0001" not in footer
    assert "8621-0000" in footer


def test_contact_page_shows_address_and_hotline(client, site_tree):
    page = soup(client.get("/contact-us/"))
    details = page.select_one(".contact-details").get_text(" ")
    assert "Huangpu District" in details and "+86 21 5555 0100" in details


@pytest.mark.parametrize("path", ["/about-us/", "/privacy-policy/", "/terms-of-use/"])
def test_static_pages_are_editable_pages(client, site_tree, path):
    from masthead.website.models import StandardPage

    page = StandardPage.objects.get(url_path__endswith=path)
    page.body = "<p>Edited by the desk.</p>"
    page.save_revision().publish()
    assert "Edited by the desk." in client.get(path).content.decode()


def test_section_lists_descendants_newest_first_with_cursor_pages(
    client, section, settings
):
    settings.DEBUG = False
    world, sport = section("world"), section("sport")
    base = datetime(2025, 5, 1, tzinfo=UTC)
    for i in range(23):
        ArticleFactory(
            parent=world,
            title=f"World story {i:02d}",
            published_at=base + timedelta(hours=i),
        )
    ArticleFactory(
        parent=sport, title="Sport story", published_at=base + timedelta(days=5)
    )
    ArticleFactory(parent=world, title="Unpublished draft", publish=False)

    first = soup(client.get("/news/"))
    titles = [a.get_text() for a in first.select(".article-list .teaser__headline a")]
    assert titles[0] == "Sport story"  # News lists World and Sport together
    assert titles[1:4] == ["World story 22", "World story 21", "World story 20"]
    assert len(titles) == 20
    assert "Unpublished draft" not in first.get_text()

    older = first.select_one("a[rel=next]")["href"]
    second = soup(client.get("/news/" + older))
    rest = [a.get_text() for a in second.select(".article-list .teaser__headline a")]
    assert rest == [
        "World story 03",
        "World story 02",
        "World story 01",
        "World story 00",
    ]
    assert second.select_one("a[rel=next]") is None

    only_world = soup(client.get("/news/world/")).get_text()
    assert "Sport story" not in only_world


def test_bad_cursor_is_a_404_not_a_crash(client, section):
    assert client.get("/news/?before=%%%garbage").status_code == 404


def test_regions_index_lists_districts_and_cities(client, site_tree):
    page = soup(client.get("/regions/"))
    lists = page.select(".region-list")
    assert [a.get_text() for a in lists[0].select("a")] == [t for t, _ in DISTRICTS]
    assert [a.get_text() for a in lists[1].select("a")] == [t for t, _ in CITIES]


def test_region_page_lists_its_articles(client, section):
    pudong = RegionPage.objects.get(slug="pudong")
    ArticleFactory(
        parent=section("metro"), title="Ferry pier reopens", regions=[pudong]
    )
    ArticleFactory(parent=section("metro"), title="Elsewhere story")
    text = soup(client.get("/regions/pudong/")).get_text()
    assert "Ferry pier reopens" in text and "Elsewhere story" not in text


def test_special_report_page_and_article_membership(client, section):
    report = SpecialReportFactory(
        parent=section("special-reports"), title="Expo 2025", slug="expo"
    )
    report.save_revision().publish()
    article = ArticleFactory(
        parent=section("world"), title="Expo opens", special_reports=[report]
    )
    assert "Expo opens" in client.get("/special/special-reports/expo/").content.decode()
    page = soup(client.get(article.url))
    assert [a.get_text() for a in page.select(".in-reports a")] == ["Expo 2025"]


def test_archive_uses_the_site_time_zone(client, section):
    # 17:30 UTC on 15 May is 01:30 on 16 May in Shanghai.
    ArticleFactory(
        parent=section("world"),
        title="Late story",
        published_at=datetime(2025, 5, 15, 17, 30, tzinfo=UTC),
    )
    ArticleFactory(
        parent=section("world"),
        title="Early story",
        published_at=datetime(2025, 5, 15, 1, 0, tzinfo=UTC),
    )
    day16 = client.get("/archive/2025/05/16/").content.decode()
    day15 = client.get("/archive/2025/05/15/").content.decode()
    assert "Late story" in day16 and "Early story" not in day16
    assert "Early story" in day15
    month = client.get("/archive/2025/05/").content.decode()
    assert "Late story" in month and "Early story" in month
    index = soup(client.get("/archive/"))
    assert index.select_one('a[href="/archive/2025/05/"]') is not None
    assert client.get("/archive/2025/13/").status_code == 404
    assert client.get("/archive/2025/02/30/").status_code == 404


def test_search_filters_and_highlights(client, section):
    pudong = RegionPage.objects.get(slug="pudong")
    ArticleFactory(
        parent=section("metro"),
        title="Harbour ferry timetable changes",
        regions=[pudong],
        paragraphs=["The ferry <b>service</b> will run later on weekends."],
        published_at=datetime(2025, 5, 16, 3, tzinfo=UTC),
    )
    ArticleFactory(
        parent=section("world"),
        title="Ferry strike abroad",
        paragraphs=["Workers on a ferry line stopped work."],
        published_at=datetime(2025, 4, 2, 3, tzinfo=UTC),
    )
    ArticleFactory(
        parent=section("world"), title="Unrelated", paragraphs=["Nothing here."]
    )

    def titles(query):
        return [
            a.get_text()
            for a in soup(client.get("/search/" + query)).select(".search-hit h2 a")
        ]

    assert sorted(titles("?q=ferry")) == [
        "Ferry strike abroad",
        "Harbour ferry timetable changes",
    ]
    assert titles("?q=ferry&section=metro") == ["Harbour ferry timetable changes"]
    assert titles("?q=ferry&region=pudong") == ["Harbour ferry timetable changes"]
    assert titles("?q=ferry&since=2025-05-01") == ["Harbour ferry timetable changes"]
    assert titles("?q=ferry&until=2025-04-30") == ["Ferry strike abroad"]
    page = client.get("/search/?q=ferry&section=metro").content.decode()
    assert "<mark>ferry</mark>" in page
    # The body's markup is text in a snippet, never HTML.
    assert "<b>service</b>" not in page


def test_unknown_page_gets_the_designed_404(client, site_tree):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "We can't find that page" in response.content.decode()
