from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "masthead.website"
    label = "website"
    verbose_name = "Public website"

    def ready(self):
        # Deferred: the builder's module imports page models, which exist only
        # once the app registry is ready (this file is imported while it fills).
        from masthead.core import navigation
        from masthead.website.navigation import build_navigation

        navigation.set_builder(build_navigation)
