from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from masthead.newsroom.factories import ArticleFactory, PersonFactory
from masthead.newsroom.models import PeopleIndexPage

pytestmark = pytest.mark.integration


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def editor(site_tree):
    person = PersonFactory(
        parent=PeopleIndexPage.objects.get(),
        title="Zhao Yinuo",
        slug="zhao-yinuo",
        role="editor",
    )
    person.save_revision().publish()
    return person


@pytest.fixture
def article(section, xinhua, editor):
    return ArticleFactory(
        parent=section("world"),
        title="Talks end with an agreement to meet again",
        slug="talks-end",
        lead="Delegations agreed to hold a new round of negotiations.",
        paragraphs=["First body paragraph.", "Second body paragraph."],
        source=xinhua,
        desk_editor=editor,
        published_at=datetime(2025, 5, 16, 15, 35, tzinfo=UTC),
    )


def test_article_page_renders_every_seed_element_from_data(client, article, section):
    sibling = ArticleFactory(parent=section("world"), title="Another world story")
    ArticleFactory(parent=section("sport"), title="A sport story")
    page = soup(client.get("/news/world/talks-end/"))
    assert [a.get_text() for a in page.select(".breadcrumb a")] == ["News", "World"]
    assert (
        page.select_one("h1").get_text() == "Talks end with an agreement to meet again"
    )
    assert page.select_one(".article__source").get_text() == "Xinhua"
    time = page.select_one(".article__time time")
    assert time["datetime"] == "2025-05-16T15:35:00+00:00"
    assert time.get_text() == "23:35 UTC+8, 2025-05-16"
    lead = "Delegations agreed to hold a new round of negotiations."
    assert page.select_one(".article__lead").get_text() == lead
    assert page.get_text().count(lead) == 1
    body = [p.get_text() for p in page.select(".article__body p")]
    assert body == ["First body paragraph.", "Second body paragraph."]
    assert page.select_one(".article__credit").get_text() == (
        "Source: Xinhua   Editor: Zhao Yinuo"
    )
    related = [a.get_text() for a in page.select(".related .teaser__headline a")]
    assert related == [sibling.title]


def test_credit_line_changes_with_the_data(client, article, editor):
    from masthead.newsroom.factories import SourceFactory

    article.source = SourceFactory(
        name="Anadolu", slug="anadolu", credit="Anadolu Agency"
    )
    article.desk_editor = None
    article.save_revision().publish()
    page = soup(client.get(article.url))
    assert page.select_one(".article__credit").get_text() == "Source: Anadolu Agency"
    assert page.select_one(".article__source").get_text() == "Anadolu Agency"


def test_draft_article_is_not_served(client, section):
    draft = ArticleFactory(
        parent=section("world"), title="Not yet", slug="not-yet", publish=False
    )
    assert client.get("/news/world/not-yet/").status_code == 404
    assert draft.title not in client.get("/news/world/").content.decode()


def test_embargoed_article_is_absent_even_if_live(client, section):
    ArticleFactory(
        parent=section("world"),
        title="Embargoed story",
        slug="embargoed",
        embargo_until=datetime.now(UTC) + timedelta(hours=2),
    )
    assert "Embargoed story" not in client.get("/news/world/").content.decode()
    assert "Embargoed story" not in client.get("/").content.decode()
    assert "Embargoed story" not in client.get("/search/?q=embargoed").content.decode()


def test_home_has_top_story_focus_picks_and_latest_per_section(client, section):
    base = datetime(2025, 5, 1, tzinfo=UTC)
    focus = ArticleFactory(
        parent=section("in-focus"), title="Focus piece", published_at=base
    )
    world = ArticleFactory(
        parent=section("world"),
        title="World piece",
        published_at=base + timedelta(hours=1),
    )
    newest = ArticleFactory(
        parent=section("business"),
        title="Newest piece",
        published_at=base + timedelta(hours=2),
    )
    opinion = ArticleFactory(
        parent=section("opinion"),
        title="Opinion piece",
        opinion_kind="foreign-views",
        published_at=base + timedelta(minutes=30),
    )
    page = soup(client.get("/"))
    assert page.select_one(".front__top .teaser__headline a").get_text() == newest.title
    assert [a.get_text() for a in page.select(".front__focus .teaser__headline a")] == [
        focus.title
    ]
    blocks = {
        s.select_one(".section-heading").get_text(): [
            a.get_text() for a in s.select(".teaser__headline a")
        ]
        for s in page.select(".front__section")
    }
    assert blocks["News"] == [world.title]  # the top story is not repeated
    assert blocks["Opinion"] == [opinion.title]
    assert "Foreign views" in page.select(".front__section")[1].get_text()


def test_home_top_story_can_be_chosen(client, section, site_tree):
    chosen = ArticleFactory(
        parent=section("world"),
        title="Chosen lead",
        published_at=datetime(2024, 1, 1, tzinfo=UTC),
    )
    ArticleFactory(parent=section("world"), title="Newer story")
    site_tree.top_story = chosen
    site_tree.save_revision().publish()
    page = soup(client.get("/"))
    assert (
        page.select_one(".front__top .teaser__headline a").get_text() == "Chosen lead"
    )


def test_person_page_lists_their_stories(client, article, editor):
    page = soup(client.get("/people/zhao-yinuo/"))
    assert page.select_one("h1").get_text() == "Zhao Yinuo"
    assert article.title in page.get_text()


def test_article_render_stays_within_the_query_budget(
    client, article, section, django_assert_max_num_queries
):
    # design.md §8: <= 12 queries per article render (a count, not a timing).
    for i in range(6):
        ArticleFactory(parent=section("world"), title=f"Related {i}")
    client.get(article.url)  # warm the navigation cache, as any running site has
    with django_assert_max_num_queries(12):
        response = client.get(article.url)
    assert response.status_code == 200


def test_related_stories_follow_new_publications_in_the_section(
    client, article, section, django_capture_on_commit_callbacks
):
    first = ArticleFactory(parent=section("world"), title="First sibling")
    ArticleFactory(parent=section("sport"), title="Other section")

    def related():
        page = soup(client.get(article.url))
        return [a.get_text() for a in page.select(".related .teaser__headline a")]

    assert related() == ["First sibling"]
    # Purges (and the retiring of shared fragments) run after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        with_second = ArticleFactory(parent=section("world"), title="Second sibling")
    assert related() == ["Second sibling", "First sibling"]  # the shared block moved on
    with django_capture_on_commit_callbacks(execute=True):
        with_second.unpublish()
    assert related() == [first.title]
    # Each page leaves itself out of the shared list.
    page = soup(client.get(first.url))
    assert [a.get_text() for a in page.select(".related .teaser__headline a")] == [
        article.title
    ]
