"""The PDF edition in the bucket: built there, linked and redirected to from
/epaper/, and a takedown's rebuild removes the old build's files from it."""

import subprocess

import pytest
from bs4 import BeautifulSoup

from masthead.epaper.build import build_edition
from masthead.epaper.models import Edition, EditionBuild
from masthead.newsroom.publishing import take_down
from tests.epaper.conftest import DAY

from .conftest import fetch

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_tasks(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "wire", "media"],
        }
    }


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "edition.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.split())


def test_an_edition_is_built_into_the_bucket_and_served_from_it(
    bucket, day_news, client
):
    edition = build_edition(DAY, trigger=EditionBuild.Trigger.COMMAND)

    # The day's pictures were uploaded to the bucket too (the bucket fixture
    # comes first): the front page is from there.
    assert len(bucket.keys("original_images/")) == 2
    assert bucket.keys("epaper/") == {edition.pdf, edition.front_image}
    status, pdf, content_type = fetch(bucket.url(edition.pdf))
    assert (status, content_type) == (200, "application/pdf")
    assert pdf.startswith(b"%PDF") and len(pdf) == edition.size

    # The stable address readers and the newsletter use redirects there.
    reply = client.get("/epaper/2025/05/16/edition.pdf")
    assert reply.status_code == 302
    assert reply["Location"] == bucket.url(edition.pdf)
    # The day's page shows the front page and links the PDF, both in the bucket.
    page = BeautifulSoup(client.get("/epaper/2025/05/16/").content, "html.parser")
    image = page.select_one(f'img[src="{bucket.url(edition.front_image)}"]')
    assert image is not None
    assert page.select_one(f'a[href="{bucket.url(edition.pdf)}"]') is not None
    status, png, content_type = fetch(image["src"])
    assert (status, content_type) == (200, "image/png")
    assert png.startswith(b"\x89PNG")


def test_a_takedown_removes_the_old_build_from_the_bucket(
    bucket, day_news, client, run_tasks, django_capture_on_commit_callbacks, tmp_path
):
    first = build_edition(DAY, trigger=EditionBuild.Trigger.COMMAND)
    old = [first.pdf, first.front_image]
    assert "Markets close higher" in pdf_text(bucket.body(first.pdf), tmp_path)

    with django_capture_on_commit_callbacks(execute=True):
        take_down(day_news["business"], "Court order")

    edition = Edition.objects.get(day=DAY)
    assert edition.builds.first().trigger == EditionBuild.Trigger.TAKEDOWN
    # The old files are gone from the store and from its public address...
    assert bucket.keys("epaper/") == {edition.pdf, edition.front_image}
    for name in old:
        assert not bucket.exists(name)
        assert fetch(bucket.url(name))[0] == 404
    # ...and what is served now no longer prints the story.
    status, pdf, _ = fetch(bucket.url(edition.pdf))
    assert status == 200
    assert "Markets close higher" not in pdf_text(pdf, tmp_path)
    assert "Harbour bridge reopens" in pdf_text(pdf, tmp_path)
    reply = client.get("/epaper/2025/05/16/edition.pdf")
    assert reply["Location"] == bucket.url(edition.pdf)
