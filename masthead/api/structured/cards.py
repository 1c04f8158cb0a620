"""Open Graph and Twitter card tags, as (attribute, name, content) triples:
Open Graph names go in `property`, Twitter's in `name`."""

from __future__ import annotations

from .article import ArticleFacts, iso
from .site import LOGO_SIZE, logo, site_name, x_handle

Tag = tuple[str, str, str]


def _og(name: str, content) -> Tag:
    return ("property", name, str(content))


def _tw(name: str, content) -> Tag:
    return ("name", name, str(content))


def _twitter_site(site_settings) -> list[Tag]:
    handle = x_handle(site_settings)
    return [_tw("twitter:site", handle)] if handle else []


def _image_tags(url: str, width, height, alt: str) -> list[Tag]:
    tags = [_og("og:image", url)]
    if url.startswith("https:"):
        tags.append(_og("og:image:secure_url", url))
    if width and height:
        tags += [_og("og:image:width", width), _og("og:image:height", height)]
    if alt:
        tags.append(_og("og:image:alt", alt))
    return tags


def article_cards(facts: ArticleFacts, site_settings) -> list[Tag]:
    """Cards for an article: its lead picture's 16:9 crop (the shape both
    networks' large cards use) or, without a picture, the small card."""
    tags = [
        _og("og:type", "article"),
        _og("og:site_name", site_name(site_settings)),
        _og("og:title", facts.headline),
    ]
    if facts.summary:
        tags.append(_og("og:description", facts.summary))
    if facts.url:
        tags.append(_og("og:url", facts.url))
    picture = facts.pictures[0] if facts.pictures else None
    if picture:
        tags += _image_tags(picture.url, picture.width, picture.height, picture.alt)
    if facts.published:
        tags.append(_og("article:published_time", iso(facts.published)))
    if facts.modified:
        tags.append(_og("article:modified_time", iso(facts.modified)))
    if facts.section:
        tags.append(_og("article:section", facts.section))
    tags += [_og("article:author", url) for _, url in facts.people if url]
    tags.append(_tw("twitter:card", "summary_large_image" if picture else "summary"))
    tags += _twitter_site(site_settings)
    tags.append(_tw("twitter:title", facts.headline))
    if facts.summary:
        tags.append(_tw("twitter:description", facts.summary))
    if picture:
        tags.append(_tw("twitter:image", picture.url))
        if picture.alt:
            tags.append(_tw("twitter:image:alt", picture.alt))
    return tags


def page_cards(
    *, title: str, description: str, url: str, site_settings, request=None
) -> list[Tag]:
    """Cards for any other page: a website, shown with the paper's logo."""
    mark = logo(request)
    tags = [
        _og("og:type", "website"),
        _og("og:site_name", site_name(site_settings)),
        _og("og:title", title),
    ]
    if description:
        tags.append(_og("og:description", description))
    if url:
        tags.append(_og("og:url", url))
    tags += _image_tags(mark["url"], LOGO_SIZE, LOGO_SIZE, "")
    tags.append(_tw("twitter:card", "summary"))
    tags += _twitter_site(site_settings)
    tags.append(_tw("twitter:title", title))
    if description:
        tags.append(_tw("twitter:description", description))
    tags.append(_tw("twitter:image", mark["url"]))
    return tags
