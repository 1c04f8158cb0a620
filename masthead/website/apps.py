from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "masthead.website"
    label = "website"
    verbose_name = "Public website"
