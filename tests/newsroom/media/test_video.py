"""Video clips: checked by content with ffprobe, poster frame cut by ffmpeg."""

import subprocess
from io import BytesIO

import pytest
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.urls import reverse
from PIL import Image as PILImage

from masthead.newsroom.media import video
from masthead.newsroom.media.tasks import process_video
from masthead.newsroom.media.uploads import VideoClipForm
from masthead.newsroom.models import NewsImage, VideoClip

from .conftest import needs_ffmpeg, queued

pytestmark = [pytest.mark.integration, needs_ffmpeg]


def upload_clip(path, title="Harbour reopens", **fields) -> VideoClip:
    clip = VideoClip(title=title, **fields)
    with open(path, "rb") as fh:
        clip.file.save(path.name, File(fh), save=False)
    clip.save()  # test settings run the queued task at once
    clip.refresh_from_db()
    return clip


def assert_real_jpeg(image: NewsImage, size=(320, 240)):
    with image.file.open("rb") as fh, PILImage.open(BytesIO(fh.read())) as im:
        assert im.format == "JPEG"
        assert im.size == size
        im.load()


@pytest.mark.parametrize(
    ("ext", "mime", "codec"),
    [("mp4", "video/mp4", "h264"), ("webm", "video/webm", "vp9")],
)
def test_probe_reads_duration_size_and_codec(video_files, ext, mime, codec):
    info = video.probe(video_files[ext])
    assert info.container == ext
    assert info.mime_type == mime
    assert info.video_codec == codec
    assert info.duration == pytest.approx(2.0, abs=0.2)
    assert (info.width, info.height) == (320, 240)
    assert info.audio_codec in {"aac", "opus"}


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("fake", "Not an MP4 or WebM video"),
        ("html", "Not an MP4 or WebM video"),
        ("mkv", "Not an MP4 or WebM video"),  # Matroska, not WebM, by DocType
        ("mov", "Not an MP4 or WebM video"),  # QuickTime brand
    ],
)
def test_probe_refuses_other_content_whatever_the_name(
    video_files, tmp_path, key, message
):
    renamed = tmp_path / "renamed.mp4"
    renamed.write_bytes(video_files[key].read_bytes())
    for path in (video_files[key], renamed):
        with pytest.raises(video.VideoError, match=message):
            video.probe(path)


def test_probe_refuses_a_codec_browsers_cannot_play(video_files, tmp_path):
    mpeg2 = tmp_path / "mpeg2.mp4"
    subprocess.run(
        [
            "ffmpeg", "-nostdin", "-v", "error", "-i", str(video_files["mp4"]),
            "-c:v", "mpeg2video", "-an", "-y", str(mpeg2),
        ],
        check=True,
        timeout=60,
    )  # fmt: skip
    with pytest.raises(video.VideoError, match="Browsers cannot play mpeg2video"):
        video.probe(mpeg2)


def test_a_name_starting_with_a_dash_is_not_an_option(video_files, tmp_path):
    odd = tmp_path / "-y.mp4"
    odd.write_bytes(video_files["mp4"].read_bytes())
    assert video.probe(odd).container == "mp4"


def test_poster_time():
    assert video.poster_time(None) == 0.0
    assert video.poster_time(0.5) == 0.25
    assert video.poster_time(2.0) == 1.0
    assert video.poster_time(60.0) == 6.0
    assert video.poster_time(3600.0) == 10.0


@pytest.mark.parametrize("ext", ["mp4", "webm"])
def test_saving_a_clip_probes_it_and_cuts_a_poster(db, video_files, ext):
    clip = upload_clip(video_files[ext], title=f"Harbour reopens ({ext})")
    assert clip.processing_error == ""
    assert clip.mime_type == f"video/{ext}"
    assert clip.duration_seconds == pytest.approx(2.0, abs=0.2)
    assert (clip.width, clip.height) == (320, 240)
    poster = clip.poster
    assert poster is not None
    assert poster.alt_text == f"Poster frame from Harbour reopens ({ext})"
    assert poster.credit == ""
    assert_real_jpeg(poster)
    # The poster is an ordinary NewsImage: the worker made its renditions too.
    assert poster.renditions.count() == 24


def test_make_poster_sets_the_clip_poster(db, video_files, dummy_tasks):
    clip = upload_clip(video_files["mp4"])
    assert clip.poster is None  # nothing ran: the task was only queued
    [result] = queued(dummy_tasks, "process_video")
    assert result.task.queue_name == "media"
    image = video.make_poster(clip)
    clip.refresh_from_db()
    assert clip.poster == image
    assert_real_jpeg(image)


def test_a_fake_mp4_is_refused_and_gets_no_poster(db, video_files):
    clip = upload_clip(video_files["fake"], title="Not a video")
    assert "Not an MP4 or WebM video" in clip.processing_error
    assert clip.poster is None
    assert clip.mime_type == ""
    assert clip.duration_seconds is None
    assert NewsImage.objects.count() == 0


def test_processing_errors_never_reach_the_request(db, video_files, monkeypatch):
    monkeypatch.setattr(video.shutil, "which", lambda name: None)
    clip = upload_clip(video_files["mp4"])  # no exception here
    assert "ffprobe is not installed" in clip.processing_error
    assert clip.poster is None


def test_a_timeout_is_an_error_on_the_clip(db, video_files, monkeypatch):
    def too_slow(args, **kwargs):
        raise subprocess.TimeoutExpired(args, kwargs["timeout"])

    monkeypatch.setattr(video.subprocess, "run", too_slow)
    clip = upload_clip(video_files["mp4"])
    assert "took longer than" in clip.processing_error


def test_a_new_file_gets_a_new_poster_but_a_chosen_poster_stays(
    db, video_files, make_image
):
    clip = upload_clip(video_files["mp4"])
    first_poster = clip.poster
    with open(video_files["webm"], "rb") as fh:
        clip.file.save("clip.webm", File(fh), save=False)
    clip.save()
    clip.refresh_from_db()
    assert clip.mime_type == "video/webm"
    assert clip.poster != first_poster

    chosen = make_image("Chosen still")
    VideoClip.objects.filter(pk=clip.pk).update(poster=chosen)
    clip = VideoClip.objects.get(pk=clip.pk)
    with open(video_files["mp4"], "rb") as fh:
        clip.file.save("again.mp4", File(fh), save=False)
    clip.save()
    clip.refresh_from_db()
    assert clip.mime_type == "video/mp4"
    assert clip.poster == chosen


def test_a_stale_task_for_a_replaced_file_does_nothing(db, video_files, dummy_tasks):
    clip = upload_clip(video_files["mp4"])
    assert process_video.call(clip.pk, "videos/some-older-file.mp4") == "superseded"
    assert process_video.call(999_999) == "no file"


def snippet_add(admin_client, path, title):
    with open(path, "rb") as fh:
        return admin_client.post(
            reverse("wagtailsnippets_newsroom_videoclip:add"),
            {"title": title, "file": fh, "embed_url": ""},
        )


def test_admin_upload_of_an_mp4_gets_a_poster(admin_client, video_files):
    response = snippet_add(admin_client, video_files["mp4"], "Ferry at dusk")
    assert response.status_code == 302, response.content[:500]
    clip = VideoClip.objects.get()
    assert clip.mime_type == "video/mp4"
    assert_real_jpeg(clip.poster)


def test_admin_upload_of_a_fake_mp4_is_refused_by_content(admin_client, video_files):
    response = snippet_add(admin_client, video_files["fake"], "Fake")
    # VideoClipForm reads the bytes: a text file named .mp4 never gets stored.
    assert response.status_code == 200
    assert not VideoClip.objects.exists()


def test_video_clip_form_refuses_by_content_and_size(db, video_files, settings):
    form_class = modelform_factory(
        VideoClip, form=VideoClipForm, fields=["title", "file", "embed_url"]
    )

    def form(path, name=None):
        content = path.read_bytes()
        upload = SimpleUploadedFile(name or path.name, content)
        return form_class({"title": "Clip", "embed_url": ""}, {"file": upload})

    assert form(video_files["mp4"]).is_valid()
    assert form(video_files["webm"]).is_valid()
    bad = form(video_files["fake"])
    assert not bad.is_valid()
    assert "not an MP4 or WebM video" in bad.errors["file"][0]
    assert not form(video_files["html"], "page.mp4").is_valid()
    settings.MASTHEAD_VIDEO_MAX_UPLOAD_SIZE = 1_000
    assert "too big" in form(video_files["mp4"]).errors["file"][0]
    empty = form_class({"title": "Clip", "embed_url": ""}, {})
    assert not empty.is_valid()
    assert "Upload a video file or give a video page URL" in str(empty.errors)
