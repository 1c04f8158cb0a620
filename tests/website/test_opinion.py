"""Opinion: columnists with photo and bio, their article lists, the kind as kicker."""

import pytest
from bs4 import BeautifulSoup

from masthead.newsroom.factories import ArticleFactory, PersonFactory
from masthead.newsroom.models import PeopleIndexPage

pytestmark = pytest.mark.integration


@pytest.fixture
def columnist(site_tree):
    person = PersonFactory(
        parent=PeopleIndexPage.objects.get(),
        title="Mei Andersen",
        slug="mei-andersen",
        role="columnist",
        job_title="Columnist",
        bio="<p>Writes on cities and how people live in them.</p>",
    )
    person.save_revision().publish()
    return person


def test_opinion_kind_is_the_kicker_everywhere(client, section, columnist):
    piece = ArticleFactory(
        parent=section("opinion"),
        title="Streets are for walking",
        opinion_kind="foreign-views",
        authors=[columnist],
    )
    review = ArticleFactory(
        parent=section("opinion"),
        title="A novel of the river",
        opinion_kind="book-review",
    )
    article = BeautifulSoup(client.get(piece.url).content, "html.parser")
    assert article.select_one(".kicker").get_text() == "Foreign views"
    assert [a.get_text() for a in article.select(".article__byline a")] == [
        "Mei Andersen"
    ]
    listing = BeautifulSoup(client.get("/opinion/").content, "html.parser")
    kickers = {
        t.select_one(".teaser__headline a").get_text(): t.select_one(
            ".kicker"
        ).get_text()
        for t in listing.select(".teaser")
    }
    assert kickers == {piece.title: "Foreign views", review.title: "Book review"}


def test_columnist_page_has_bio_and_their_columns_only(client, section, columnist):
    mine = ArticleFactory(parent=section("opinion"), title="Mine", authors=[columnist])
    ArticleFactory(parent=section("opinion"), title="Someone else's")
    page = BeautifulSoup(client.get("/people/mei-andersen/").content, "html.parser")
    assert page.select_one(".kicker").get_text() == "Columnist"
    assert "Writes on cities" in page.select_one(".person-header__bio").get_text()
    titles = [a.get_text() for a in page.select(".article-list .teaser__headline a")]
    assert titles == [mine.title]
