from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "masthead.api"
    label = "api"
    verbose_name = "Distribution"

    def ready(self):
        # Deferred: these modules import models, which need the app registry.
        from masthead.api.feeds.paths import feed_paths_for_article
        from masthead.api.sitemaps.paths import sitemap_paths_for_article
        from masthead.api.structured import signals as share_crops
        from masthead.newsroom.purge import add_paths_provider

        # Publishing an article purges the feeds and sitemaps it shows in.
        add_paths_provider(feed_paths_for_article)
        add_paths_provider(sitemap_paths_for_article)
        # A published article queues its picture's crops for search and social cards.
        share_crops.connect()
