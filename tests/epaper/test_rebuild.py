"""A takedown or correction of a printed story rebuilds its edition, and the
rebuild is logged with its reason; other changes leave the edition alone."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from masthead.epaper.build import build_edition
from masthead.epaper.jobs import build_daily_edition, edition_due
from masthead.epaper.models import Edition, EditionBuild
from masthead.newsroom.models import ArticleCorrection
from masthead.newsroom.publishing import take_down
from tests.epaper.conftest import DAY, NOON, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_tasks(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "wire", "media"],
        }
    }


def text_of(edition) -> str:
    return " ".join(pdf_text(default_storage.path(edition.pdf)).split())


def test_takedown_rebuilds_without_the_story(
    day_news, run_tasks, django_capture_on_commit_callbacks, client
):
    first = build_edition(DAY, trigger=EditionBuild.Trigger.COMMAND)
    old_pdf = first.pdf
    with django_capture_on_commit_callbacks(execute=True):
        take_down(day_news["business"], "Court order")
    edition = Edition.objects.get(day=DAY)
    assert edition.pdf != old_pdf
    assert "Markets close higher" not in text_of(edition)
    assert "Harbour bridge reopens" in text_of(edition)
    build = edition.builds.first()
    assert build.trigger == EditionBuild.Trigger.TAKEDOWN
    assert "Court order" in build.reason
    assert build.article_id == day_news["business"].pk
    # Readers see that a story went, not the legal reason.
    page = client.get("/epaper/2025/05/16/").content.decode()
    assert "A story was withdrawn from this edition." in page
    assert "Court order" not in page


def test_correction_rebuilds_with_the_note(
    day_news, run_tasks, django_capture_on_commit_callbacks
):
    build_edition(DAY, trigger=EditionBuild.Trigger.COMMAND)
    article = day_news["sport"]
    article.corrections.add(
        ArticleCorrection(
            kind=ArticleCorrection.Kind.CORRECTION,
            text="The match was a derby, not a final.",
            noted_at=timezone.now(),
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    edition = Edition.objects.get(day=DAY)
    build = edition.builds.first()
    assert build.trigger == EditionBuild.Trigger.CORRECTION
    assert "not a final" in build.reason
    assert "The match was a derby, not a final." in text_of(edition)
    assert edition.builds.count() == 2


def test_plain_republish_leaves_the_edition(
    day_news, run_tasks, django_capture_on_commit_callbacks
):
    build_edition(DAY, trigger=EditionBuild.Trigger.COMMAND)
    with django_capture_on_commit_callbacks(execute=True):
        day_news["sport"].save_revision().publish()
    assert Edition.objects.get(day=DAY).builds.count() == 1


def test_daily_job_builds_once_after_the_hour(day_news, settings):
    settings.MASTHEAD_EDITION_HOUR = 22
    # 21:00 and 23:00 in Shanghai on the day.
    before = NOON + timedelta(hours=9)
    after = NOON + timedelta(hours=11)
    assert edition_due(before) is None
    assert build_daily_edition(before) == "not due"
    assert build_daily_edition(after) == "built 2025-05-16"
    assert Edition.objects.get(day=DAY).builds.get().trigger == "schedule"
    assert build_daily_edition(after) == "not due"
