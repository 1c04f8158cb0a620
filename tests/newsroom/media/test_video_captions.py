"""Captions (WebVTT) for uploaded clips, clip lengths, and the CSP that lets them play."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.media import video
from masthead.newsroom.models import VideoClip

from .conftest import needs_ffmpeg

# Our own captions for the test clip (two seconds of ffmpeg's test pattern).
CAPTIONS = (
    "WEBVTT - harbour ferry\n"
    "\n"
    "1\n"
    "00:00:00.000 --> 00:00:01.000\n"
    "The first ferry leaves the pier.\n"
    "\n"
    "00:00:01.000 --> 00:00:02.000 line:0\n"
    "Gulls follow it out.\n"
)


# --- what counts as WebVTT ------------------------------------------------------


def test_webvtt_with_or_without_a_byte_order_mark_is_accepted():
    assert video.check_webvtt(CAPTIONS.encode()).startswith("WEBVTT")
    assert video.check_webvtt(b"\xef\xbb\xbf" + CAPTIONS.encode())
    hours = "WEBVTT\n\n01:02:03.000 --> 01:02:05.500\nLater.\n"
    assert video.check_webvtt(hours.encode())


@pytest.mark.parametrize(
    "data, message",
    [
        # SubRip: numbered cues with comma decimals and no header.
        (
            b"1\n00:00:00,000 --> 00:00:01,000\nHello\n",
            'must start with "WEBVTT"',
        ),
        (b"WEBVTTX\n\n00:00:00.000 --> 00:00:01.000\nHi\n", 'must start with "WEBVTT"'),
        (b"WEBVTT\n\nNo cues at all.\n", "has no cues"),
        ("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nCafé\n".encode("latin-1"), "UTF-8"),
        (b"\x1aE\xdf\xa3 binary video bytes", 'must start with "WEBVTT"'),
        (b"WEBVTT\n" + b"x" * (video.MAX_CAPTIONS_BYTES + 1), "over 1 MB"),
    ],
)
def test_anything_else_is_refused_with_a_reason(data, message):
    with pytest.raises(video.VideoError, match=message):
        video.check_webvtt(data)


def test_the_model_refuses_a_captions_file_that_is_not_webvtt(db):
    clip = VideoClip(title="Ferry", embed_url="https://example.com/v/1")
    clip.captions.save("ferry.vtt", ContentFile(b"Just some notes"), save=False)
    with pytest.raises(ValidationError) as refused:
        clip.full_clean()
    assert 'must start with "WEBVTT"' in str(refused.value.message_dict["captions"])
    clip.captions.save("notes.txt", ContentFile(CAPTIONS.encode()), save=False)
    with pytest.raises(ValidationError) as refused:
        clip.full_clean()
    assert "vtt" in str(refused.value.message_dict["captions"])


@pytest.mark.parametrize(
    "seconds, clock, iso",
    [
        (125.0, "2:05", "PT2M5S"),
        (2.04, "0:02", "PT2S"),
        (59.6, "1:00", "PT1M"),
        (3725.2, "1:02:05", "PT1H2M5S"),
        (3600, "1:00:00", "PT1H"),
        (0.2, "0:00", "PT0S"),
        (None, "", ""),
    ],
)
def test_clip_lengths_read_like_a_player_and_parse_as_iso(seconds, clock, iso):
    assert video.clock_duration(seconds) == clock
    assert video.iso_duration(seconds) == iso
    clip = VideoClip(duration_seconds=seconds)
    assert (clip.duration_clock, clip.duration_iso) == (clock, iso)


@pytest.mark.parametrize(
    "tag, label", [("en", "English"), ("zh-hans", "简体中文"), ("", "English")]
)
def test_the_captions_menu_names_the_language(tag, label):
    assert VideoClip(captions_language=tag).captions_label == label


# --- the admin and the page --------------------------------------------------------


def get(client, url):
    caches["pages"].clear()
    response = client.get(url)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def snippet_add(admin_client, clip_path, captions: bytes, name="ferry.vtt"):
    with open(clip_path, "rb") as fh:
        return admin_client.post(
            reverse("wagtailsnippets_newsroom_videoclip:add"),
            {
                "title": "Ferry at dusk",
                "file": fh,
                "embed_url": "",
                "captions": SimpleUploadedFile(name, captions),
                "captions_language": "en",
            },
        )


@pytest.mark.integration
@needs_ffmpeg
def test_the_desk_uploads_captions_with_a_clip(admin_client, video_files):
    response = snippet_add(admin_client, video_files["webm"], CAPTIONS.encode())
    assert response.status_code == 302, response.content[:800]
    clip = VideoClip.objects.get()
    assert clip.captions.name.endswith(".vtt")
    with clip.captions.open("rb") as fh:
        assert fh.read() == CAPTIONS.encode()


@pytest.mark.integration
@needs_ffmpeg
def test_the_desk_is_told_why_captions_are_refused(admin_client, video_files):
    srt = b"1\n00:00:00,000 --> 00:00:01,000\nHello\n"
    response = snippet_add(admin_client, video_files["webm"], srt)
    assert response.status_code == 200
    assert not VideoClip.objects.exists()
    assert "This is not a WebVTT captions file" in response.content.decode()


@pytest.fixture
def captioned_article(db, section, video_files):
    clip = VideoClip(title="Ferry at dusk", captions_language="en")
    with open(video_files["mp4"], "rb") as fh:
        clip.file.save("ferry.mp4", File(fh), save=False)
    clip.captions.save("ferry.vtt", ContentFile(CAPTIONS.encode()), save=False)
    clip.save()  # probed at once under the test task backend
    clip.refresh_from_db()
    article = ArticleFactory(
        parent=section("video"), title="Ferry at dusk", slug="ferry-dusk", video=clip
    )
    return article, clip


@pytest.mark.integration
@needs_ffmpeg
def test_the_player_carries_the_captions_track_and_the_length(
    client, captioned_article
):
    article, clip = captioned_article
    response, page = get(client, article.url)
    player = page.select_one("figure.article__video video")
    track = player.select_one("track")
    assert track["kind"] == "captions"
    assert track["src"] == clip.captions.url
    assert (track["srclang"], track["label"]) == ("en", "English")
    assert track.has_attr("default")
    length = page.select_one("figure.article__video figcaption time")
    assert (length.get_text(), length["datetime"]) == ("0:02", "PT2S")
    # The file, the poster and the captions all come from the site itself.
    csp = response["Content-Security-Policy"]
    assert "media-src 'self'" in [d.strip() for d in csp.split(";")]


@pytest.mark.integration
@needs_ffmpeg
def test_a_clip_without_captions_has_no_track(client, section, video_files):
    clip = VideoClip(title="Quiet pier")
    with open(video_files["webm"], "rb") as fh:
        clip.file.save("pier.webm", File(fh), save=False)
    clip.save()
    article = ArticleFactory(
        parent=section("video"), title="Quiet pier", slug="quiet-pier", video=clip
    )
    _, page = get(client, article.url)
    assert page.select_one("figure.article__video video source")["type"] == (
        "video/webm"
    )
    assert page.select("track") == []
