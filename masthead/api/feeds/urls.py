"""Feed routes (included by masthead/api/urls.py); the naming rule is paths.py's."""

from django.urls import re_path

from . import views

urlpatterns = [
    re_path(
        r"^feeds/(?:(?P<page_path>[-\w]+(?:/[-\w]+)*)/)?(?P<fmt>rss|atom)\.xml$",
        views.feed,
        name="feed",
    ),
]
