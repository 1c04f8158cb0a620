"""A saved image queues its share crops. `connect()` is called from the api
app's ready() (safe to call twice)."""

from django.db.models.signals import post_save

from masthead.newsroom.models import NewsImage

from .tasks import enqueue_share_renditions

# A save that changes none of these leaves the crops as they were.
_PIXEL_FIELDS = {
    "file",
    "width",
    "height",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
}


def _image_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not instance.file:
        return
    if update_fields is not None and not (set(update_fields) & _PIXEL_FIELDS):
        return
    enqueue_share_renditions(instance.pk)


def connect() -> None:
    post_save.connect(
        _image_saved, sender=NewsImage, dispatch_uid="api-share-renditions"
    )
