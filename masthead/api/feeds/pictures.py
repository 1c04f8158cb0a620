"""The pictures a page of a feed shows: lead images (as enclosures) and the
images inside bodies, loaded for the whole page in two queries.

A feed asks for the 1200-wide JPEG the worker makes for articles
(masthead/newsroom/media/renditions.py) and never makes one itself; until it
exists the original file stands in, as on the site.
"""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass

from django.db.models import Prefetch

from masthead.api.addresses import media_url
from masthead.newsroom.media.renditions import spec_for
from masthead.newsroom.models import NewsImage, NewsRendition

FEED_SPEC = spec_for("width-1200", "jpeg")


@dataclass(frozen=True)
class Picture:
    url: str  # absolute
    mime_type: str
    # Bytes; 0 when finding out would cost a request to remote storage (the
    # RSS Advisory Board's rule for an enclosure of unknown size).
    length: int
    width: int | None
    height: int | None
    alt: str
    caption: str
    credit: str


def _local_size(fieldfile) -> int:
    try:
        path = fieldfile.storage.path(fieldfile.name)
    except NotImplementedError:
        return 0  # remote storage: no request per picture for a byte count
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _picture(image, request) -> Picture:
    renditions = getattr(image, "feed_renditions", None) or []
    if renditions:
        rendition = renditions[0]
        url, width, height = rendition.url, rendition.width, rendition.height
        mime_type, length = "image/jpeg", _local_size(rendition.file)
    else:
        url, width, height = image.file.url, image.width, image.height
        mime_type = mimetypes.guess_type(image.file.name)[0] or "image/jpeg"
        length = image.file_size or 0
    return Picture(
        url=media_url(url, request),
        mime_type=mime_type,
        length=length,
        width=width,
        height=height,
        alt=image.default_alt_text,
        caption=image.caption,
        credit=image.credit,
    )


def load_pictures(image_ids, request) -> dict[int, Picture]:
    ids = {i for i in image_ids if isinstance(i, int)}
    if not ids:
        return {}
    images = NewsImage.objects.filter(id__in=ids).prefetch_related(
        Prefetch(
            "renditions",
            queryset=NewsRendition.objects.filter(filter_spec=FEED_SPEC),
            to_attr="feed_renditions",
        )
    )
    return {image.pk: _picture(image, request) for image in images}
