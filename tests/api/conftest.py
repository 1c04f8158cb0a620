"""A small newsroom for the feeds and sitemaps: a staff story with everything
(authors, desk editor, region, special report, lead and body pictures, an
internal link), licensed and unlicensed agency copy, a bare story (no picture,
no author, no source, no lead), right-to-left text, and stories that must never
show (embargoed, scheduled, taken down, a draft)."""

from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.embeds.blocks import EmbedValue
from wagtail.rich_text import RichText

from masthead.newsroom.factories import (
    ArticleFactory,
    PersonFactory,
    SourceFactory,
    SpecialReportFactory,
)
from masthead.newsroom.models import NewsImage, PeopleIndexPage, RegionPage, Source
from masthead.newsroom.publishing import take_down

SITE = "http://testserver"
MAY_16 = datetime(2025, 5, 16, 20, 0, tzinfo=UTC)
ARABIC_TITLE = "افتتاح جسر الميناء بعد عامين من الأعمال"
ARABIC_BODY = "أعيد فتح الجسر أمام حركة المرور صباح اليوم."


@pytest.fixture
def quiet_tasks(settings):
    """Tasks are recorded, not run: no renditions are made behind the test's back."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "wire", "media"],
        }
    }


def make_image(title: str, width=320, height=180) -> NewsImage:
    out = BytesIO()
    PILImage.new("RGB", (width, height), (20, 90, 160)).save(out, "JPEG")
    image = NewsImage(title=title, alt_text=f"Photo: {title}", caption=f"{title}.")
    image.credit = "Masthead photo"
    image.file = ImageFile(BytesIO(out.getvalue()), name=f"{title[:20]}.jpg")
    image._set_image_file_metadata()
    image.save()
    return image


def person(slug: str, title: str):
    page = PersonFactory(parent=PeopleIndexPage.objects.get(), slug=slug, title=title)
    page.save_revision().publish()
    return page


def body_with(*blocks):
    return [
        (kind, RichText(value) if kind == "paragraph" else value)
        for kind, value in blocks
    ]


@pytest.fixture
def newsroom(site_tree, section, quiet_tasks):
    staff = SourceFactory(name="Masthead staff", slug="staff", kind=Source.Kind.STAFF)
    xinhua = SourceFactory(name="Xinhua", slug="xinhua", credit="Xinhua")
    shy = SourceFactory(name="Shy Wire", slug="shy-wire", allow_in_feeds=False)
    expo = SpecialReportFactory(
        parent=section("special-reports"), slug="expo", title="Expo"
    )
    expo.save_revision().publish()
    li_hua = person("li-hua", "Li Hua")
    zhao = person("zhao-yinuo", "Zhao Yinuo")
    wang = person("wang-fang", "Wang Fang")
    pudong = RegionPage.objects.get(slug="pudong")
    lead_picture = make_image("Bridge at dawn")
    body_picture = make_image("Crowd on the bridge")
    world = section("world")

    bridge = ArticleFactory(
        parent=world,
        slug="bridge-reopens",
        title="Harbour bridge reopens after two years",
        lead="The harbour bridge carries traffic again from today.",
        source=staff,
        main_image=lead_picture,
        desk_editor=zhao,
        published_at=MAY_16,
        authors=[li_hua],
        regions=[pudong],
        special_reports=[expo],
        body=body_with(
            ("paragraph", '<p>Crews worked <a href="/news/">through</a> nights.</p>'),
            ("image", {"image": body_picture, "caption": "Opening day."}),
            ("quote", {"quote": "It is a relief.", "attribution": "A driver"}),
            ("video", EmbedValue("https://www.youtube.com/watch?v=abc123")),
        ),
    )
    licensed = ArticleFactory(
        parent=world,
        slug="talks-resume",
        title="Talks resume in Geneva",
        lead="Negotiators met again on Friday.",
        source=xinhua,
        original_byline="By Xinhua writers",
        published_at=MAY_16 - timedelta(hours=3),
        paragraphs=["Licensed agency body text."],
    )
    unlicensed = ArticleFactory(
        parent=world,
        slug="market-report",
        title="Markets close higher",
        lead="Shares rose for a third day.",
        source=shy,
        main_image=make_image("Trading floor"),
        published_at=MAY_16 - timedelta(hours=5),
        paragraphs=["Body text that Shy Wire does not let feeds carry."],
    )
    bare = ArticleFactory(
        parent=section("sport"),
        slug="bare-story",
        title="A story with nothing but words",
        lead="",
        published_at=MAY_16 - timedelta(days=1),
        paragraphs=["Only words, and no one to credit for them."],
    )
    rtl = ArticleFactory(
        parent=section("world"),
        slug="arabic-story",
        title=ARABIC_TITLE,
        lead=ARABIC_BODY,
        published_at=MAY_16 - timedelta(days=2),
        paragraphs=[ARABIC_BODY],
    )
    hidden = hidden_articles(section)
    return {
        "world": world,
        "expo": expo,
        "pudong": pudong,
        "people": {"li-hua": li_hua, "zhao-yinuo": zhao, "wang-fang": wang},
        "bridge": bridge,
        "licensed": licensed,
        "unlicensed": unlicensed,
        "bare": bare,
        "rtl": rtl,
        "hidden": hidden,
        "pictures": {"lead": lead_picture, "body": body_picture},
    }


def hidden_articles(section) -> dict:
    """Stories no output may show, each with a headline to look for."""
    world = section("world")
    embargoed = ArticleFactory(
        parent=world, slug="embargoed", title="Embargoed story", published_at=MAY_16
    )
    # Live by mistake, as an agency's copy might be: the embargo still wins.
    type(embargoed).objects.filter(pk=embargoed.pk).update(
        embargo_until=timezone.now() + timedelta(hours=2)
    )
    scheduled = ArticleFactory(
        parent=world, slug="scheduled", title="Scheduled story", publish=False
    )
    scheduled.go_live_at = timezone.now() + timedelta(hours=1)
    scheduled.save_revision().publish()
    taken_down = ArticleFactory(
        parent=world, slug="taken-down", title="Taken down story", published_at=MAY_16
    )
    take_down(taken_down, "Legal advice")
    draft = ArticleFactory(
        parent=world, slug="draft", title="Draft story", publish=False
    )
    return {
        "embargoed": embargoed,
        "scheduled": scheduled,
        "taken_down": taken_down,
        "draft": draft,
    }
