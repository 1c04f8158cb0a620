"""The demo's Video articles get real captioned clips, so a new user sees the
player working (made with Debian's ffmpeg, which `make test` installs)."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import override_settings

from masthead.demo import content
from masthead.demo.video import captions_for
from masthead.newsroom.models import ArticlePage, VideoClip
from tests.newsroom.media.conftest import needs_ffmpeg

pytestmark = [pytest.mark.integration, needs_ffmpeg]


@pytest.fixture
def video_demo(site_tree, tmp_path, monkeypatch):
    videos = [a for a in content.load_articles() if a["section"] == "video"][:1]
    assert videos, "the demo content has no Video article"
    monkeypatch.setattr(content, "load_articles", lambda: videos)
    with override_settings(VAR_DIR=tmp_path):
        call_command("demo", stdout=StringIO(), stderr=StringIO(), verbosity=0)
    return ArticlePage.objects.get(slug=videos[0]["slug"])


def test_demo_video_article_plays_a_captioned_clip(client, video_demo):
    clip = video_demo.video
    assert clip is not None and clip.file and clip.captions
    assert clip.duration_seconds == pytest.approx(8, abs=0.5)
    assert clip.poster is not None

    page = BeautifulSoup(client.get(video_demo.url).content, "html.parser")
    player = page.select_one("main video")
    assert player is not None and player.has_attr("controls")
    assert player.get("poster")
    assert player.select_one("source")["src"].endswith(".webm")
    track = player.select_one("track[kind=captions]")
    assert track is not None and track["src"].endswith(".vtt")

    listing = client.get(video_demo.get_parent().url).content.decode()
    assert "0:08" in listing


def test_a_second_demo_run_makes_no_second_clip(video_demo):
    call_command("demo", stdout=StringIO(), stderr=StringIO(), verbosity=0)
    assert VideoClip.objects.count() == 1


def test_captions_are_cues_of_the_lead_within_the_clip():
    vtt = captions_for("First line here. Second one! Third is past the end.")
    assert vtt.startswith("WEBVTT\n")
    assert "00:00:00.000 --> 00:00:04.000\nFirst line here." in vtt
    assert "00:00:04.000 --> 00:00:08.000\nSecond one!" in vtt
    assert "Third" not in vtt
