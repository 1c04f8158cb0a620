"""The seed page, end to end: `masthead import-page` turns it into the article."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command

from masthead.newsroom.models import ArticlePage
from tests.wire.conformance.samples import shared_seed

pytestmark = pytest.mark.integration

HEADLINE = "Russia, Ukraine agree on large-scale POW swap, further talks in Istanbul"
LEAD_START = "Delegations of Russia and Ukraine concluded their meeting in Turkey's Istanbul on Friday"
CHROME = [
    "Baoshan",
    "Subscribe",
    "Copyright",
    "ICP",
    "Newsletter",
    "Special Reports",
    "APP Download",
]


@pytest.fixture
def imported(site_tree):
    call_command(
        "import-page".replace("-", "_"),
        str(shared_seed()),
        section="news/world",
        publish=True,
    )
    return ArticlePage.objects.get()


def test_seed_becomes_the_right_article(imported):
    article = imported
    assert article.title == HEADLINE
    assert article.lead.startswith(LEAD_START)
    text = " ".join(
        BeautifulSoup(block.value.source, "html.parser").get_text("\n")
        for block in article.body
    )
    paragraphs = [p for p in text.split("\n") if p.strip()]
    assert len(paragraphs) == 9
    assert paragraphs[0].startswith("As a key outcome of the two-hour talks")
    assert paragraphs[-1].endswith("failed to agree to halt the fighting.")
    assert LEAD_START not in text  # the lead is shown once, not again in the body
    for field in (
        article.title,
        article.lead,
        text,
        article.original_byline,
        article.dateline,
    ):
        for chrome in CHROME:
            assert chrome not in field
    assert article.source.name == "Xinhua"
    assert article.first_published_at == datetime(2025, 5, 16, 15, 35, tzinfo=UTC)
    assert article.desk_editor.title == "Zhao Yinuo"
    assert article.live and article.get_parent().slug == "world"
    assert article.wire_item.raw.read()  # provenance: the page as it arrived


def test_seed_page_reads_as_the_seed_does(client, imported):
    page = BeautifulSoup(client.get(imported.url).content, "html.parser")
    assert [a.get_text() for a in page.select(".breadcrumb a")] == ["News", "World"]
    assert page.select_one("h1").get_text() == HEADLINE
    assert page.select_one(".article__source").get_text() == "Xinhua"
    assert (
        page.select_one(".article__time time").get_text() == "23:35 UTC+8, 2025-05-16"
    )
    assert (
        page.select_one(".article__credit").get_text()
        == "Source: Xinhua   Editor: Zhao Yinuo"
    )
    assert page.get_text().count(LEAD_START) == 1


def test_importing_twice_says_where_the_article_is_and_succeeds(imported):
    # `make seed` run again: no error (exit 0), no second copy, and the URL.
    out = StringIO()
    call_command(
        "import_page",
        str(shared_seed()),
        section="news/world",
        publish=True,
        stdout=out,
    )
    said = out.getvalue().strip()
    assert said.startswith(f"Already imported (published): {HEADLINE} -> http")
    assert said.endswith(imported.url)
    assert ArticlePage.objects.count() == 1


def test_importing_twice_as_a_draft_points_to_the_desk(site_tree):
    call_command("import_page", str(shared_seed()), section="news/world")
    article = ArticlePage.objects.get()
    out = StringIO()
    call_command("import_page", str(shared_seed()), section="news/world", stdout=out)
    said = out.getvalue().strip()
    assert said.startswith(f"Already imported (draft): {HEADLINE} -> http")
    assert said.endswith(f"/admin/pages/{article.pk}/edit/")
    assert ArticlePage.objects.count() == 1


def test_unknown_section_is_a_clear_error(site_tree):
    with pytest.raises(CommandError, match="No section"):
        call_command("import_page", str(shared_seed()), section="news/mars")
