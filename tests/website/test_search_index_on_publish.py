"""A published article is findable at once, however long the worker's queue.

The test runs on the real database task backend (as `masthead serve` does), so
index jobs queue up behind rendition jobs exactly as in production; nothing
drains the queue here.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.media.tasks import enqueue_make_renditions
from masthead.newsroom.models import ArticlePage

pytestmark = pytest.mark.integration

DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "wire", "media"],
    }
}
QUEUED_RENDITION_JOBS = 300


def titles_found(client, query):
    page = BeautifulSoup(client.get(f"/search/?q={query}").content, "html.parser")
    return [a.get_text() for a in page.select(".search-hit h2 a")]


@override_settings(TASKS=DATABASE_TASKS)
def test_article_is_found_right_after_publishing_behind_a_long_queue(client, section):
    for image_id in range(1, QUEUED_RENDITION_JOBS + 1):
        enqueue_make_renditions(image_id)
    waiting_before = DBTaskResult.objects.ready().count()
    assert waiting_before >= QUEUED_RENDITION_JOBS

    article = ArticleFactory(
        parent=section("metro"),
        title="Lighthouse keepers return to Sheshan",
        paragraphs=["The quokkafinch lamp was relit on Tuesday evening."],
    )
    assert ArticlePage.objects.get(pk=article.pk).live

    assert titles_found(client, "quokkafinch") == [
        "Lighthouse keepers return to Sheshan"
    ]
    # Found without the worker: every job queued before is still waiting, and
    # Wagtail's own index job for the article is queued behind them.
    assert DBTaskResult.objects.ready().count() > waiting_before
    assert (
        DBTaskResult.objects.ready()
        .filter(queue_name="media", task_path__endswith="make_renditions")
        .count()
        == QUEUED_RENDITION_JOBS
    )
