"""RSS 2.0 and Atom feeds, built with Django's syndication framework.

`/feeds/rss.xml` and `/feeds/atom.xml` for the whole site, and for a section,
region, special report or person at `/feeds/<its path>/rss.xml` (paths.py).

The only query parameter read is `before`, the cursor of the feed's next page
(its `rel="next"` link), the same one site listings use and the one the page
cache keys on; a damaged one is a 400 saying so. Other parameters are ignored,
as on every page: the page cache answers them from the address without them.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponseBadRequest
from django.utils import timezone
from django.utils.feedgenerator import Enclosure
from django.views.decorators.http import require_safe

from masthead.api.addresses import site_url, xml_text
from masthead.api.feeds.entries import (
    FeedPage,
    load_page,
    tag_authority,
    tag_uri,
)
from masthead.api.feeds.generators import NewsAtomFeed, NewsRssFeed
from masthead.api.feeds.paths import feed_path
from masthead.api.feeds.scopes import articles_for, find_feed_page, intro_of
from masthead.core.models import SiteSettings
from masthead.core.public_urls import page_path, page_url
from masthead.newsroom.listing import MAX_CURSOR_CHARS, decode_cursor
from masthead.website.models import HomePage


class BadFeedQuery(ValueError):
    """A query parameter the feed cannot read; its text is the 400's body."""


def read_cursor(request) -> tuple[datetime, int] | None:
    values = request.GET.getlist("before")
    if not values:
        return None
    if len(values) > 1:
        raise BadFeedQuery("The 'before' parameter is given more than once.")
    (value,) = values
    if not value:
        raise BadFeedQuery("The 'before' parameter is empty.")
    if len(value) > MAX_CURSOR_CHARS:
        raise BadFeedQuery(
            f"The 'before' parameter is too long (at most {MAX_CURSOR_CHARS} "
            "characters)."
        )
    try:
        return decode_cursor(value)
    except Http404 as exc:
        reason = str(exc.__cause__ or "")
        detail = f" ({reason})" if reason.startswith("cursor") else ""
        raise BadFeedQuery(
            f"The 'before' parameter is not a cursor this feed made{detail}: "
            'follow the feed\'s rel="next" link.'
        ) from exc


class FeedView:
    """What one request for a feed found: its page, settings and entries."""

    def __init__(self, request, page, fmt: str, cursor):
        self.request = request
        self.page = page
        self.fmt = fmt
        self.cursor = cursor
        self.settings = SiteSettings.for_request(request)
        self.path = page_path(page, request) or "/"
        self.content: FeedPage = load_page(articles_for(page), request, cursor)

    def url(self, before: str | None = None) -> str:
        query = f"?{urlencode({'before': before})}" if before else ""
        return site_url(feed_path(self.path, self.fmt), self.request) + query


class ArticleFeed(Feed):
    """One instance serves every request for its format: all per-request
    state lives in the `FeedView` that get_object returns."""

    def __init__(self, fmt: str, feed_type):
        super().__init__()
        self.fmt = fmt
        self.feed_type = feed_type

    def __call__(self, request, *args, **kwargs):
        try:
            kwargs["cursor"] = read_cursor(request)
        except BadFeedQuery as exc:
            return HttpResponseBadRequest(
                str(exc), content_type="text/plain; charset=utf-8"
            )
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, page_path="", cursor=None):
        page = find_feed_page(request, (page_path or "").strip("/"))
        if page is None:
            raise ObjectDoesNotExist
        return FeedView(request, page, self.fmt, cursor)

    # The feed.

    def title(self, view):
        name = view.settings.masthead_name
        if isinstance(view.page, HomePage):
            return xml_text(name)
        return xml_text(f"{name}: {view.page.title}")

    def link(self, view):
        return page_url(view.page, view.request) or site_url("/", view.request)

    def description(self, view):
        intro = intro_of(view.page)
        if isinstance(view.page, HomePage):
            name = view.settings.masthead_name
            return xml_text(view.settings.tagline or f"The latest from {name}")
        return xml_text(
            intro or f"The latest from {view.settings.masthead_name}: {view.page.title}"
        )

    def feed_url(self, view):
        # This page of the feed: its own cursor, if it has one.
        return view.url(view.request.GET["before"] if view.cursor else None)

    def feed_guid(self, view):
        return tag_uri(
            tag_authority(view.request),
            view.page.first_published_at,
            f"feed-{view.page.pk}-{view.fmt}",
        )

    def author_name(self, view):
        return xml_text(view.settings.masthead_name)

    def feed_copyright(self, view):
        holder = view.settings.copyright_holder or view.settings.masthead_name
        return xml_text(f"© {timezone.now().year} {holder}")

    def feed_extra_kwargs(self, view):
        next_cursor = view.content.next_cursor
        return {"next_url": view.url(next_cursor) if next_cursor else None}

    def items(self, view):
        return view.content.entries

    # Each entry.

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_description(self, entry):
        return entry.summary_html

    def item_guid(self, entry):
        return entry.guid

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_author_name(self, entry):
        return entry.author

    def item_categories(self, entry):
        return entry.categories

    def item_enclosures(self, entry):
        picture = entry.picture
        if picture is None:
            return []
        return [Enclosure(picture.url, str(picture.length), picture.mime_type)]

    def item_extra_kwargs(self, entry):
        return {"content_html": entry.content_html, "picture": entry.picture}


_FEEDS = {
    "rss": ArticleFeed("rss", NewsRssFeed),
    "atom": ArticleFeed("atom", NewsAtomFeed),
}


@require_safe
def feed(request, fmt, page_path=""):
    return _FEEDS[fmt](request, page_path=page_path or "")
