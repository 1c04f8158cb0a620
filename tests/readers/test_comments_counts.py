"""The count beside the time and on teasers, within the render budget: one
query for an article's comments and count, one per list of teasers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.newsroom.factories import ArticleFactory
from masthead.readers.comments import kept
from masthead.readers.comments.models import Comment

from .comments_support import (  # noqa: F401 - fixtures, known by name
    article_fixture,
    comment_fixture,
    soup,
)

pytestmark = pytest.mark.integration


def comment_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "readers_comment" in q["sql"]]


def teaser_counts(page) -> dict[str, str]:
    return {
        t.select_one(".teaser__headline a").get_text(): t.select_one(
            ".comment-count"
        ).get_text()
        for t in page.select(".teaser")
    }


def test_count_is_what_readers_see(client, article, comment):
    first = comment(article)
    comment(article, parent=first)
    comment(article, status=Comment.Status.HELD)
    comment(article, status=Comment.Status.SPAM)
    gone = comment(article, status=Comment.Status.REJECTED)
    comment(article, parent=gone)  # a reply under a removed comment is not shown
    page = soup(client.get(article.url))
    count = page.select_one(".article__time .comment-count")
    assert count.get_text() == "Comments: 2"
    assert count["href"] == "#comments"
    assert page.select_one("#comments-heading").get_text() == "Comments (2)"
    listing = soup(client.get("/news/world/"))
    assert teaser_counts(listing)[article.title] == "Comments: 2"


def test_article_render_reads_comments_in_one_query(client, article, comment, section):
    for i in range(60):
        top = comment(article, body=f"Comment {i}")
        if i % 10 == 0:
            comment(article, body=f"Reply {i}", parent=top)
    for i in range(4):
        ArticleFactory(parent=section("world"), title=f"Related {i}")
    client.get(article.url)  # warm the navigation and related-stories caches
    kept.bump(article.pk)  # as any comment change does: the section is rendered again
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url)
    page = soup(response)
    assert page.select_one(".article__time .comment-count").get_text().endswith("66")
    assert len(page.select(".comments__list > li")) == 50
    assert len(comment_queries(queries.captured_queries)) == 1
    # design.md §8: the article render stays within 8 queries.
    assert len(queries.captured_queries) <= 8
    # Until the next change the kept section is shown: no comment query at all.
    with CaptureQueriesContext(connection) as queries:
        again = soup(client.get(article.url))
    assert len(again.select(".comments__list > li")) == 50
    assert comment_queries(queries.captured_queries) == []


def test_teasers_of_a_list_are_counted_in_one_query(client, section, comment):
    articles = [
        ArticleFactory(parent=section("world"), title=f"Story {i}") for i in range(12)
    ]
    for i, each in enumerate(articles):
        for _ in range(i % 4):
            comment(each)
    client.get("/news/world/")
    with CaptureQueriesContext(connection) as queries:
        page = soup(client.get("/news/world/"))
    assert teaser_counts(page) == {
        f"Story {i}": f"Comments: {i % 4}" for i in reversed(range(12))
    }
    assert len(comment_queries(queries.captured_queries)) == 1


def test_home_page_counts_every_teaser(client, section, comment):
    world = ArticleFactory(parent=section("world"), title="World story")
    sport = ArticleFactory(parent=section("sport"), title="Sport story")
    comment(world)
    comment(sport)
    comment(sport)
    with CaptureQueriesContext(connection) as queries:
        counts = teaser_counts(soup(client.get("/")))
    assert counts["World story"] == "Comments: 1"
    assert counts["Sport story"] == "Comments: 2"
    assert len(comment_queries(queries.captured_queries)) <= 2


def test_teaser_count_links_to_the_comments(client, article, comment):
    comment(article)
    link = soup(client.get("/news/world/")).select_one(".teaser .comment-count")
    assert link["href"] == f"{article.url}#comments"
