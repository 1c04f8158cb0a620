"""Publishing an article with a lead picture queues the picture's share crops.
`connect()` is called from the api app's ready() (safe to call twice).

Only lead pictures are cropped (not every upload: body pictures, portraits and
video posters never appear in a card), and the article's head queues them
again if it finds them missing or made for an older focal point.
"""

from wagtail.signals import page_published

from masthead.newsroom.models import ArticlePage

from .tasks import enqueue_share_renditions


def _article_published(sender, instance, **kwargs):
    if instance.main_image_id:
        enqueue_share_renditions(instance.main_image_id)


def connect() -> None:
    page_published.connect(
        _article_published, sender=ArticlePage, dispatch_uid="api-share-renditions"
    )
