from datetime import UTC, datetime

import pytest

from masthead.newsroom.factories import ArticleFactory, PersonFactory
from masthead.newsroom.models import PeopleIndexPage, RegionPage

pytestmark = pytest.mark.integration


@pytest.fixture
def seed_article(site_tree, section, xinhua):
    editor = PersonFactory(
        parent=PeopleIndexPage.objects.get(),
        title="Zhao Yinuo",
        slug="zhao-yinuo",
        role="editor",
    )
    editor.save_revision().publish()
    return ArticleFactory(
        parent=section("world"),
        title="Russia, Ukraine agree on large-scale POW swap, further talks in Istanbul",
        slug="pow-swap",
        lead="Delegations concluded their meeting.",
        source=xinhua,
        desk_editor=editor,
        published_at=datetime(2025, 5, 16, 15, 35, tzinfo=UTC),
        regions=[RegionPage.objects.get(slug="pudong")],
    )


def test_article_page_shows_the_seed_elements(client, seed_article):
    response = client.get("/news/world/pow-swap/")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<time datetime="2025-05-16T15:35:00+00:00">23:35 UTC+8, 2025-05-16</time>'
        in html
    )
    assert "Source: Xinhua   Editor: " in html
    assert ">Zhao Yinuo</a>" in html
    assert (
        '<a href="/news/">News</a>' in html
        and '<a href="/news/world/">World</a>' in html
    )
