"""`{% feed_links %}`: the `<link rel="alternate">` tags of a page's head.

Every page names the whole site's feeds; a section, region, special report or
person page names its own first, and an article its section's. No query: the
addresses follow from the page's path (masthead/api/feeds/paths.py).
"""

from urllib.parse import urlsplit

from django import template
from django.utils.html import format_html_join

from masthead.api.addresses import site_url
from masthead.api.feeds.paths import feed_path
from masthead.api.feeds.scopes import has_feed
from masthead.core.public_urls import page_path
from masthead.newsroom.models import ArticlePage
from masthead.website.models import HomePage

register = template.Library()

FORMATS = (
    ("rss", "application/rss+xml", "RSS"),
    ("atom", "application/atom+xml", "Atom"),
)


def _own_feed(context, page, name: str):
    """(path, title) of the feed a page has beside the site's, or None."""
    request = context.get("request")
    if has_feed(page) and not isinstance(page, HomePage):
        path = page_path(page, request)
        return (path, f"{name}: {page.title}") if path else None
    if isinstance(page, ArticlePage):
        # The breadcrumb's last section (ArticlePage.get_context).
        section = context.get("section")
        if isinstance(section, dict) and section.get("url"):
            path = urlsplit(section["url"]).path
            return path, f"{name}: {section.get('title', '')}"
    return None


@register.simple_tag(takes_context=True)
def feed_links(context):
    request = context.get("request")
    site_settings = context.get("site_settings")
    name = getattr(site_settings, "masthead_name", "") or "News"
    feeds = []
    page = context.get("page")
    if page is not None:
        own = _own_feed(context, page, name)
        if own is not None:
            feeds.append(own)
    feeds.append(("/", name))
    return format_html_join(
        "\n  ",
        '<link rel="alternate" type="{}" title="{}" href="{}">',
        (
            (mime, f"{title} ({label})", site_url(feed_path(path, fmt), request))
            for path, title in feeds
            for fmt, mime, label in FORMATS
        ),
    )
