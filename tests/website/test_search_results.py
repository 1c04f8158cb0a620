"""Search as a reader meets it: an empty result, and snippets that read right."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup

from masthead.newsroom.factories import ArticleFactory
from masthead.website.search import highlight

pytestmark = pytest.mark.integration


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_no_results_says_so_keeps_the_filters_and_offers_the_archive(client, section):
    ArticleFactory(parent=section("metro"), title="Harbour ferry timetable changes")

    page = soup(
        client.get(
            "/search/?q=zeppelin&section=metro&region=pudong"
            "&since=2025-03-01&until=2025-03-31"
        )
    )

    status = page.select_one("[role=status]").get_text(" ", strip=True)
    assert "No results for “zeppelin”" in status
    assert page.select_one("#id_q")["value"] == "zeppelin"
    assert page.select_one("#id_section option[selected]")["value"] == "metro"
    assert page.select_one("#id_region option[selected]")["value"] == "pudong"
    assert page.select_one("#id_since")["value"] == "2025-03-01"
    assert page.select_one("#id_until")["value"] == "2025-03-31"
    archive = page.select_one("a.search-none__archive")
    assert archive.get_text(strip=True) == "Browse the archive by date"
    assert archive["href"] == "/archive/2025/3/"
    assert not page.select(".search-hit")


def test_no_results_without_dates_links_the_archive_index(client, site_tree):
    page = soup(client.get("/search/?q=zeppelin"))
    assert "No results for “zeppelin”" in page.get_text()
    assert page.select_one("a.search-none__archive")["href"] == "/archive/"


def test_snippet_shows_an_apostrophe_once_escaped_and_hostile_text_as_text(
    client, section
):
    ArticleFactory(
        parent=section("world"),
        title="Cargo ship held at anchor",
        lead="Port officials inspected the cargo.",
        paragraphs=[
            "The vessel's crew stayed aboard while the harbourmaster checked papers.",
            "A placard read <script>alert(1)</script> & nothing more.",
        ],
        published_at=datetime(2025, 5, 16, 3, tzinfo=UTC),
    )

    response = client.get("/search/?q=vessel")
    html = response.content.decode()
    snippet = soup(response).select_one(".search-hit__snippet")

    text = snippet.get_text()
    assert "vessel's crew" in text
    assert "&#x27;" not in text and "&amp;" not in text
    assert snippet.select_one("mark").get_text() == "vessel"
    # Hostile text in the article is shown as text, never as markup.
    assert "<script>alert(1)</script>" in text
    assert "<script>alert(1)" not in html
    assert not snippet.select("script")


def test_snippets_are_cut_at_word_boundaries():
    words = [f"word{n:03d}" for n in range(200)]
    text = " ".join(words[:100] + ["ferry"] + words[100:])

    html = str(highlight(text, ["ferry"], width=120))

    assert html.startswith("… ") and html.endswith(" …")
    inner = html[2:-2].replace("<mark>ferry</mark>", "ferry").split(" ")
    # Every piece is a whole word of the text: nothing cut in half at either end.
    assert all(piece in words or piece == "ferry" for piece in inner)
    assert "ferry" in inner and len(" ".join(inner)) <= 120


def test_snippet_of_short_text_is_whole_and_unmarked_without_terms():
    assert highlight("The vessel's crew", []) == "The vessel&#x27;s crew"
