"""Video files: what they are (by content, with ffprobe) and a poster frame
(with ffmpeg). Debian's ffmpeg package provides both programs.

Everything runs in the worker (`process_video` in tasks.py), never in a request:
subprocesses get argument lists (no shell), a `file:` URL (so a name can never
be read as an option or another protocol) and a timeout.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage

logger = logging.getLogger("masthead.media")

PROBE_TIMEOUT = 60  # seconds
POSTER_TIMEOUT = 120
HEAD_BYTES = 64
AUTO_POSTER_ALT_PREFIX = "Poster frame from "

MIME_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}
# Video codecs browsers play in each container; anything else is refused
# with a message that says what to re-encode to.
PLAYABLE_CODECS = {
    "mp4": {"h264", "hevc", "av1"},
    "webm": {"vp8", "vp9", "av1"},
}


class VideoError(Exception):
    """A file we refuse, or cannot process; the message is shown to editors."""


@dataclass(frozen=True)
class VideoInfo:
    container: str  # "mp4" or "webm"
    mime_type: str
    duration: float | None
    width: int | None
    height: int | None
    video_codec: str
    audio_codec: str


def sniff_container(head: bytes) -> str | None:
    """Return "mp4" or "webm" from a file's first bytes, or None. Names do not count."""
    # ISO base media (MP4): a box size, then the "ftyp" box and its major brand.
    if len(head) >= 12 and head[4:8] == b"ftyp":
        if head[8:12] == b"qt  ":  # QuickTime .mov: not for the web
            return None
        return "mp4"
    # Matroska/WebM: the EBML magic, then a DocType element (0x4282) "webm".
    if head[:4] == b"\x1a\x45\xdf\xa3":
        at = head.find(b"\x42\x82", 4)
        if at != -1 and head[at + 3 : at + 7] == b"webm":
            return "webm"
    return None


def sniff_file(fileobj) -> str | None:
    """`sniff_container` for an open file (or upload); leaves it at position 0."""
    position = fileobj.tell() if hasattr(fileobj, "tell") else 0
    fileobj.seek(0)
    head = fileobj.read(HEAD_BYTES)
    fileobj.seek(position)
    return sniff_container(head if isinstance(head, bytes) else b"")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise VideoError(
            f"{name} is not installed on this server (apt-get install ffmpeg)."
        )
    return path


def _file_url(path: str | os.PathLike) -> str:
    return "file:" + str(Path(path).resolve())


def _run(args: list[str], timeout: int) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(  # noqa: S603 - argument list, no shell
            args,
            capture_output=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise VideoError(
            f"{Path(args[0]).name} took longer than {timeout} s; file refused."
        ) from None


def probe(path: str | os.PathLike) -> VideoInfo:
    """Duration, size and codecs of an MP4 or WebM file; VideoError otherwise."""
    with open(path, "rb") as fh:
        container = sniff_container(fh.read(HEAD_BYTES))
    if container is None:
        raise VideoError("Not an MP4 or WebM video (checked by content, not name).")

    done = _run(
        [
            _tool("ffprobe"),
            "-v",
            "error",
            "-print_format",
            "json",
            "-show_format",
            "-show_streams",
            _file_url(path),
        ],
        PROBE_TIMEOUT,
    )
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()[:300]
        raise VideoError(f"The video could not be read: {detail or 'unknown error'}")
    try:
        data = json.loads(done.stdout)
    except ValueError:
        raise VideoError("The video could not be read (bad ffprobe output).") from None

    fmt = data.get("format") or {}
    names = set((fmt.get("format_name") or "").split(","))
    if container not in names:
        raise VideoError(
            f"The file starts like {container.upper()} but ffprobe reads it as "
            f"{fmt.get('format_name') or 'unknown'}; refused."
        )
    streams = data.get("streams") or []
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    if video is None:
        raise VideoError("The file has no video stream.")
    codec = video.get("codec_name") or ""
    if codec not in PLAYABLE_CODECS[container]:
        wanted = ", ".join(sorted(PLAYABLE_CODECS[container]))
        raise VideoError(
            f"Browsers cannot play {codec or 'this'} video in {container.upper()}; "
            f"re-encode it ({wanted})."
        )
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    return VideoInfo(
        container=container,
        mime_type=MIME_TYPES[container],
        duration=_float(fmt.get("duration")) or _float(video.get("duration")),
        width=_int(video.get("width")),
        height=_int(video.get("height")),
        video_codec=codec,
        audio_codec=(audio or {}).get("codec_name") or "",
    )


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _int(value) -> int | None:
    try:
        return int(value) or None
    except (TypeError, ValueError):
        return None


def poster_time(duration: float | None) -> float:
    """About 1 s in, or 10% of a long clip (at most 10 s), never past the middle."""
    if not duration or duration <= 0:
        return 0.0
    return round(min(max(1.0, duration * 0.1), 10.0, duration / 2), 3)


def grab_frame(path: str | os.PathLike, at: float, out: Path) -> None:
    """Write one frame of the video at `at` seconds to `out` as a JPEG."""
    ffmpeg = _tool("ffmpeg")
    for seek in dict.fromkeys((at, 0.0)):  # a seek past the end gives no frame
        done = _run(
            [
                ffmpeg,
                "-nostdin",
                "-hide_banner",
                "-v",
                "error",
                "-ss",
                f"{seek:.3f}",
                "-i",
                _file_url(path),
                "-frames:v",
                "1",
                "-c:v",
                "mjpeg",
                "-q:v",
                "3",
                "-f",
                "image2",
                "-y",
                _file_url(out),
            ],
            POSTER_TIMEOUT,
        )
        if done.returncode == 0 and out.exists() and out.stat().st_size > 0:
            return
    detail = done.stderr.decode("utf-8", "replace").strip()[:300]
    raise VideoError(f"No poster frame could be cut: {detail or 'no frame'}")


def make_poster_image(path: str | os.PathLike, title: str, info: VideoInfo):
    """Cut a frame from the video at `path` and save it as a NewsImage."""
    # Deferred: the models import this module (VideoClip's validators and
    # choices), so it cannot import them back while they load.
    from masthead.newsroom.models import NewsImage

    with tempfile.TemporaryDirectory(prefix="masthead-poster-") as tmp:
        out = Path(tmp) / "poster.jpg"
        grab_frame(path, poster_time(info.duration), out)
        with PILImage.open(out) as frame:  # make sure ffmpeg wrote a real JPEG
            frame.verify()
            if frame.format != "JPEG":
                raise VideoError("The poster frame is not a JPEG.")
        label = title.strip() or "video"
        image = NewsImage(
            title=f"Poster: {label}"[:255],
            alt_text=f"{AUTO_POSTER_ALT_PREFIX}{label}"[:255],
            credit="",
        )
        with open(out, "rb") as fh:
            image.file = ImageFile(fh, name=f"poster-{_slug(label)}.jpg")
            image._set_image_file_metadata()
            image.save()
    return image


def _slug(text: str) -> str:
    return slugify(text)[:60] or "video"


def make_poster(clip):
    """Probe the clip's file, cut a poster frame, set `clip.poster` (saved with
    an update, so no save signal runs again) and return the NewsImage."""
    # Deferred: the models import this module (see make_poster_image).
    from masthead.newsroom.models import VideoClip

    with local_path(clip.file) as path:
        info = probe(path)
        image = make_poster_image(path, clip.title, info)
    VideoClip.objects.filter(pk=clip.pk).update(poster=image)
    clip.poster = image
    return image


@contextmanager
def local_path(field_file):
    """A local path for a stored file: the file itself on local storage, or a
    temporary copy from remote storage (S3)."""
    try:
        path = field_file.path
    except NotImplementedError:
        path = None
    if path is not None:
        yield path
        return
    suffix = Path(field_file.name).suffix
    with tempfile.NamedTemporaryFile(suffix=suffix, prefix="masthead-video-") as tmp:
        field_file.open("rb")
        try:
            for chunk in field_file.chunks():
                tmp.write(chunk)
        finally:
            field_file.close()
        tmp.flush()
        yield tmp.name


# Captions (WebVTT) -----------------------------------------------------------

MAX_CAPTIONS_BYTES = 1024 * 1024  # an hour of dense subtitles is ~100 kB
_VTT_HEADER = re.compile(r"\AWEBVTT(?:[ \t][^\r\n]*)?(?:\r\n|\r|\n|\Z)")
_VTT_TIMING = re.compile(
    r"^(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}[ \t]+-->[ \t]+"
    r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}(?:[ \t].*)?$",
    re.MULTILINE,
)


def check_webvtt(data: bytes) -> str:
    """Return the text of a WebVTT captions file; raise VideoError saying what
    is wrong (browsers silently show no captions for a bad file)."""
    if len(data) > MAX_CAPTIONS_BYTES:
        raise VideoError(
            "This captions file is over 1 MB; it cannot be WebVTT captions."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise VideoError(
            "Captions must be a WebVTT file in UTF-8; save it again as UTF-8."
        ) from None
    text = text.removeprefix("\ufeff")
    if not _VTT_HEADER.match(text):
        raise VideoError(
            'This is not a WebVTT captions file: it must start with "WEBVTT" '
            "(an .srt file can be converted, e.g. with ffmpeg -i in.srt out.vtt)."
        )
    if "\x00" in text:
        raise VideoError("This captions file contains binary data.")
    if not _VTT_TIMING.search(text):
        raise VideoError(
            "This WebVTT file has no cues: a cue needs a timing line such as "
            '"00:00:01.000 --> 00:00:04.000".'
        )
    return text


def validate_captions_file(value) -> None:
    """Model field validator: the captions upload must be WebVTT."""
    fileobj = getattr(value, "file", value)
    try:
        position = fileobj.tell()
        fileobj.seek(0)
        data = fileobj.read(MAX_CAPTIONS_BYTES + 1)
        fileobj.seek(position)
    except (OSError, ValueError):
        raise ValidationError("The captions file could not be read.") from None
    try:
        check_webvtt(data if isinstance(data, bytes) else data.encode())
    except VideoError as exc:
        raise ValidationError(str(exc), code="captions_refused") from None


# Durations --------------------------------------------------------------------


def clock_duration(seconds: float | None) -> str:
    """ "2:05", "1:02:05": how players and video sites print a clip's length."""
    if seconds is None or seconds < 0:
        return ""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def iso_duration(seconds: float | None) -> str:
    """ "PT2M5S": the same length for <time datetime> (ISO 8601 / HTML duration)."""
    if seconds is None or seconds < 0:
        return ""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}H" if hours else "", f"{minutes}M" if minutes else ""]
    if secs or not (hours or minutes):
        parts.append(f"{secs}S")
    return "PT" + "".join(parts)
