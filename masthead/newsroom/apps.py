from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "masthead.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from masthead.newsroom import desk_hooks, publishing, scheduled_jobs, signals  # noqa: F401

        signals.connect()
        publishing.connect()
