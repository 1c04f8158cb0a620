"""Building a day's edition: HTML from the day's stories, PDF by WeasyPrint,
the front page as a PNG by poppler's pdftoppm, both into media storage.

"Continued on page N" and the contents' page numbers are CSS
`target-counter()`s, which WeasyPrint resolves in its layout: one render, no
second pass. Each build gets new file names (the build's number is in them),
so a copy of an earlier build cached by a browser or CDN cannot pass for the
current one; the files of the build it replaces are deleted after the commit.
"""

import logging
import shutil
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from masthead.core.pagecache import purge_paths
from masthead.epaper.announce import announce
from masthead.epaper.content import RUN_ON_BELOW, default_site, edition_content
from masthead.epaper.models import Edition, EditionBuild
from masthead.epaper.pdf import render_document

logger = logging.getLogger("masthead.epaper")

# Pixels per inch of the front-page image: an A3 page 842 px wide.
FRONT_IMAGE_DPI = 72
PDFTOPPM_TIMEOUT = 120


class NothingToPrint(Exception):
    """No story was published on that day."""


def edition_paths(day: date) -> set[str]:
    """The public pages that show an edition of `day`."""
    return {
        "/epaper/",
        f"/epaper/{day:%Y/%m}/",
        f"/epaper/{day:%Y/%m/%d}/",
        f"/epaper/{day:%Y/%m/%d}/edition.pdf",
    }


def render_pdf(content) -> tuple[bytes, int]:
    settings = content.site_settings
    html = render_to_string(
        "epaper/print/edition.html",
        {
            "day": content.day,
            "settings": settings,
            "zone_label": content.zone_label,
            "top": content.top,
            "front": content.front,
            "picks": content.picks,
            "briefs": content.briefs,
            "sections": content.sections,
            "stories": content.stories,
            "RUN_ON_BELOW": RUN_ON_BELOW,
        },
    )
    document = render_document(html)
    return document.write_pdf(), len(document.pages)


def front_png(pdf: bytes) -> bytes:
    with tempfile.TemporaryDirectory(prefix="masthead-edition-") as folder:
        source = Path(folder) / "edition.pdf"
        source.write_bytes(pdf)
        target = Path(folder) / "front"
        # A fixed argument list, no shell.
        subprocess.run(  # noqa: S603
            [
                shutil.which("pdftoppm") or "pdftoppm",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-r",
                str(FRONT_IMAGE_DPI),
                "-singlefile",
                str(source),
                str(target),
            ],
            check=True,
            timeout=PDFTOPPM_TIMEOUT,
            capture_output=True,
        )
        return target.with_suffix(".png").read_bytes()


def build_edition(
    day: date,
    *,
    trigger: str,
    reason: str = "",
    user=None,
    article_id: int | None = None,
    site=None,
) -> Edition:
    """Build (or rebuild) the edition of `day` and log why."""
    started = time.monotonic()
    content = edition_content(day, site or default_site())
    if not content.stories:
        raise NothingToPrint(f"No stories were published on {day:%Y-%m-%d}.")
    pdf, pages = render_pdf(content)
    png = front_png(pdf)
    seconds = time.monotonic() - started

    with transaction.atomic():
        edition, _ = Edition.objects.select_for_update().get_or_create(
            day=day, defaults={"pdf": ""}
        )
        old_files = [name for name in (edition.pdf, edition.front_image) if name]
        number = edition.builds.count() + 1
        folder = f"epaper/{day:%Y/%m/%d}"
        stem = f"{day:%Y-%m-%d}-{number}"
        edition.pdf = default_storage.save(
            f"{folder}/edition-{stem}.pdf", ContentFile(pdf)
        )
        edition.front_image = default_storage.save(
            f"{folder}/front-{stem}.png", ContentFile(png)
        )
        edition.pages = pages
        edition.size = len(pdf)
        edition.article_ids = content.article_ids
        edition.headlines = [
            story.article.title for story in [content.top, *content.front] if story
        ]
        edition.built_at = timezone.now()
        edition.save()
        EditionBuild.objects.create(
            edition=edition,
            trigger=trigger,
            reason=reason,
            user=user,
            article_id=article_id,
            pages=pages,
            size=len(pdf),
            seconds=seconds,
        )
        new_files = {edition.pdf, edition.front_image}
        transaction.on_commit(
            lambda: drop_files(set(old_files) - new_files), robust=True
        )
        transaction.on_commit(lambda: purge_paths(edition_paths(day)), robust=True)
    announce(day, trigger, content.site_settings.masthead_name)
    logger.info(
        "edition %s built (%s): %s pages, %s bytes, %.1f s",
        day,
        trigger,
        pages,
        len(pdf),
        seconds,
    )
    return edition


def drop_files(names) -> None:
    for name in names:
        default_storage.delete(name)
