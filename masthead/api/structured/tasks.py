"""The share crops (16:9, 4:3 and 1:1 JPEGs that search engines and social
networks ask for), made by the worker and never while a reader waits.

Publishing an article queues its lead picture's (`signals.py`); a page that finds them missing
queues them again at most once in ten minutes and shows the original
meanwhile, as the site's own pictures do (newsroom/media/renditions.py).
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django_tasks import task
from wagtail.images.models import Filter, SourceImageIOError

from masthead.newsroom.media.renditions import FALLBACK_FORMAT, spec_for
from masthead.newsroom.models import NewsImage

logger = logging.getLogger("masthead.media")

# Ratio name -> Wagtail size. 1200 px wide is what Google's article guidelines
# and the social networks' large cards ask for.
SHARE_SIZES = {
    "16x9": "fill-1200x675",
    "4x3": "fill-1200x900",
    "1x1": "fill-1200x1200",
}
SHARE_SPECS = {
    spec_for(size, FALLBACK_FORMAT): ratio for ratio, size in SHARE_SIZES.items()
}
MEDIA_QUEUE = "media"
QUEUED_NOTE_SECONDS = 600


@task()
def make_share_renditions(image_id: int) -> int:
    """Make the missing share crops of an image; how many were made (-1 when
    its original file could not be read)."""
    image = NewsImage.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    filters = [Filter(spec=spec) for spec in SHARE_SPECS]
    keys = {f.get_cache_key(image) for f in filters}
    made = set(
        image.renditions.filter(
            filter_spec__in=list(SHARE_SPECS), focal_point_key__in=keys
        ).values_list("filter_spec", flat=True)
    )
    missing = [f for f in filters if f.spec not in made]
    if not missing:
        return 0
    try:
        image.get_renditions(*missing)
    except SourceImageIOError:
        logger.warning("image %s: original file missing, no share crops", image_id)
        return -1
    return len(missing)


def enqueue_share_renditions(image_id: int):
    # Any backend, any error: a broken queue must not fail the page render or
    # the image save that asked (the crops are queued again on a later read).
    try:
        queued = make_share_renditions
        backend = queued.get_backend()
        if not backend.queues or MEDIA_QUEUE in backend.queues:
            queued = queued.using(queue_name=MEDIA_QUEUE)
        return queued.enqueue(image_id)
    except Exception:
        logger.exception("could not queue share crops for image %s", image_id)
        return None


def queue_share_renditions_once(image_id: int) -> None:
    """Queue the crops unless they were queued recently (a page read by many)."""
    if cache.add(f"masthead:share-crops-queued:{image_id}", 1, QUEUED_NOTE_SECONDS):
        enqueue_share_renditions(image_id)
