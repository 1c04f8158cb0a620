"""Columns credit their columnist; home teasers and list teasers carry pictures.

The geometry (text columns, image widths, renditions picked) is checked in a
real browser in tests/browser/test_layout.py; these check the markup.
"""

from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from PIL import Image as PILImage

from masthead.newsroom.factories import ArticleFactory, PersonFactory, SourceFactory
from masthead.newsroom.models import NewsImage, PeopleIndexPage
from masthead.website.models import HomeFocusPick, HomePage

pytestmark = pytest.mark.integration

BASE = datetime(2025, 5, 1, tzinfo=UTC)


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def picture(title: str, size=(640, 360)) -> NewsImage:
    out = BytesIO()
    PILImage.new("RGB", size, (120, 90, 60)).save(out, "JPEG")
    image = NewsImage(title=title, alt_text=f"Drawing: {title}")
    image.file = ImageFile(BytesIO(out.getvalue()), name=f"{title[:20]}.jpg")
    image.save()
    return image


@pytest.fixture
def staff(db):
    return SourceFactory(
        name="Masthead Daily", slug="staff", kind="staff", credit="Masthead Daily"
    )


@pytest.fixture
def columnist(site_tree):
    person = PersonFactory(
        parent=PeopleIndexPage.objects.get(),
        title="Mei Andersen",
        slug="mei-andersen",
        role="columnist",
        job_title="Urban affairs columnist",
        bio="<p>Writes on cities and how people live in them.</p>",
        photo=picture("Mei Andersen", size=(600, 800)),
    )
    person.save_revision().publish()
    return person


@pytest.fixture
def opinion_editor(site_tree):
    person = PersonFactory(
        parent=PeopleIndexPage.objects.get(),
        title="Li Jiayi",
        slug="li-jiayi",
        role="editor",
    )
    person.save_revision().publish()
    return person


def test_a_column_shows_the_columnist_beside_the_text_and_credits_them(
    client, section, staff, columnist, opinion_editor
):
    column = ArticleFactory(
        parent=section("opinion"),
        title="Streets are for walking",
        opinion_kind="chinese-views",
        source=staff,
        authors=[columnist],
        desk_editor=opinion_editor,
        paragraphs=["Watch any busy street for ten minutes."],
    )
    page = soup(client, column.url)
    box = page.select_one("article.article--column aside.columnist")
    assert box is not None, "the column has no columnist box"
    assert box["aria-label"] == "About the columnist"
    assert text(box.select_one(".columnist__name")) == "Mei Andersen"
    assert box.select_one(".columnist__name a")["href"] == columnist.url
    assert text(box.select_one(".columnist__role")) == "Urban affairs columnist"
    assert "Writes on cities" in text(box.select_one(".columnist__bio"))
    assert box.select_one("img.columnist__photo") is not None
    credit = text(page.select_one(".article__credit"))
    assert credit == "Columnist: Mei Andersen Editor: Li Jiayi"
    assert "Source" not in credit
    # The paper is not named as the column's source at the top either.
    assert page.select_one(".article__source") is None


def test_a_syndicated_column_keeps_its_partner_credited(client, section, columnist):
    partner = SourceFactory(
        name="City Review", slug="city-review", kind="partner", credit="City Review"
    )
    column = ArticleFactory(
        parent=section("opinion"),
        title="A partner's column",
        opinion_kind="foreign-views",
        source=partner,
        authors=[columnist],
    )
    page = soup(client, column.url)
    credit = text(page.select_one(".article__credit"))
    assert credit == "Columnist: Mei Andersen Source: City Review"
    assert text(page.select_one(".article__source")) == "City Review"


def test_news_keeps_its_source_credit_and_no_columnist_box(
    client, section, xinhua, columnist
):
    story = ArticleFactory(
        parent=section("world"),
        title="Talks resume",
        source=xinhua,
        authors=[columnist],
    )
    page = soup(client, story.url)
    assert page.select_one(".columnist") is None
    assert text(page.select_one(".article__credit")) == "Source: Xinhua"


def test_lead_image_asks_for_the_text_column_width(client, section):
    story = ArticleFactory(
        parent=section("world"), title="Port reopens", main_image=picture("Port")
    )
    page = soup(client, story.url)
    img = page.select_one(".article__figure img")
    assert img is not None
    for node in page.select(".article__figure [sizes]"):
        assert node["sizes"] == "(min-width: 44rem) 42rem, calc(100vw - 2rem)"


def test_every_home_teaser_with_an_image_shows_it(client, section, site_tree):
    home = HomePage.objects.get()
    pictured = [
        ArticleFactory(
            parent=section("world"),
            title=f"World story {n}",
            main_image=picture(f"World {n}"),
            published_at=BASE + timedelta(hours=n),
        )
        for n in range(3)
    ]
    plain = ArticleFactory(
        parent=section("world"), title="World story plain", published_at=BASE
    )
    focus = ArticleFactory(
        parent=section("world"),
        title="Picked for In Focus",
        main_image=picture("Focus"),
        published_at=BASE - timedelta(days=1),
    )
    HomeFocusPick.objects.create(page=home, article=focus, sort_order=0)
    page = soup(client, "/")
    teasers = {
        text(t.select_one(".teaser__headline")): t
        for t in page.select(".front__section .teaser")
    }
    # The newest is the top story; the other two pictured ones are in the block.
    for article in pictured[:2]:
        assert teasers[article.title].select_one(".teaser__image img") is not None
    assert teasers[plain.title].select_one(".teaser__image") is None
    [pick] = page.select(".front__focus .teaser")
    assert text(pick.select_one(".teaser__headline")) == focus.title
    assert pick.select_one(".teaser__image img") is not None


def test_an_unpublished_focus_pick_is_not_shown(client, section, site_tree):
    home = HomePage.objects.get()
    kept = ArticleFactory(parent=section("world"), title="Kept pick")
    embargoed = ArticleFactory(
        parent=section("world"),
        title="Embargoed pick",
        embargo_until=datetime.now(UTC) + timedelta(days=1),
    )
    HomeFocusPick.objects.create(page=home, article=embargoed, sort_order=0)
    HomeFocusPick.objects.create(page=home, article=kept, sort_order=1)
    page = soup(client, "/")
    picks = [text(a) for a in page.select(".front__focus .teaser__headline a")]
    assert picks == ["Kept pick"]
    assert "Embargoed pick" not in page.get_text()
