"""The app's icons, drawn here: the paper's red with a white "M" over the
double rule of the masthead (the header's `3px double` border).

The shapes are plain polygons on a 512-unit square, so the drawing needs no
font and comes out the same on any machine. `masthead draw_app_icons` writes
the PNGs and the SVG into the app's static folder, where they are committed;
run it again after changing the drawing.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

RED = "#a3161a"
WHITE = "#ffffff"
GRID = 512
CORNER = 96  # the rounded corner of the "any" icon, in grid units
SUPERSAMPLE = 4  # drawn this much larger, then scaled down: smooth edges
# A maskable icon's content must fit the centre circle of 40% radius
# (W3C manifest spec, "safe zone"); the drawing is shrunk to this share.
MASKABLE_SCALE = 0.75

# A bold "M" in grid units (x right, y down).
LETTER = [
    (128, 340),
    (128, 120),
    (180, 120),
    (256, 232),
    (332, 120),
    (384, 120),
    (384, 340),
    (332, 340),
    (332, 214),
    (256, 322),
    (180, 214),
    (180, 340),
]
# The masthead's double rule under the letter: (x0, y0, x1, y1).
RULES = [(128, 368, 384, 380), (128, 390, 384, 396)]

STATIC_DIR = Path(__file__).resolve().parent.parent / "static" / "readers" / "app"
# file name -> (pixels, maskable)
ICONS = {
    "icon-192.png": (192, False),
    "icon-512.png": (512, False),
    "icon-maskable-512.png": (512, True),
    # iOS shows transparency as black: a full square, as the maskable one.
    "apple-touch-icon.png": (180, True),
}


def _scaled(points, factor: float, centre: float = GRID / 2):
    return [
        (centre + (x - centre) * factor, centre + (y - centre) * factor)
        for x, y in points
    ]


def shapes(maskable: bool):
    """The letter and the rules in grid units, shrunk to the safe zone when maskable."""
    factor = MASKABLE_SCALE if maskable else 1.0
    letter = _scaled(LETTER, factor)
    rules = [
        tuple(v for point in _scaled([(x0, y0), (x1, y1)], factor) for v in point)
        for x0, y0, x1, y1 in RULES
    ]
    return letter, rules


def draw(pixels: int, maskable: bool = False) -> Image.Image:
    big = pixels * SUPERSAMPLE
    unit = big / GRID
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if maskable:
        pen.rectangle((0, 0, big, big), fill=RED)
    else:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=CORNER * unit, fill=RED)
    letter, rules = shapes(maskable)
    pen.polygon([(x * unit, y * unit) for x, y in letter], fill=WHITE)
    for x0, y0, x1, y1 in rules:
        pen.rectangle((x0 * unit, y0 * unit, x1 * unit, y1 * unit), fill=WHITE)
    image = image.resize((pixels, pixels), Image.Resampling.LANCZOS)
    return image.convert("RGB") if maskable else image


def svg() -> str:
    letter, rules = shapes(maskable=False)
    points = " ".join(f"{x:g},{y:g}" for x, y in letter)
    bars = "".join(
        f'<rect x="{x0:g}" y="{y0:g}" width="{x1 - x0:g}" height="{y1 - y0:g}"/>'
        for x0, y0, x1, y1 in rules
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">'
        f'<rect width="{GRID}" height="{GRID}" rx="{CORNER}" fill="{RED}"/>'
        f'<g fill="{WHITE}"><polygon points="{points}"/>{bars}</g></svg>\n'
    )


def write_all(folder: Path = STATIC_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (pixels, maskable) in ICONS.items():
        path = folder / name
        draw(pixels, maskable).save(path, optimize=True)
        written.append(path)
    path = folder / "icon.svg"
    path.write_text(svg())
    written.append(path)
    return written
