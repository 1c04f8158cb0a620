"""Wagtail hooks for media (images and video clips).

Renditions and video posters are made by the worker (masthead/newsroom/media);
the save signals that queue that work are connected here until
NewsroomConfig.ready() calls `masthead.newsroom.media.signals.connect()`
itself (connecting twice is harmless: the receivers carry dispatch_uids).
Wagtail imports every app's wagtail_hooks module once, during start-up.
"""

from wagtail import hooks

from masthead.newsroom.media import signals as media_signals

media_signals.connect()


@hooks.register("construct_image_chooser_queryset")
def _described_images_only(images, request):
    # Alt text is required by the form; images saved some other way without
    # it (imports, scripts) stay out of the chooser until someone describes them.
    return images.exclude(alt_text="")
