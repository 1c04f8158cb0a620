from django.apps import AppConfig


class WireConfig(AppConfig):
    name = "masthead.wire"
    label = "wire"
    verbose_name = "Wire desk"
