"""Clips for the demo's Video articles, made on the spot with Debian's ffmpeg.

A moving gradient in the article's palette (ffmpeg's `gradients` source, under a
second of CPU per clip) with captions taken from the article's own lead, so a
new user sees the player, poster, length and captions working. Without ffmpeg
the demo goes on without clips and says so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile

from masthead.demo.images import PALETTES
from masthead.newsroom.media.tasks import process_video
from masthead.newsroom.models import ArticlePage, VideoClip

CLIP_SECONDS = 8
CUE_SECONDS = 4


def ffmpeg_available() -> bool:
    return bool(shutil.which("ffmpeg") and shutil.which("ffprobe"))


def captions_for(text: str, seconds: int = CLIP_SECONDS) -> str:
    """WebVTT cues of the text's sentences, CUE_SECONDS each, within the clip."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    lines = ["WEBVTT", ""]
    for i, sentence in enumerate(sentences[: seconds // CUE_SECONDS]):
        start, end = i * CUE_SECONDS, (i + 1) * CUE_SECONDS
        lines += [f"00:00:{start:02d}.000 --> 00:00:{end:02d}.000", sentence, ""]
    return "\n".join(lines)


def _encode(path: Path, colours: list[str]) -> None:
    c = [colour.lstrip("#") for colour in colours[:4]]
    source = (
        f"gradients=s=640x360:r=15:d={CLIP_SECONDS}:speed=0.03:nb_colors=4:"
        f"c0=0x{c[0]}:c1=0x{c[1]}:c2=0x{c[2]}:c3=0x{c[3]}"
    )
    subprocess.run(  # noqa: S603  (fixed arguments, our own file names)
        [shutil.which("ffmpeg") or "ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", source,
         "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8",
         "-b:v", "300k", "-pix_fmt", "yuv420p", "-y", str(path)],
        check=True,
        timeout=120,
    )  # fmt: skip


def attach_clip(article: ArticlePage, palette: str) -> VideoClip:
    """Make, probe and attach a captioned clip to `article`, publishing it."""
    with tempfile.TemporaryDirectory(prefix="masthead-demo-video-") as tmp:
        clip_path = Path(tmp) / f"{article.slug}.webm"
        _encode(clip_path, PALETTES.get(palette, PALETTES["slate"]))
        clip = VideoClip(title=article.title[:255], captions_language="en")
        with clip_path.open("rb") as fh:
            clip.file.save(clip_path.name, File(fh), save=False)
        vtt = captions_for(article.lead).encode()
        clip.captions.save(f"{article.slug}.vtt", ContentFile(vtt), save=False)
        clip.full_clean()
        clip.save()
    # Probe and cut the poster now, as the worker would, so the page is whole.
    process_video.call(clip.pk, clip.file.name)
    article.video = clip
    article.save_revision().publish()
    return clip
