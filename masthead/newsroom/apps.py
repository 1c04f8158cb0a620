from django.apps import AppConfig

from masthead.newsroom.media import avif


class NewsroomConfig(AppConfig):
    name = "masthead.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        # Deferred: each of these imports the models, which exist only once
        # the app registry is ready (this file is imported while it fills).
        # desk_hooks and scheduled_jobs register themselves on import.
        from masthead.newsroom import desk_hooks, publishing, scheduled_jobs  # noqa: F401
        from masthead.newsroom.media import signals as media_signals
        from masthead.newsroom.media.uploads import VideoClipForm
        from masthead.newsroom.models import VideoClip

        # Set here, not on the model: the form module imports Wagtail's image
        # forms, which need the app registry the models are part of.
        VideoClip.base_form_class = VideoClipForm

        publishing.connect()
        media_signals.connect()
        avif.register()
