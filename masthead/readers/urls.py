"""Reader endpoints, mounted at the site root before Wagtail's page routes."""

from django.urls import include, path

urlpatterns = [
    path("comments/", include("masthead.readers.comments.urls")),
    # /subscribe/ and /newsletter/...
    path("", include("masthead.readers.newsletter.urls")),
    # /feedback/...
    path("", include("masthead.readers.feedback.urls")),
    # /manifest.webmanifest, /sw.js, /offline/, /app/
    path("", include("masthead.readers.app.urls")),
]
