from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "masthead.core"
    label = "core"
    verbose_name = "Masthead core"

    def ready(self):
        from masthead.core import purge_on_settings

        purge_on_settings.connect()
