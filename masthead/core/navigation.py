"""The seed's navigation, built from the page tree.

The tree order of section and region pages is the navigation order, so editors
reorder the menu by reordering pages. The result is cached because every public
page shows it; publishing or moving a section or region clears it.

The cache is a speed-up, never a dependency: with Redis down the navigation is
built from the database on every request rather than failing every page.
"""

import logging

from django.core.cache import cache
from redis.exceptions import RedisError
from wagtail.models import Page, Site

from masthead.newsroom.tree import children

CACHE_KEY = "masthead:navigation:{site_id}"
# What a cache backend raises when its server is away: redis-py's errors, and
# OSError (refused or reset sockets, a full or unreadable file cache folder).
CACHE_ERRORS = (RedisError, OSError)

logger = logging.getLogger("masthead.navigation")


def build_navigation(site: Site) -> dict:
    from masthead.newsroom.models import RegionIndexPage, RegionPage, SectionPage

    root = site.root_page
    sections = []
    for section in children(SectionPage, root).live().public().in_menu().specific():
        child_items = [
            {"title": child.title, "url": child.url}
            for child in children(SectionPage, section).live().in_menu()
        ]
        sections.append(
            {"title": section.title, "url": section.url, "children": child_items}
        )
    region_index = children(RegionIndexPage, root).live().first()
    regions = []
    if region_index:
        regions = [
            {"title": r.title, "url": r.url, "kind": r.kind}
            for r in children(RegionPage, region_index).live().order_by("path")
        ]
        sections.insert(
            _region_position(root, region_index, sections),
            {
                "title": region_index.title,
                "url": region_index.url,
                "children": regions,
                "is_regions": True,
            },
        )
    from masthead.website.models import StandardPage

    footer_pages = [
        {"title": p.title, "url": p.url}
        for p in children(StandardPage, root).live().order_by("path")
    ]
    from masthead.newsroom.models import PeopleIndexPage

    # The people index has no place in the sections menu; the footer lists it
    # beside "About us", where readers look for who writes the paper.
    people = children(PeopleIndexPage, root).live().first()
    if people is not None:
        footer_pages.insert(
            min(1, len(footer_pages)), {"title": people.title, "url": people.url}
        )
    return {"sections": sections, "regions": regions, "footer_pages": footer_pages}


def _region_position(root: Page, region_index: Page, sections: list) -> int:
    # Keep the Regions entry where its page sits among the sections in the tree.
    earlier = (
        Page.objects.child_of(root)
        .live()
        .in_menu()
        .filter(path__lt=region_index.path)
        .type(*_section_types())
        .count()
    )
    return min(earlier, len(sections))


def _section_types():
    from masthead.newsroom.models import SectionPage

    return (SectionPage,)


def navigation_for_request(request) -> dict:
    site = Site.find_for_request(request)
    if site is None:
        return {"sections": [], "regions": []}
    key = CACHE_KEY.format(site_id=site.pk)
    try:
        nav = cache.get(key)
    except CACHE_ERRORS as error:
        logger.warning(
            "navigation cache unavailable (%s); built from the database", error
        )
        return build_navigation(site)
    if nav is None:
        nav = build_navigation(site)
        try:
            cache.set(key, nav, 3600)
        except CACHE_ERRORS as error:
            logger.warning("navigation cache unavailable (%s); not stored", error)
    return nav


def clear_navigation_cache() -> None:
    for site_id in Site.objects.values_list("pk", flat=True):
        cache.delete(CACHE_KEY.format(site_id=site_id))
