"""Queue media work when images and clips are saved. Call `connect()` once
from an AppConfig.ready() (it is safe to call again)."""

from __future__ import annotations

from django.db.models.signals import post_init, post_save

from masthead.newsroom.media.tasks import enqueue_make_renditions, enqueue_process_video
from masthead.newsroom.media.video import AUTO_POSTER_ALT_PREFIX
from masthead.newsroom.models import NewsImage, VideoClip

# A save that only touches these fields changes no pixels: nothing to queue.
_IMAGE_PIXEL_FIELDS = {
    "file",
    "width",
    "height",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
}


def _image_saved(sender, instance, created=False, raw=False, update_fields=None, **kw):
    if raw or not instance.file:
        return
    if update_fields is not None and not (set(update_fields) & _IMAGE_PIXEL_FIELDS):
        return
    # Every save queues the task: a new file or a moved focal point needs new
    # renditions, and the task makes only the missing ones, so a title edit
    # costs one query in the worker.
    enqueue_make_renditions(instance.pk)


def _clip_loaded(sender, instance, **kwargs):
    instance._media_file_at_load = instance.file.name if instance.file else ""


def _clip_saved(sender, instance, created=False, raw=False, update_fields=None, **kw):
    if raw or not instance.file:
        return
    before = getattr(instance, "_media_file_at_load", "")
    changed = instance.file.name != before
    instance._media_file_at_load = instance.file.name
    if not changed and instance.poster_id is not None and instance.mime_type:
        return  # already probed, and it has a poster
    if changed and not created and instance.poster_id is not None:
        _drop_automatic_poster(instance)

    enqueue_process_video(instance.pk, instance.file.name)


def _drop_automatic_poster(clip) -> None:
    """A new file needs a new poster, unless an editor chose the poster."""
    automatic = NewsImage.objects.filter(
        pk=clip.poster_id, alt_text__startswith=AUTO_POSTER_ALT_PREFIX
    ).exists()
    if automatic:
        VideoClip.objects.filter(pk=clip.pk).update(poster=None)
        clip.poster = None


def connect() -> None:
    post_save.connect(
        _image_saved, sender=NewsImage, dispatch_uid="masthead-media-image-saved"
    )
    post_init.connect(
        _clip_loaded, sender=VideoClip, dispatch_uid="masthead-media-clip-loaded"
    )
    post_save.connect(
        _clip_saved, sender=VideoClip, dispatch_uid="masthead-media-clip-saved"
    )
