"""Illustrations drawn locally with Pillow for the demo: no downloads, no stock photos."""

import hashlib
import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

PALETTES = {
    "dawn": ["#f6d5b8", "#e98a6c", "#b84a62", "#4b2e5a", "#fff4e6"],
    "harbour": ["#d7e6ef", "#7fa7c4", "#2f5d80", "#14324a", "#f2f7fa"],
    "forest": ["#dfe9d6", "#8fb58a", "#3f7450", "#1c3b2a", "#f4f8ef"],
    "ember": ["#fde2c4", "#f2994a", "#c0392b", "#5b1a12", "#fff5ea"],
    "slate": ["#e3e6ea", "#9aa5b1", "#52606d", "#1f2933", "#f5f7fa"],
    "sand": ["#f4ead5", "#d9b77e", "#a07b46", "#5a4222", "#fffaf0"],
}
SIZE = (1600, 900)


def _rng(seed: str) -> random.Random:
    return random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:12], 16))  # noqa: S311


def _skyline(d, rnd, colours, w, h):
    x = 0
    while x < w:
        bw = rnd.randint(60, 160)
        bh = rnd.randint(h // 5, int(h * 0.7))
        d.rectangle([x, h - bh, x + bw, h], fill=rnd.choice(colours[2:4]))
        for wy in range(h - bh + 20, h - 20, 36):
            for wx in range(x + 12, x + bw - 12, 26):
                if rnd.random() < 0.4:
                    d.rectangle([wx, wy, wx + 10, wy + 16], fill=colours[4])
        x += bw + rnd.randint(4, 20)


def _waves(d, rnd, colours, w, h):
    for band in range(7):
        y0 = h * 0.35 + band * h * 0.09
        pts = [
            (x, y0 + math.sin(x / (90 + band * 13) + band) * (18 + band * 3))
            for x in range(0, w + 20, 20)
        ]
        d.polygon(pts + [(w, h), (0, h)], fill=colours[1 + band % 3])


def _circles(d, rnd, colours, w, h):
    for _ in range(26):
        r = rnd.randint(30, 220)
        cx, cy = rnd.randint(0, w), rnd.randint(0, h)
        d.ellipse(
            [cx - r, cy - r, cx + r, cy + r],
            outline=rnd.choice(colours[1:4]),
            width=rnd.randint(4, 16),
        )


def _bars(d, rnd, colours, w, h):
    n = 12
    bw = w // (n * 2)
    for i in range(n):
        bh = int(h * (0.15 + 0.7 * rnd.random()))
        x = bw // 2 + i * bw * 2
        d.rectangle([x, h - bh, x + bw, h], fill=colours[2 + i % 2])
    pts = [(bw + i * bw * 2, h - int(h * (0.2 + 0.6 * rnd.random()))) for i in range(n)]
    d.line(pts, fill=colours[4], width=8)


def _arches(d, rnd, colours, w, h):
    d.rectangle([0, h * 0.62, w, h], fill=colours[2])
    for i in range(5):
        x0 = i * w / 5
        d.arc([x0, h * 0.35, x0 + w / 5, h * 0.9], 180, 360, fill=colours[3], width=18)
    d.line([(0, h * 0.62), (w, h * 0.62)], fill=colours[3], width=22)


MOTIFS = {
    "skyline": _skyline,
    "river": _waves,
    "wave": _waves,
    "bridge": _arches,
    "stadium": _circles,
    "globe": _circles,
    "lantern": _circles,
    "chart": _bars,
    "market": _bars,
    "train": _skyline,
    "leaf": _circles,
    "book": _bars,
}


def draw_illustration(motif: str, palette: str, seed: str) -> bytes:
    """A 1600x900 JPEG, the same bytes for the same arguments."""
    colours = PALETTES.get(palette, PALETTES["slate"])
    rnd = _rng(f"{motif}:{palette}:{seed}")
    w, h = SIZE
    image = Image.new("RGB", SIZE, colours[0])
    d = ImageDraw.Draw(image)
    for i in range(0, h, 6):  # a soft vertical gradient for the sky
        t = i / h
        d.line([(0, i), (w, i)], fill=_mix(colours[0], colours[1], t * 0.6))
    MOTIFS.get(motif, _circles)(d, rnd, colours, w, h)
    image = image.filter(ImageFilter.SMOOTH)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def _mix(a: str, b: str, t: float) -> tuple[int, int, int]:
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return tuple(int(x + (y - x) * t) for x, y in zip(ca, cb, strict=True))


PORTRAIT_SIZE = (600, 800)


def draw_portrait(palette: str, seed: str) -> bytes:
    """A 600x800 JPEG head-and-shoulders drawing for a demo person's profile.

    Shapes only (no face), so no one mistakes an invented columnist for a
    real person; the same bytes for the same arguments.
    """
    colours = PALETTES.get(palette, PALETTES["slate"])
    rnd = _rng(f"portrait:{palette}:{seed}")
    w, h = PORTRAIT_SIZE
    image = Image.new("RGB", PORTRAIT_SIZE, colours[4])
    d = ImageDraw.Draw(image)
    for i in range(h):
        d.line([(0, i), (w, i)], fill=_mix(colours[4], colours[0], i / h))
    cx = w // 2 + rnd.randint(-15, 15)
    skin, hair = colours[1], colours[3]
    hair_length = rnd.uniform(0.5, 0.7)  # short or shoulder-length, per person
    d.ellipse([cx - 135, int(h * 0.17), cx + 135, int(h * hair_length)], fill=hair)
    d.rectangle([cx - 38, int(h * 0.5), cx + 38, int(h * 0.7)], fill=skin)
    d.ellipse([cx - 270, int(h * 0.66), cx + 270, int(h * 1.3)], fill=colours[2])
    d.ellipse([cx - 100, int(h * 0.23), cx + 100, int(h * 0.56)], fill=skin)
    # A fringe over the top of the face.
    d.chord([cx - 112, int(h * 0.2), cx + 112, int(h * 0.4)], 180, 360, fill=hair)
    image = image.filter(ImageFilter.SMOOTH)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()
