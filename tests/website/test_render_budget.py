"""Full renders within their query budgets (design.md §8; counts, not timings),
and the kept fragments that make them cheap showing every change at once:
publishing, unpublishing, a new comment, a preview never kept."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.models import RegionPage
from masthead.readers.comments.models import Comment

pytestmark = pytest.mark.integration

# Steady-state renders (the navigation, the site and the kept lists warm, as on
# any running site). The same on SQLite and PostgreSQL.
BUDGET = {"article": 8, "home": 6, "section": 7, "region": 7}
START = datetime(2025, 5, 16, 1, tzinfo=UTC)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def headlines(page) -> list[str]:
    return [a.get_text() for a in page.select(".teaser__headline a")]


def count_of(page, title: str) -> str:
    for teaser in page.select(".teaser"):
        if teaser.select_one(".teaser__headline a").get_text() == title:
            return teaser.select_one(".comment-count").get_text()
    raise AssertionError(f"no teaser for {title!r}")


@pytest.fixture
def archive(section, xinhua):
    """Stories in several sections and a region, an hour apart."""
    pudong = RegionPage.objects.get(slug="pudong")
    made = {}
    for n, slug in enumerate(["world", "nation", "metro", "business", "sport"] * 3):
        made[f"{slug}-{n}"] = ArticleFactory(
            parent=section(slug),
            title=f"Story {n} in {slug}",
            source=xinhua,
            regions=[pudong] if slug == "metro" else [],
            published_at=START + timedelta(hours=n),
        )
    return made


def queries_of(client, url: str) -> int:
    client.get(url)  # warm: navigation, site, kept fragments
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_every_public_page_renders_within_its_query_budget(client, archive):
    article = archive["world-0"]
    urls = {
        "article": article.url,
        "home": "/",
        "section": "/news/world/",
        "region": "/regions/pudong/",
    }
    counts = {name: queries_of(client, url) for name, url in urls.items()}
    assert all(counts[name] <= BUDGET[name] for name in BUDGET), counts


def test_article_with_authors_and_reports_stays_within_eight(client, archive, section):
    from masthead.newsroom.factories import PersonFactory
    from masthead.newsroom.models import PeopleIndexPage

    person = PersonFactory(parent=PeopleIndexPage.objects.get(), title="Li Wei")
    person.save_revision().publish()
    story = ArticleFactory(
        parent=section("world"), title="Columned", authors=[person], published_at=START
    )
    assert queries_of(client, story.url) <= 8


def test_home_and_section_show_a_new_story_and_drop_an_unpublished_one(
    client, archive, section, django_capture_on_commit_callbacks
):
    assert "Story 14 in sport" in headlines(soup(client.get("/")))
    assert headlines(soup(client.get("/news/world/")))[0] == "Story 10 in world"
    # Purges (which retire the kept lists) run after the commit, as in the
    # newsroom.
    with django_capture_on_commit_callbacks(execute=True):
        new = ArticleFactory(
            parent=section("world"),
            title="Fresh from the world desk",
            published_at=START + timedelta(days=1),
        )
    assert "Fresh from the world desk" in headlines(soup(client.get("/")))
    assert headlines(soup(client.get("/news/world/")))[0] == new.title
    assert headlines(soup(client.get("/news/")))[0] == new.title  # the parent too
    with django_capture_on_commit_callbacks(execute=True):
        new.unpublish()
    assert "Fresh from the world desk" not in headlines(soup(client.get("/")))
    assert headlines(soup(client.get("/news/world/")))[0] == "Story 10 in world"


def test_region_list_follows_publishing(
    client, archive, section, django_capture_on_commit_callbacks
):
    pudong = RegionPage.objects.get(slug="pudong")
    assert headlines(soup(client.get(pudong.url)))[0] == "Story 12 in metro"
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(
            parent=section("metro"),
            title="Pudong ferry runs late",
            regions=[pudong],
            published_at=START + timedelta(days=2),
        )
    assert headlines(soup(client.get(pudong.url)))[0] == "Pudong ferry runs late"


def test_kept_lists_show_the_comment_count_of_now(client, archive, section):
    story = archive["sport-14"]
    sport = section("sport").url
    for url in ("/", sport):
        assert count_of(soup(client.get(url)), story.title) == "Comments: 0"
    # No purge: counts are not kept with the lists, so they move at once.
    for _ in range(3):
        Comment.objects.create(
            article=story,
            body="Well played.",
            name="Reader",
            email="reader@example.com",
            status=Comment.Status.PUBLISHED,
        )
    for url in ("/", sport):
        page = soup(client.get(url))
        assert count_of(page, story.title) == "Comments: 3"
        link = next(
            t.select_one(".comment-count")["href"]
            for t in page.select(".teaser")
            if t.select_one(".teaser__headline a").get_text() == story.title
        )
        assert link == f"{story.url}#comments"
    assert "masthead-comments" not in client.get("/").content.decode()


def test_older_pages_of_a_section_are_rendered_as_asked(client, section, xinhua):
    for n in range(25):
        ArticleFactory(
            parent=section("sport"),
            title=f"Match report {n}",
            published_at=START + timedelta(minutes=n),
        )
    sport = section("sport").url
    first = soup(client.get(sport))
    assert headlines(first)[0] == "Match report 24"
    older = first.select_one("a.pager__link--next")["href"]
    second = soup(client.get(sport + older))
    assert headlines(second) == [f"Match report {n}" for n in range(4, -1, -1)]
    assert client.get(sport + "?before=not-a-cursor").status_code == 404


def test_a_preview_is_never_kept_for_readers(client, archive, section):
    world = section("world")
    client.get("/news/world/")  # the list is kept
    world.title = "World (draft title)"
    preview = world.make_preview_request()  # an editor's preview of the draft
    assert "World (draft title)" in preview.content.decode()
    page = soup(client.get("/news/world/"))
    assert page.select_one("h1").get_text() == "World"
    # Nor is a kept list shown in a preview.
    world.title = "World (second draft)"
    assert "World (second draft)" in world.make_preview_request().content.decode()
