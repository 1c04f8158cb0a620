import shutil
import struct
import subprocess
import zlib
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage

needs_ffmpeg = pytest.mark.skipif(
    shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None,
    reason="Debian's ffmpeg is not installed (make test installs it)",
)


def image_bytes(width=1600, height=900, fmt="JPEG", colour=(180, 40, 40)) -> bytes:
    """A real picture with some detail (a gradient), so encoders do real work."""
    im = PILImage.new("RGB", (width, height), colour)
    for x in range(0, width, max(1, width // 16)):
        im.paste((x * 255 // width, 90, 200), (x, 0, x + width // 32, height))
    out = BytesIO()
    im.save(out, fmt)
    return out.getvalue()


def png_with_header(width: int, height: int, rows: int = 1) -> bytes:
    """A PNG whose header claims width x height, with only `rows` rows of data:
    a few dozen bytes that a decoder would try to blow up to the full size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def make_image(db):
    from masthead.newsroom.models import NewsImage

    def make(title="Harbour at dawn", width=640, height=360, **fields):
        fields.setdefault("alt_text", f"Photo: {title}")
        image = NewsImage(title=title, **fields)
        image.file = ImageFile(
            BytesIO(image_bytes(width, height)), name=f"{title[:20]}.jpg"
        )
        image._set_image_file_metadata()
        image.save()
        return image

    return make


@pytest.fixture
def dummy_tasks(settings):
    """A task backend that only records what is queued (nothing runs)."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "wire", "media"],
        }
    }
    from django_tasks import task_backends

    backend = task_backends["default"]
    backend.clear()
    return backend


def queued(backend, name: str) -> list:
    return [r for r in backend.results if r.task.name == name]


@pytest.fixture(scope="session")
def video_files(tmp_path_factory):
    """Real 2-second clips made with ffmpeg's lavfi test source."""
    if shutil.which("ffmpeg") is None:
        pytest.skip("Debian's ffmpeg is not installed (make test installs it)")
    folder = tmp_path_factory.mktemp("videos")
    common = [
        "ffmpeg",
        "-nostdin",
        "-v",
        "error",
        "-f",
        "lavfi",
        "-i",
        "testsrc=duration=2:size=320x240:rate=25",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:duration=2",
        "-shortest",
    ]
    outputs = {
        "mp4": [
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-movflags",
            "+faststart",
        ],
        "webm": [
            "-c:v",
            "libvpx-vp9",
            "-deadline",
            "realtime",
            "-cpu-used",
            "8",
            "-b:v",
            "200k",
            "-c:a",
            "libopus",
        ],
        "mkv": ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"],
        "mov": ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"],
    }
    paths = {}
    for ext, args in outputs.items():
        path = folder / f"clip.{ext}"
        subprocess.run([*common, *args, "-y", str(path)], check=True, timeout=120)
        paths[ext] = path
    fake = folder / "fake.mp4"
    fake.write_text("This is not a video, just text with an .mp4 name.\n")
    paths["fake"] = fake
    html = folder / "page.webm"
    html.write_text("<html><body><script>alert(1)</script></body></html>")
    paths["html"] = html
    return paths
