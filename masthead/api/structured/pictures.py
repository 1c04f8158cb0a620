"""An article's lead picture as crawlers and social cards want it: the 16:9,
4:3 and 1:1 crops, on absolute URLs, read in one query and never made here."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.images.models import Filter

from masthead.api.addresses import media_url
from masthead.newsroom.models import NewsRendition

from .tasks import SHARE_SPECS, queue_share_renditions_once

RATIOS = ("16x9", "4x3", "1x1")


@dataclass(frozen=True)
class SharePicture:
    url: str  # absolute
    width: int | None
    height: int | None
    ratio: str  # "16x9", "4x3", "1x1", or "original"
    alt: str
    caption: str
    credit: str


def _all_renditions(image) -> list[NewsRendition]:
    """Every rendition of `image`, in one query, kept on the image as Wagtail's
    prefetch (`prefetched_renditions`): the article's own `<picture>` below
    the head then reads its sizes from these rows instead of a query of its
    own, so the head's pictures cost the page nothing extra."""
    prefetched = image._get_prefetched_renditions()
    if prefetched is None:
        prefetched = list(NewsRendition.objects.filter(image_id=image.pk))
        image.prefetched_renditions = prefetched
    return list(prefetched)


def share_pictures(image, request=None) -> list[SharePicture]:
    """The crops made so far, widest shape first; the original alone until
    the worker has made any (and they are queued)."""
    if image is None:
        return []
    memo = getattr(image, "_share_pictures", None)
    if memo is not None:  # the JSON-LD and the card tags of one page
        return memo
    keys = {spec: Filter(spec=spec).get_cache_key(image) for spec in SHARE_SPECS}
    chosen: dict[str, tuple[NewsRendition, bool]] = {}
    for rendition in sorted(_all_renditions(image), key=lambda r: -r.pk):
        if rendition.filter_spec not in SHARE_SPECS:
            continue
        exact = rendition.focal_point_key == keys[rendition.filter_spec]
        ratio = SHARE_SPECS[rendition.filter_spec]
        held = chosen.get(ratio)
        # A crop for an older focal point serves until the new one is made.
        if held is None or (exact and not held[1]):
            chosen[ratio] = (rendition, exact)
    if len(chosen) < len(RATIOS) or not all(exact for _, exact in chosen.values()):
        queue_share_renditions_once(image.pk)

    def picture(url, width, height, ratio):
        return SharePicture(
            url=media_url(url, request),
            width=width,
            height=height,
            ratio=ratio,
            alt=image.default_alt_text,
            caption=image.caption,
            credit=image.credit,
        )

    if chosen:
        pictures = [
            picture(r.url, r.width, r.height, ratio)
            for ratio in RATIOS
            if ratio in chosen
            for r in [chosen[ratio][0]]
        ]
    else:
        pictures = [picture(image.file.url, image.width, image.height, "original")]
    image._share_pictures = pictures
    return pictures
