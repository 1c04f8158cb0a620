"""Video: an uploaded clip plays on its page, with poster, controls and captions,
and the Video section lists it with its length. Real clips made with Debian's
ffmpeg, uploaded into the running newsroom with `masthead shell`."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PURGE, ROOT
from .helpers import screenshot

pytestmark = pytest.mark.browser

MASTHEAD = Path(sys.executable).with_name("masthead")
CLIP_SECONDS = 2
# Our own captions for ffmpeg's test pattern.
CAPTIONS = (
    "WEBVTT\n\n"
    "00:00:00.000 --> 00:00:01.000\nThe night ferry leaves the pier.\n\n"
    "00:00:01.000 --> 00:00:02.000\nLights on the water behind it.\n"
)
ENCODERS = {
    "mp4": ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart"],
    "webm": ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-b:v", "200k"],
}
MIME = {"mp4": 'video/mp4; codecs="avc1.42E01E"', "webm": 'video/webm; codecs="vp9"'}

# Run inside `masthead shell -c`: uploads each clip with its captions, probes it
# and cuts the poster as the worker would, and publishes a Video article.
UPLOAD = """
import json
from django.core.files import File
from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.media.tasks import process_video
from masthead.newsroom.models import ArticlePage, SectionPage, VideoClip

urls = {}
for ext, path in CLIPS.items():
    slug = f"night-ferry-{ext}"
    article = ArticlePage.objects.filter(slug=slug).first()
    if article is None:
        clip = VideoClip(title=f"Night ferry ({ext.upper()})", captions_language="en")
        with open(path, "rb") as fh:
            clip.file.save(f"night-ferry.{ext}", File(fh), save=False)
        with open(VTT, "rb") as fh:
            clip.captions.save("night-ferry.vtt", File(fh), save=False)
        clip.full_clean()
        clip.save()
        assert process_video.call(clip.pk, clip.file.name) == "done"
        article = ArticleFactory(
            parent=SectionPage.objects.get(slug="video"),
            title=f"On the last ferry of the night ({ext.upper()})",
            slug=slug,
            kicker="Video",
            lead="Two minutes on the river with the crew of the last crossing.",
            video=VideoClip.objects.get(pk=clip.pk),
        )
    urls[ext] = article.url
print("URLS=" + json.dumps(urls))
"""


@pytest.fixture(scope="module")
def clip_pages(live_server_env, tmp_path_factory) -> dict[str, str]:
    if shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None:
        pytest.skip("Debian's ffmpeg is not installed: no clip to upload")
    folder = tmp_path_factory.mktemp("clips")
    clips = {}
    for ext, codec in ENCODERS.items():
        path = folder / f"night-ferry.{ext}"
        subprocess.run(
            [
                "ffmpeg", "-nostdin", "-v", "error",
                "-f", "lavfi", "-i",
                f"testsrc=duration={CLIP_SECONDS}:size=320x240:rate=10",
                *codec, "-y", str(path),
            ],
            check=True,
            timeout=120,
        )  # fmt: skip
        clips[ext] = str(path)
    vtt = folder / "night-ferry.vtt"
    vtt.write_text(CAPTIONS, encoding="utf-8")
    script = f"CLIPS = {clips!r}\nVTT = {str(vtt)!r}\n{UPLOAD}\n{PURGE}\n"
    done = subprocess.run(
        [str(MASTHEAD), "shell", "-c", script],
        env=live_server_env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("URLS="))
    return json.loads(line.removeprefix("URLS="))


def _open_clip(new_page, clip_pages, ext, viewport):
    page = new_page(viewport)
    response = page.goto(clip_pages[ext])
    assert response.status == 200
    can_play = page.evaluate(
        "t => document.createElement('video').canPlayType(t)", MIME[ext]
    )
    if not can_play:
        pytest.skip(f"this chromium build cannot play {MIME[ext]}")
    return page, response


@pytest.mark.parametrize("ext", ["webm", "mp4"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_an_uploaded_clip_plays_with_poster_controls_and_captions(
    new_page, clip_pages, ext, viewport
):
    page, response = _open_clip(new_page, clip_pages, ext, viewport)
    csp = [d.strip() for d in response.headers["content-security-policy"].split(";")]
    assert "media-src 'self'" in csp

    player = page.locator("figure.article__video video")
    player.wait_for(state="visible")
    assert player.get_attribute("controls") is not None

    # The player fills the text column, inside the viewport.
    figure = page.locator("figure.article__video").bounding_box()
    box = player.bounding_box()
    width = page.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5
    assert abs(box["width"] - figure["width"]) < 1
    assert box["height"] > 0.5 * box["width"]  # a 4:3 clip, not a sliver

    # The poster is a real picture the browser loads.
    poster = player.get_attribute("poster")
    assert poster
    size = page.evaluate(
        """src => new Promise((ok, fail) => {
            const im = new Image();
            im.onload = () => ok([im.naturalWidth, im.naturalHeight]);
            im.onerror = () => fail(new Error("poster did not load: " + src));
            im.src = src;
        })""",
        poster,
    )
    assert size == [320, 240]

    # The browser reads the file: metadata loaded, the clip's length.
    page.wait_for_function(
        "() => document.querySelector('figure.article__video video').readyState >= 1"
    )
    duration = player.evaluate("v => v.duration")
    assert duration == pytest.approx(CLIP_SECONDS, abs=0.25)

    # Captions: the default track is shown, loaded and has our cues.
    track = player.locator("track")
    assert track.get_attribute("kind") == "captions"
    assert track.get_attribute("srclang") == "en"
    assert track.get_attribute("label") == "English"
    assert track.get_attribute("default") is not None
    page.wait_for_function(
        "() => document.querySelector('figure.article__video track').readyState === 2"
    )
    cues = player.evaluate(
        """v => {
            const t = v.textTracks[0];
            return {kind: t.kind, mode: t.mode, language: t.language,
                    cues: Array.from(t.cues, c => c.text)};
        }"""
    )
    assert cues == {
        "kind": "captions",
        "mode": "showing",
        "language": "en",
        "cues": ["The night ferry leaves the pier.", "Lights on the water behind it."],
    }

    # And it plays: muted (as browsers allow without a gesture), time moves on.
    player.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function(
        "() => document.querySelector('figure.article__video video').currentTime > 0.3"
    )

    # The length is printed under the player, machine-readable too.
    length = page.locator("figure.article__video figcaption time")
    assert length.inner_text() == "0:02"
    assert length.get_attribute("datetime") == "PT2S"
    screenshot(page, f"video-{ext}", viewport)
    assert page.problems == []


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_video_section_lists_clips_with_their_length(
    new_page, clip_pages, viewport
):
    page = new_page(viewport)
    assert page.goto("/video/").status == 200
    card = page.locator(".video-teaser").filter(
        has=page.get_by_role("link", name="On the last ferry of the night (WEBM)")
    )
    card.wait_for(state="visible")
    length = card.locator(".video-teaser__duration time")
    assert length.inner_text() == "0:02"
    assert length.get_attribute("datetime") == "PT2S"

    # The length sits over the poster's bottom right corner, inside the page.
    poster = card.locator(".video-teaser__poster img").bounding_box()
    chip = card.locator(".video-teaser__duration").bounding_box()
    assert poster["width"] > 0 and poster["height"] > 0
    assert poster["x"] < chip["x"] and chip["x"] + chip["width"] <= (
        poster["x"] + poster["width"]
    )
    assert poster["y"] < chip["y"] and chip["y"] + chip["height"] <= (
        poster["y"] + poster["height"]
    )
    assert poster["x"] + poster["width"] <= page.viewport_size["width"]
    # Headline below the poster, readable.
    headline = card.locator(".video-teaser__headline").bounding_box()
    assert headline["y"] >= poster["y"] + poster["height"]
    screenshot(page, "video-section", viewport)
    assert page.problems == []
