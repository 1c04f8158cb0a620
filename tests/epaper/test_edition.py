"""The edition read back as a reader's PDF viewer sees it, with poppler."""

import re
import subprocess

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from masthead.core.models import SiteSettings
from masthead.epaper.build import build_edition
from masthead.epaper.content import EditionContent
from masthead.epaper.models import Edition, EditionBuild
from masthead.newsroom.factories import ArticleFactory
from tests.api.conftest import ARABIC_TITLE
from tests.epaper.conftest import DAY, LICENCE, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db


def path_of(name):
    return default_storage.path(name)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_day_s_headlines_are_printed_and_nothing_hidden(day_news):
    edition = build_edition(DAY, trigger=EditionBuild.Trigger.COMMAND)
    pdf = path_of(edition.pdf)
    text = squeeze(pdf_text(pdf))
    for key in ("top", "focus", "business", "sport"):
        assert day_news[key].title in text
    for headline in day_news["hidden"]:
        assert headline not in text
    # Right-to-left text and a headline far past a line's length lay out.
    # pdftotext marks embedded right-to-left runs and spells the lam-alef
    # ligature out in visual order: compare the words before it.
    arabic = text.replace("\u202b", "").replace("\u202c", "")
    assert ARABIC_TITLE.split(" بعد")[0] in arabic
    assert "Longword Longword" in text
    # The front page, then the sections; one of a story or two runs on below
    # the one before it instead of taking a page of its own.
    assert pdf_pages(pdf) == edition.pages >= 3
    for section in ("WORLD", "BUSINESS", "SPORT", "IN FOCUS"):
        assert section in text
    assert sorted(edition.article_ids) == sorted(
        day_news[k].pk for k in ("top", "focus", "business", "sport", "rtl", "long")
    )


def test_front_page_has_masthead_date_top_story_and_in_focus(day_news):
    edition = build_edition(DAY, trigger=EditionBuild.Trigger.COMMAND)
    front = squeeze(pdf_text(path_of(edition.pdf), 1))
    assert "Masthead Daily" in front
    assert "Friday, May 16, 2025".upper() in front.upper()
    assert "Harbour bridge reopens" in front
    assert "IN FOCUS" in front.upper() and "The river in focus" in front
    assert edition.headlines[0] == "Harbour bridge reopens"


def test_continued_on_page_points_at_the_full_story(day_news):
    edition = build_edition(DAY, trigger=EditionBuild.Trigger.COMMAND)
    pdf = path_of(edition.pdf)
    front = squeeze(pdf_text(pdf, 1))
    jumps = [int(n) for n in re.findall(r"Continued on page (\d+)", front)]
    assert jumps, front
    # The top story's jump comes first; its full text is on that page.
    page = squeeze(pdf_text(pdf, jumps[0]))
    assert "Harbour bridge reopens" in page
    assert "Crews worked through the nights" in page


def test_every_page_has_its_number_licence_lines_and_copyright(day_news):
    edition = build_edition(DAY, trigger=EditionBuild.Trigger.COMMAND)
    pdf = path_of(edition.pdf)
    for number in range(1, edition.pages + 1):
        page = squeeze(pdf_text(pdf, number, layout=True))
        assert f"Page {number} of {edition.pages}" in page
        assert "© 2025 Masthead Media Group" in page
        # Chinese characters come out as text: the CJK font was embedded.
        assert "沪ICP备05050403号-1" in page.replace(" ", "")
    fonts = subprocess.run(
        ["pdffonts", pdf], check=True, capture_output=True, text=True
    ).stdout
    assert "CJK" in fonts
    assert LICENCE


def test_front_page_image_is_a_png_of_page_one(day_news):
    edition = build_edition(DAY, trigger=EditionBuild.Trigger.COMMAND)
    with default_storage.open(edition.front_image, "rb") as handle:
        head = handle.read(24)
    assert head.startswith(b"\x89PNG")
    width, height = int.from_bytes(head[16:20]), int.from_bytes(head[20:24])
    assert 800 < width < height


def test_rebuild_replaces_the_files_and_logs_each_build(day_news):
    first = build_edition(DAY, trigger=EditionBuild.Trigger.COMMAND, reason="one")
    old_pdf = first.pdf
    second = build_edition(DAY, trigger=EditionBuild.Trigger.ADMIN, reason="two")
    assert second.pk == first.pk and second.pdf != old_pdf
    assert [b.reason for b in second.builds.all()] == ["two", "one"]


def test_command_builds_and_rejects_bad_dates(day_news, capsys):
    call_command("build_edition", "2025-05-16")
    assert "/epaper/2025/05/16/" in capsys.readouterr().out
    assert Edition.objects.get(day=DAY).builds.get().trigger == "command"
    with pytest.raises(CommandError, match="Not a date"):
        call_command("build_edition", "2025-13-40")
    with pytest.raises(CommandError, match="No stories"):
        call_command("build_edition", "2024-01-01")


def test_front_page_prints_quotes_and_apostrophes_once_escaped(
    site_tree, section, quiet_tasks
):
    from tests.epaper.conftest import NOON

    ArticleFactory(
        parent=section("world"),
        slug="ferry",
        title="Ferry returns",
        published_at=NOON,
        paragraphs=["\"It's back,\" said the city's harbour master & crew."],
    )
    edition = build_edition(DAY, trigger=EditionBuild.Trigger.COMMAND)
    front = squeeze(pdf_text(path_of(edition.pdf), 1))
    assert "city's harbour master & crew" in front.replace("\u2019", "'"), front
    for entity in ("&quot;", "&#x27;", "&#39;", "&amp;"):
        assert entity not in front, front


def test_front_page_dates_the_paper_in_its_style_and_zone_as_the_site(day_news):
    """The nameplate line: `Friday, May 16, 2025` as written, and the zone as
    the site writes it (`UTC+8`), not the zone's key shouted in capitals."""
    edition = build_edition(DAY, trigger=EditionBuild.Trigger.COMMAND)
    front = squeeze(pdf_text(path_of(edition.pdf), 1))
    assert "Friday, May 16, 2025" in front
    assert "UTC+8" in front
    assert "SHANGHAI" not in front.upper()


@pytest.mark.parametrize(
    ("zone", "day", "label"),
    [
        ("Asia/Shanghai", DAY, "UTC+8"),
        ("Asia/Kolkata", DAY, "UTC+5:30"),
        # Summer and winter time: the offset of the edition's own day.
        ("Europe/London", DAY, "UTC+1"),
        ("Europe/London", DAY.replace(month=1), "UTC"),
        ("America/St_Johns", DAY.replace(month=12), "UTC-3:30"),
    ],
)
def test_the_edition_s_zone_reads_like_the_site_s(zone, day, label):
    content = EditionContent(day=day, site_settings=SiteSettings(time_zone=zone))
    assert content.zone_label == label
