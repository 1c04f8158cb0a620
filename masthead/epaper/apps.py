from django.apps import AppConfig


class EpaperConfig(AppConfig):
    name = "masthead.epaper"
    label = "epaper"
    verbose_name = "PDF edition"

    def ready(self):
        # Deferred: these modules import models, which need the app registry.
        from masthead.epaper import jobs  # noqa: F401 - registers the daily @periodic job
        from masthead.epaper.rebuild import edition_paths_for_article
        from masthead.newsroom.purge import add_paths_provider

        # newsroom may not import epaper: a takedown or correction of a story
        # in a built edition reaches us through the purge's provider registry.
        add_paths_provider(edition_paths_for_article)
