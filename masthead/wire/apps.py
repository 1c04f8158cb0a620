from django.apps import AppConfig


class WireConfig(AppConfig):
    name = "masthead.wire"
    label = "wire"
    verbose_name = "Wire desk"

    def ready(self):
        # Registers the periodic jobs "wire-folder" and "wire-feeds" that
        # `masthead worker` runs on every tick.
        from masthead.wire.channels import feeds, folder  # noqa: F401
