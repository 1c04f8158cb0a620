"""One day's news for the edition: a top story with a picture, an In Focus
story, a long story, stories in two more sections, a right-to-left one, one
with a 2,000-word headline, and stories that must never print (embargoed,
scheduled, taken down, a draft, the day before)."""

import subprocess
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone
from wagtail.models import Site

from masthead.core.models import SiteSettings
from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.publishing import take_down
from tests.api.conftest import ARABIC_TITLE, make_image

DAY = date(2025, 5, 16)
# Noon in Shanghai, the site's zone.
NOON = datetime(2025, 5, 16, 4, 0, tzinfo=UTC)
LICENCE = "沪ICP备05050403号-1 | 互联网新闻信息服务许可证：31120170001"
LONG_HEADLINE = " ".join(["Longword"] * 2000)


def pdf_text(path, first=None, last=None, layout=False) -> str:
    """The text in reading order (column by column), or as laid out."""
    args = ["pdftotext", *(["-layout"] if layout else [])]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(
        [*args, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_pages(path) -> int:
    info = subprocess.run(
        ["pdfinfo", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return int(
        next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1]
    )


@pytest.fixture
def day_news(site_tree, section, quiet_tasks):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.masthead_name = "Masthead Daily"
    settings.licence_lines = LICENCE
    settings.copyright_holder = "Masthead Media Group"
    settings.save()
    top = ArticleFactory(
        parent=section("world"),
        slug="bridge",
        title="Harbour bridge reopens",
        lead="The harbour bridge carries traffic again.",
        kicker="Transport",
        main_image=make_image("Bridge at dawn", 1200, 675),
        published_at=NOON,
        paragraphs=["Crews worked through the nights to finish it."]
        + ["More about the bridge and its long story." * 8] * 12,
    )
    focus = ArticleFactory(
        parent=section("in-focus"),
        slug="river",
        title="The river in focus",
        lead="A week on the river.",
        published_at=NOON - timedelta(hours=1),
        paragraphs=["Boats and barges."],
    )
    business = ArticleFactory(
        parent=section("business"),
        slug="markets",
        title="Markets close higher",
        lead="Shares rose.",
        main_image=make_image("Trading floor"),
        published_at=NOON - timedelta(hours=2),
        paragraphs=["Shares rose for a third day."] * 5,
    )
    sport = ArticleFactory(
        parent=section("sport"),
        slug="derby",
        title="Derby ends in a draw",
        published_at=NOON - timedelta(hours=3),
        paragraphs=["Nil-nil."],
    )
    rtl = ArticleFactory(
        parent=section("world"),
        slug="arabic",
        title=ARABIC_TITLE,
        published_at=NOON - timedelta(hours=4),
        paragraphs=["نص عربي."],
    )
    long_title = ArticleFactory(
        parent=section("world"),
        slug="long",
        title="Huge",
        published_at=NOON - timedelta(hours=5),
        paragraphs=["Short body."],
    )
    # Past the field's length through the ORM, as a bad import could leave it.
    type(long_title).objects.filter(pk=long_title.pk).update(title=LONG_HEADLINE[:255])
    embargoed = ArticleFactory(
        parent=section("world"),
        slug="embargoed",
        title="Embargoed story",
        published_at=NOON,
    )
    type(embargoed).objects.filter(pk=embargoed.pk).update(
        embargo_until=timezone.now() + timedelta(hours=2)
    )
    scheduled = ArticleFactory(
        parent=section("world"),
        slug="scheduled",
        title="Scheduled story",
        publish=False,
    )
    scheduled.go_live_at = timezone.now() + timedelta(hours=1)
    scheduled.save_revision().publish()
    gone = ArticleFactory(
        parent=section("world"),
        slug="gone",
        title="Taken down story",
        published_at=NOON,
    )
    take_down(gone, "Legal advice")
    ArticleFactory(
        parent=section("world"), slug="draft", title="Draft story", publish=False
    )
    ArticleFactory(
        parent=section("world"),
        slug="yesterday",
        title="Yesterday's story",
        published_at=NOON - timedelta(days=1),
    )
    return {
        "top": top,
        "focus": focus,
        "business": business,
        "sport": sport,
        "rtl": rtl,
        "long": long_title,
        "hidden": [
            "Embargoed story",
            "Scheduled story",
            "Taken down story",
            "Draft story",
            "Yesterday's story",
        ],
    }


@pytest.fixture
def quiet_tasks(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "wire", "media"],
        }
    }
