"""Sitemap and robots.txt routes (included by masthead/api/urls.py); the
naming rule is paths.py's. A month's first file has no number: `-1` and
numbers with leading zeros are not addresses of anything."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("robots.txt", views.robots, name="robots_txt"),
    path("sitemap.xml", views.index, name="sitemap"),
    path("sitemaps/news.xml", views.news, name="sitemap_news"),
    path("sitemaps/sections.xml", views.sections, name="sitemap_sections"),
    path("sitemaps/pages.xml", views.pages, name="sitemap_pages"),
    re_path(
        r"^sitemaps/articles-(?P<year>\d{4})-(?P<month>\d{2})"
        r"(?:-(?P<part>[2-9]|[1-9]\d{1,5}))?\.xml$",
        views.month,
        name="sitemap_month",
    ),
]
