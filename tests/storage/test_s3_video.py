"""A clip in the bucket: probed and postered by the worker from a copy of the
bucket's object, played on the article page from the store's URL."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.files import File

from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.models import VideoClip

from .conftest import fetch

pytestmark = pytest.mark.django_db


def test_a_clip_is_processed_from_and_played_from_the_bucket(
    bucket, client, section, video_files
):
    clip = VideoClip(title="Ferry at dusk")
    with open(video_files["mp4"], "rb") as fh:
        clip.file.save("ferry.mp4", File(fh), save=False)
    clip.save()  # probed and postered at once under the test task backend
    clip.refresh_from_db()

    assert clip.processing_error == ""
    assert (clip.mime_type, clip.width, clip.height) == ("video/mp4", 320, 240)
    assert bucket.keys("videos/") == {clip.file.name}
    # The poster cut from the bucket's copy is an image in the bucket too.
    assert clip.poster.file.name in bucket.keys("original_images/")

    article = ArticleFactory(
        parent=section("video"),
        title="Ferry service returns",
        slug="ferry-service-returns",
        video=clip,
        published_at=datetime(2025, 5, 16, 15, 35, tzinfo=UTC),
    )
    caches["pages"].clear()
    response = client.get(article.url)
    page = BeautifulSoup(response.content, "html.parser")
    source = page.select_one("video source")
    assert source["src"] == bucket.url(clip.file.name)
    assert page.select_one("video")["poster"].startswith(bucket.url("images/"))
    status, body, content_type = fetch(source["src"])
    assert (status, content_type) == (200, "video/mp4")
    assert body == video_files["mp4"].read_bytes()
    assert f"media-src 'self' {bucket.endpoint}" in response["Content-Security-Policy"]
