"""Distribution endpoints, mounted at the site root before Wagtail's page routes."""

from django.urls import include, path

urlpatterns = [
    path("", include("masthead.api.feeds.urls")),
    path("", include("masthead.api.sitemaps.urls")),
    path("api/v1/", include("masthead.api.readapi.urls")),
]
