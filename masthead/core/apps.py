from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "masthead.core"
    label = "core"
    verbose_name = "Masthead core"

    def ready(self):
        # Deferred: these modules import models, which exist only once the app
        # registry is ready (this file is imported while it is being filled).
        from masthead.core import clock, purge_on_settings

        purge_on_settings.connect()
        clock.connect()
