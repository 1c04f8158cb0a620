"""How long the day's PDF edition takes to build, and how big it is.

    .venv/bin/python bench/edition.py                 # 60 stories, 2 runs
    .venv/bin/python bench/edition.py --articles 120 --runs 3

Builds (once, then reuses) a SQLite newsroom in --var-dir: the seed's site
tree and one day (2025-05-16, the site's zone) of stories across the sections,
two in three with a lead picture, each 6 to 14 paragraphs. Each run is a fresh
`masthead build-edition 2025-05-16` process (the first also makes the
pictures' renditions; later ones find them). Prints the load average, the
commit and the versions with the figures; asserts nothing on time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MASTHEAD = Path(sys.executable).with_name("masthead")
DAY = "2025-05-16"

SETUP = """
import random
from datetime import UTC, datetime, timedelta
from io import BytesIO
from django.core.files.images import ImageFile
from PIL import Image
from masthead.demo.sitetree import build_site_tree
from masthead.core.models import SiteSettings
from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.models import ArticlePage, NewsImage, SectionPage
from wagtail.models import Site

site = build_site_tree()
settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
settings.licence_lines = "沪ICP备05050403号-1\\n互联网新闻信息服务许可证：31120170001"
settings.save()
random.seed(16)
sections = list(SectionPage.objects.filter(slug__in=[
    "world", "nation", "metro", "business", "sport", "in-focus", "opinion"]))
words = ("harbour city council transport plan river market trade school "
         "hospital festival team season budget rail district port weather").split()
start = datetime(2025, 5, 15, 17, 0, tzinfo=UTC)  # 01:00 in Shanghai
for n in range({articles}):
    image = None
    if n % 3:
        out = BytesIO()
        Image.effect_mandelbrot((1600, 900), (-2 + n / 40, -1, 1, 1), 60).convert(
            "RGB").save(out, "JPEG", quality=85)
        image = NewsImage(title=f"Picture {{n}}", alt_text="A picture")
        image.file = ImageFile(BytesIO(out.getvalue()), name=f"bench-{{n}}.jpg")
        image._set_image_file_metadata()
        image.save()
    title = " ".join(random.choice(words) for _ in range(random.randint(4, 9))).capitalize()
    ArticleFactory(
        parent=sections[n % len(sections)],
        slug=f"bench-{{n}}",
        title=title,
        lead=" ".join(random.choice(words) for _ in range(20)).capitalize() + ".",
        main_image=image,
        published_at=start + timedelta(minutes=20 * n),
        paragraphs=[
            " ".join(random.choice(words) for _ in range(random.randint(30, 70))).capitalize() + "."
            for _ in range(random.randint(6, 14))
        ],
    )
print(ArticlePage.objects.count())
"""


def _env(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="masthead.settings.dev",
        MASTHEAD_VAR_DIR=str(var_dir),
        MASTHEAD_LOG_LEVEL="WARNING",
    )
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    return env


def _run(args, env) -> str:
    return subprocess.run(
        [str(MASTHEAD), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def _versions() -> dict[str, str]:
    import weasyprint

    poppler = subprocess.run(
        ["pdftoppm", "-v"], capture_output=True, text=True, check=False
    ).stderr.splitlines()[0]
    pango = weasyprint.text.ffi.pango.pango_version()
    return {
        "python": platform.python_version(),
        "weasyprint": weasyprint.__version__,
        "pango": f"{pango // 10000}.{pango // 100 % 100}.{pango % 100}",
        "poppler": poppler,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--var-dir", type=Path, default=ROOT / "var" / "bench-edition")
    options = parser.parse_args()
    var_dir = options.var_dir / str(options.articles)
    env = _env(var_dir)
    if not (var_dir / "masthead.sqlite3").exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        print(f"Setting up {options.articles} stories in {var_dir} (once)...")
        _run(["migrate", "--no-input", "-v0"], env)
        _run(["shell", "-c", SETUP.format(articles=options.articles)], env)
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"commit: {commit}  versions: {json.dumps(_versions())}")
    print(f"{'run':>3}  {'seconds':>8}  {'pages':>5}  {'size':>10}")
    for run in range(1, options.runs + 1):
        started = time.perf_counter()
        out = _run(["build-edition", DAY, "--reason", f"bench run {run}"], env)
        seconds = time.perf_counter() - started
        # "/epaper/2025/05/16/ epaper/...pdf: 9 pages, 123456 bytes"
        figures = out.rsplit(":", 1)[1].split(",")
        pages = int(figures[0].split()[0])
        size = int(figures[1].split()[0])
        print(f"{run:>3}  {seconds:>8.2f}  {pages:>5}  {size / 1e6:>8.2f} MB")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
