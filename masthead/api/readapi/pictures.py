"""Pictures as ninjs associations: every ready JPEG rendition and the original,
each on an absolute URL.

The API never makes a rendition (the worker does, see
newsroom/media/renditions.py); a picture whose renditions are not made yet is
sent with its original only. All the pictures of a list of articles are loaded
in two queries.
"""

from __future__ import annotations

import mimetypes
from collections import defaultdict
from dataclasses import dataclass, field

from masthead.newsroom.media.renditions import (
    FALLBACK_FORMAT,
    MIME_TYPES,
    RENDITION_SETS,
    spec_for,
)
from masthead.newsroom.models import NewsImage, NewsRendition

from .ids import guid_for

# Wide crops for the lead picture, the picture's own shape for the body.
SETS = ("lead", "article")
SPECS = {
    spec_for(size, FALLBACK_FORMAT): size
    for name in SETS
    for size in RENDITION_SETS[name]
}


@dataclass
class Picture:
    image_id: int
    src: str  # the largest ready JPEG, else the original
    alt: str
    caption: str
    credit: str
    association: dict = field(default_factory=dict)  # ninjs, without its name

    def as_association(self, name: str) -> dict:
        return {"name": name, **self.association}


def _original(image: NewsImage, to_absolute) -> dict:
    rendition = {
        "name": "original",
        "href": to_absolute(image.file.url),
        "width": image.width,
        "height": image.height,
    }
    content_type, _ = mimetypes.guess_type(image.file.name)
    if content_type:
        rendition["contenttype"] = content_type
    if image.file_size:
        rendition["sizeinbytes"] = image.file_size
    return rendition


def load_pictures(image_ids, to_absolute) -> dict[int, Picture]:
    """Pictures by image id; ids of deleted images are left out."""
    ids = sorted({i for i in image_ids if i})
    if not ids:
        return {}
    images = NewsImage.objects.filter(pk__in=ids)
    made = defaultdict(list)
    for rendition in NewsRendition.objects.filter(
        image_id__in=ids, filter_spec__in=list(SPECS)
    ).order_by("width", "pk"):
        made[rendition.image_id].append(rendition)

    pictures = {}
    for image in images:
        renditions = []
        seen = set()
        for rendition in made[image.pk]:
            name = SPECS[rendition.filter_spec]
            if name in seen:  # an older focal point's crop beside the new one
                continue
            seen.add(name)
            renditions.append(
                {
                    "name": name,
                    "href": to_absolute(rendition.url),
                    "contenttype": MIME_TYPES[FALLBACK_FORMAT],
                    "width": rendition.width,
                    "height": rendition.height,
                }
            )
        original = _original(image, to_absolute)
        largest = max(renditions, key=lambda r: r["width"], default=original)
        association = {
            "uri": guid_for("image", image.pk),
            "type": "picture",
            "representationtype": "full",
            "headlines": [{"value": image.title}],
            "renditions": [*renditions, original],
        }
        descriptions = []
        if image.caption:
            descriptions.append({"role": "caption", "value": image.caption})
        if image.alt_text:
            descriptions.append({"role": "alternative-text", "value": image.alt_text})
        if descriptions:
            association["descriptions"] = descriptions
        if image.credit:
            association["by"] = image.credit
            association["copyrightholder"] = image.credit
        pictures[image.pk] = Picture(
            image_id=image.pk,
            src=largest["href"],
            alt=image.default_alt_text,
            caption=image.caption,
            credit=image.credit,
            association=association,
        )
    return pictures
