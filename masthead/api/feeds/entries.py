"""One page of a feed: the articles, each made into an `Entry` with what a
feed reader shows, in a fixed number of queries whatever the page holds.

Licence: a source whose copy may not be redistributed (`Source.allow_in_feeds`
off) gives the headline, summary and link only: no full text, no picture.
Dates are UTC. The id of an entry is a tag URI (RFC 4151) on the article's
page id and first-publish date, so it survives a new slug, a move to another
section or a new host name for the site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator
from wagtail.models import Site

from masthead.api.addresses import xml_text
from masthead.api.feeds.body import body_image_ids, full_text_html
from masthead.api.feeds.pictures import Picture, load_pictures
from masthead.core.public_urls import base_url, configured_base_url, page_url
from masthead.newsroom.listing import encode_cursor
from masthead.newsroom.models import SectionPage

DEFAULT_ITEMS = 50
SUMMARY_CHARS = 300
# For a feed's own id when its page was never published through a revision.
FALLBACK_TAG_DATE = "2025-01-01"


def items_per_page() -> int:
    return int(getattr(settings, "MASTHEAD_FEED_ITEMS", DEFAULT_ITEMS))


@dataclass
class Entry:
    title: str
    link: str
    guid: str
    published: datetime
    updated: datetime
    author: str | None
    summary_html: str | None
    content_html: str | None
    picture: Picture | None
    categories: list[str] = field(default_factory=list)


@dataclass
class FeedPage:
    entries: list[Entry]
    next_cursor: str | None


def tag_authority(request) -> str:
    """Whose tag URIs these are: MASTHEAD_TAG_AUTHORITY, else the public host
    name, else the Wagtail Site's (stable, unlike the host a request came by)."""
    explicit = getattr(settings, "MASTHEAD_TAG_AUTHORITY", "")
    if explicit:
        return explicit
    configured = configured_base_url()
    if configured:
        return urlsplit(configured).hostname
    site = Site.find_for_request(request)
    return site.hostname if site is not None else "localhost"


def tag_uri(authority: str, when: datetime | None, specific: str) -> str:
    day = when.astimezone(UTC).date().isoformat() if when else FALLBACK_TAG_DATE
    return f"tag:{authority},{day}:{specific}"


def _licensed(article) -> bool:
    return not article.source_id or article.source.allow_in_feeds


def _author(article) -> str | None:
    names = [person.title for person in article.authors.all()]
    if names:
        return ", ".join(names)
    if article.original_byline:
        return article.original_byline
    return article.source.credit_text if article.source_id else None


def _summary(article, licensed: bool) -> str | None:
    text = article.lead or article.search_description
    if not text and licensed:
        paragraphs = [
            strip_tags(block["value"])
            for block in article.body.raw_data
            if block.get("type") == "paragraph" and isinstance(block.get("value"), str)
        ]
        text = Truncator(" ".join(paragraphs)).chars(SUMMARY_CHARS)
    text = xml_text(text).strip()
    return escape(text) if text else None


def _lead_image_id(article) -> int | None:
    if article.main_image_id:
        return article.main_image_id
    if article.video_id and article.video.poster_id:
        return article.video.poster_id
    return None


def _section_titles() -> dict[str, str]:
    return dict(SectionPage.objects.live().values_list("url_path", "title"))


def load_page(articles, request, cursor: tuple[datetime, int] | None) -> FeedPage:
    """The page of `articles` before `cursor` (newest first), as entries."""
    queryset = articles.select_related(
        "source", "main_image", "video__poster"
    ).prefetch_related("authors", "regions", "corrections")
    if cursor is not None:
        published, pk = cursor
        queryset = queryset.filter(
            Q(first_published_at__lt=published)
            | Q(first_published_at=published, id__lt=pk)
        )
    per_page = items_per_page()
    items = list(queryset[: per_page + 1])
    next_cursor = None
    if len(items) > per_page:
        items = items[:per_page]
        next_cursor = encode_cursor(items[-1].first_published_at, items[-1].pk)

    licensed = {article.pk: _licensed(article) for article in items}
    image_ids = []
    for article in items:
        if licensed[article.pk]:
            image_ids.append(_lead_image_id(article))
            image_ids += body_image_ids(article.body.raw_data)
    pictures = load_pictures(image_ids, request)
    sections = _section_titles()
    authority = tag_authority(request)
    site_root = base_url(request)

    entries = []
    for article in items:
        ok = licensed[article.pk]
        published = article.first_published_at.astimezone(UTC)
        updated = max(published, (article.updated_at or published).astimezone(UTC))
        section = sections.get(article.url_path.rsplit("/", 2)[0] + "/")
        categories = [section] if section else []
        categories += [region.title for region in article.regions.all()]
        entries.append(
            Entry(
                title=xml_text(article.title),
                link=page_url(article, request) or site_root + "/",
                guid=tag_uri(authority, published, f"article-{article.pk}"),
                published=published,
                updated=updated,
                author=xml_text(_author(article)) or None,
                summary_html=_summary(article, ok),
                content_html=full_text_html(article, pictures, site_root)
                if ok
                else None,
                picture=pictures.get(_lead_image_id(article)) if ok else None,
                categories=[xml_text(c) for c in categories],
            )
        )
    return FeedPage(entries=entries, next_cursor=next_cursor)
