"""Video articles: posters in the Video section, a player or a link on the page."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.files import File

from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.models import VideoClip

from .conftest import needs_ffmpeg

pytestmark = [pytest.mark.integration, needs_ffmpeg]


def get(client, url):
    caches["pages"].clear()
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def uploaded_clip(db, video_files):
    clip = VideoClip(title="Ferry at dusk")
    with open(video_files["mp4"], "rb") as fh:
        clip.file.save("ferry.mp4", File(fh), save=False)
    clip.save()  # probed and postered at once under the test task backend
    clip.refresh_from_db()
    assert clip.poster is not None
    return clip


@pytest.fixture
def video_article(section, uploaded_clip):
    return ArticleFactory(
        parent=section("video"),
        title="Ferry service returns",
        slug="ferry-service-returns",
        video=uploaded_clip,
        published_at=datetime(2025, 5, 16, 15, 35, tzinfo=UTC),
    )


def test_the_video_section_lists_articles_with_their_posters(
    client, video_article, uploaded_clip
):
    page = get(client, "/video/")
    teaser = page.select_one(".video-list .video-teaser")
    assert teaser.select_one(".video-teaser__headline a").get_text() == (
        video_article.title
    )
    link = teaser.select_one("a.video-teaser__poster")
    assert link["href"] == video_article.url
    sources = link.select("picture source")
    assert [s["type"] for s in sources] == ["image/avif", "image/webp"]
    img = link.select_one("img")
    poster_urls = {r.url for r in uploaded_clip.poster.renditions.all()}
    assert img["src"] in poster_urls
    assert img["alt"] == ""


def test_the_video_section_shows_each_clips_length(client, video_article):
    page = get(client, "/video/")
    length = page.select_one(".video-teaser .video-teaser__duration")
    time = length.select_one("time")
    assert (time.get_text(), time["datetime"]) == ("0:02", "PT2S")
    assert length.get_text(" ", strip=True) == "Length: 0:02"


def test_other_sections_keep_their_teasers(client, section, video_article):
    world = section("world")
    ArticleFactory(parent=world, title="Port news", slug="port-news")
    page = get(client, world.url)
    assert page.select(".video-list") == []
    assert page.select_one(".article-list .teaser") is not None


def test_the_article_page_plays_an_uploaded_clip(client, video_article, uploaded_clip):
    page = get(client, video_article.url)
    player = page.select_one("figure.article__video video")
    assert player.has_attr("controls")
    # Only the index of the file: the player shows the length before play.
    assert player["preload"] == "metadata"
    assert player["poster"].endswith(".jpg")
    assert "/images/" in player["poster"]  # a rendition, not the original
    assert (player["width"], player["height"]) == ("320", "240")
    source = player.select_one("source")
    assert source["type"] == "video/mp4"
    assert source["src"] == uploaded_clip.file.url
    assert page.select("iframe") == []


def test_a_refused_clip_is_not_offered_to_readers(client, section, video_files):
    clip = VideoClip(title="Broken")
    with open(video_files["fake"], "rb") as fh:
        clip.file.save("broken.mp4", File(fh), save=False)
    clip.save()
    article = ArticleFactory(
        parent=section("video"), title="Broken clip", slug="broken", video=clip
    )
    page = get(client, article.url)
    assert page.select("video") == []
    assert page.select(".article__video") == []


def test_an_embed_is_a_poster_and_a_link_not_an_iframe(client, section, make_image):
    clip = VideoClip.objects.create(
        title="Launch replay",
        embed_url="https://www.youtube.com/watch?v=abc123",
        poster=make_image("Launch still"),
    )
    article = ArticleFactory(
        parent=section("video"), title="Launch", slug="launch", video=clip
    )
    page = get(client, article.url)
    figure = page.select_one("figure.article__video--external")
    link = figure.select_one("a.article__video-link")
    assert link.get_text() == "Watch on youtube.com"
    assert link["href"] == clip.embed_url
    assert "noopener" in link["rel"]
    assert figure.select_one("picture img") is not None
    assert page.select("iframe, video") == []

    listing = get(client, "/video/")
    assert listing.select_one(".video-teaser__poster picture img") is not None
    assert listing.select(".video-teaser__duration") == []  # length unknown
