"""Archive pages lead to the nearest days, months and years that have stories,
and the index counts them: all in the site's time zone (Asia/Shanghai, UTC+8)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.newsroom.date_archive import neighbours
from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.models import ArticlePage
from masthead.newsroom.purge import paths_for_article

pytestmark = pytest.mark.integration
SHANGHAI = ZoneInfo("Asia/Shanghai")


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def nav_links(response) -> dict[str, str]:
    """{'Previous day': '/archive/…/', …} from the first archive nav."""
    nav = soup(response).select_one("nav.archive-nav")
    if nav is None:
        return {}
    return {
        a.select_one(".archive-nav__direction").get_text(strip=True): a["href"]
        for a in nav.select("a")
    }


def story(section, when: datetime, **kwargs):
    return ArticleFactory(parent=section("world"), published_at=when, **kwargs)


@pytest.fixture
def spread(section):
    """Stories on 2 May, 16 May (two, one of them 01:30 Shanghai time, still
    15 May in UTC) and 20 July 2025, and on 3 January 2027; nothing between."""
    return [
        story(section, datetime(2025, 5, 2, 4, 0, tzinfo=UTC), title="May the second"),
        story(section, datetime(2025, 5, 15, 17, 30, tzinfo=UTC), title="Small hours"),
        story(section, datetime(2025, 5, 16, 9, 0, tzinfo=UTC), title="Midday"),
        story(section, datetime(2025, 7, 20, 2, 0, tzinfo=UTC), title="July story"),
        story(section, datetime(2027, 1, 3, 2, 0, tzinfo=UTC), title="New year"),
    ]


def test_a_day_links_to_the_nearest_days_with_stories_skipping_empty_ones(
    client, spread
):
    links = nav_links(client.get("/archive/2025/05/16/"))
    assert links == {
        "Previous day": "/archive/2025/05/02/",
        "Next day": "/archive/2025/07/20/",
    }
    page = soup(client.get("/archive/2025/05/16/"))
    nav_text = page.select_one("nav.archive-nav").get_text(" ", strip=True)
    assert "2 May 2025" in nav_text and "20 July 2025" in nav_text
    # The same links again below the list, under their own landmark name.
    labels = [n["aria-label"] for n in page.select("nav.archive-nav")]
    assert labels == ["Other days", "Other days, below the list"]


def test_the_day_is_the_site_zones_day_not_utcs(client, spread):
    # 17:30 UTC on 15 May is 01:30 on 16 May in Shanghai: 15 May has nothing,
    # and 2 May's next day is 16 May.
    assert nav_links(client.get("/archive/2025/05/02/")) == {
        "Next day": "/archive/2025/05/16/"
    }


def test_an_empty_day_still_leads_both_ways(client, spread):
    response = client.get("/archive/2025/06/01/")
    assert "No stories here yet." in response.content.decode()
    assert nav_links(response) == {
        "Previous day": "/archive/2025/05/16/",
        "Next day": "/archive/2025/07/20/",
    }


def test_first_and_last_days_have_one_link(client, spread):
    assert nav_links(client.get("/archive/2025/05/02/")).keys() == {"Next day"}
    assert nav_links(client.get("/archive/2027/01/03/")) == {
        "Previous day": "/archive/2025/07/20/"
    }


def test_months_and_years_skip_empty_ones_too(client, spread):
    assert nav_links(client.get("/archive/2025/05/")) == {
        "Next month": "/archive/2025/07/"
    }
    assert nav_links(client.get("/archive/2025/07/")) == {
        "Previous month": "/archive/2025/05/",
        "Next month": "/archive/2027/01/",
    }
    assert nav_links(client.get("/archive/2027/")) == {
        "Previous year": "/archive/2025/"
    }


def test_drafts_and_embargoed_stories_are_not_neighbours(client, section, spread):
    story(
        section,
        datetime(2025, 6, 10, 2, 0, tzinfo=UTC),
        title="Draft",
        publish=False,
    )
    embargoed = story(section, datetime(2025, 6, 11, 2, 0, tzinfo=UTC), title="Held")
    ArticlePage.objects.filter(pk=embargoed.pk).update(
        embargo_until=timezone.now() + timedelta(days=1)
    )
    assert nav_links(client.get("/archive/2025/05/16/"))["Next day"] == (
        "/archive/2025/07/20/"
    )


def test_the_index_counts_stories_by_year_and_month(client, spread):
    page = soup(client.get("/archive/"))
    years = {
        h.select_one("a").get_text(): h.select_one(".archive-year__count").get_text()
        for h in page.select(".archive-year__heading")
    }
    assert years == {"2027": "1 story", "2025": "4 stories"}
    months = {
        a["href"]: a.get_text(" ", strip=True)
        for a in page.select(".archive-months__link")
    }
    assert months == {
        "/archive/2027/01/": "January 1 story",
        "/archive/2025/07/": "July 1 story",
        # Three in May: "Small hours" is Shanghai's 16 May, not UTC's 15 May.
        "/archive/2025/05/": "May 3 stories",
    }


def test_publishing_on_a_new_day_purges_the_neighbours_whose_links_change(
    section, spread
):
    # A story on 1 June becomes 16 May's next day and 20 July's previous day.
    june = story(section, datetime(2025, 6, 1, 2, 0, tzinfo=UTC), title="June")
    paths = paths_for_article(june)
    assert {
        "/archive/",
        "/archive/2025/06/01/",
        "/archive/2025/05/16/",
        "/archive/2025/07/20/",
        "/archive/2025/06/",
        "/archive/2025/05/",
        "/archive/2025/07/",
        "/archive/2025/",
        "/archive/2027/",
    } <= paths


def test_neighbours_cost_two_queries_whatever_the_gap(
    spread, django_assert_num_queries
):
    since = datetime(2025, 6, 1, tzinfo=SHANGHAI)
    with django_assert_num_queries(2):
        earlier, later = neighbours(since, since + timedelta(days=1), SHANGHAI)
    assert (str(earlier), str(later)) == ("2025-05-16", "2025-07-20")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_neighbour_queries_walk_the_publish_time_index(spread):
    """With a million stories a sort or a scan would read them all: each query
    must read the publish-time index in order and stop at its first row."""
    since = datetime(2025, 6, 1, tzinfo=SHANGHAI)
    with CaptureQueriesContext(connection) as queries:
        neighbours(since, since + timedelta(days=1), SHANGHAI)
    assert len(queries.captured_queries) == 2
    for query in queries.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
        assert "TEMP B-TREE" not in plan, plan
        assert "first_published_at" in plan, plan
