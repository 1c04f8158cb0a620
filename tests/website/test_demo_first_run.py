"""A new user's first run: `masthead demo` leaves light pages, an empty media
queue and a wire basket with copy to try.

The demo runs on the real database task backend (as under `masthead serve`),
so any rendition job it left would still be waiting in the queue here. Its
articles are cut to a few (each with an image) to keep AVIF encoding short;
the loader's code path is the same as for all 48.
"""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from masthead.demo import content
from masthead.demo.management.commands.demo import DEMO_WIRE_DIR
from masthead.newsroom.models import ArticlePage, NewsImage
from masthead.wire.models import WireItem

pytestmark = pytest.mark.integration

DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "wire", "media"],
    }
}


def queued_rendition_jobs() -> int:
    return (
        DBTaskResult.objects.ready()
        .filter(task_path__endswith=".make_renditions")
        .count()
    )


@pytest.fixture
def small_demo(site_tree, tmp_path, monkeypatch):
    with_images = [a for a in content.load_articles() if a.get("image")][:3]
    monkeypatch.setattr(content, "load_articles", lambda: with_images)
    with override_settings(TASKS=DATABASE_TASKS, VAR_DIR=tmp_path):
        out = StringIO()
        call_command("demo", stdout=out, stderr=StringIO())
        yield out.getvalue()


def image_urls(html: bytes) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    urls = []
    for tag in page.select("main img, main source"):
        for attr in ("src", "srcset"):
            for part in (tag.get(attr) or "").split(","):
                if part.strip():
                    urls.append(part.split()[0])
    return urls


def test_demo_makes_the_renditions_pages_read_and_leaves_no_job(client, small_demo):
    assert NewsImage.objects.exists()
    assert queued_rendition_jobs() == 0

    article = ArticlePage.objects.filter(main_image__isnull=False).first()
    for url in ("/", article.url):
        response = client.get(url)
        assert response.status_code == 200
        urls = image_urls(response.content)
        assert urls, f"{url} shows no image"
        # Every picture comes from a rendition; none is the heavy original.
        assert [u for u in urls if "/original_images/" in u] == []
        assert any(u.endswith(".avif") for u in urls)

    # Reading the pages found every rendition, so none was queued again.
    assert queued_rendition_jobs() == 0


def test_demo_fills_the_wire_basket_once_in_several_formats(small_demo):
    files = sorted(p.name for p in DEMO_WIRE_DIR.iterdir())
    items = WireItem.objects.filter(raw__origin__startswith="demo/wire/")
    assert items.count() == len(files) >= 5
    assert {i.status for i in items} == {WireItem.Status.OK}
    assert {i.format for i in items} >= {
        "ninjs",
        "newsml-g2",
        "nitf",
        "iptc7901",
        "anpa1312",
    }
    assert "5 demo wire stories" in small_demo

    # Run again: nothing doubles, and no rendition job appears.
    with override_settings(TASKS=DATABASE_TASKS):
        call_command("demo", stdout=StringIO(), stderr=StringIO(), verbosity=0)
    assert WireItem.objects.filter(raw__origin__startswith="demo/wire/").count() == (
        len(files)
    )
    assert queued_rendition_jobs() == 0
