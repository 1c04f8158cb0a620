"""The seed's navigation, built from the page tree.

The tree order of section and region pages is the navigation order, so editors
reorder the menu by reordering pages. The sections and regions are the
newsroom's pages, the footer's static pages are this app's: hence it is built
here and handed to masthead.core.navigation (WebsiteConfig.ready()), which
caches it for every public page and clears it when those pages change.
"""

from wagtail.models import Page, Site

from masthead.newsroom.models import (
    PeopleIndexPage,
    RegionIndexPage,
    RegionPage,
    SectionPage,
)
from masthead.newsroom.tree import children
from masthead.website.models import StandardPage


def build_navigation(site: Site) -> dict:
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
    footer_pages = [
        {"title": p.title, "url": p.url, "slug": p.slug}
        for p in children(StandardPage, root).live().order_by("path")
    ]
    # The people index has no place in the sections menu; the footer lists it
    # beside "About us", where readers look for who writes the paper.
    people = children(PeopleIndexPage, root).live().first()
    if people is not None:
        footer_pages.insert(
            min(1, len(footer_pages)),
            {"title": people.title, "url": people.url, "slug": people.slug},
        )
    return {
        "sections": sections,
        "regions": regions,
        "footer_pages": footer_pages,
        "footer_has_contact": any(p["slug"] == "contact-us" for p in footer_pages),
    }


def _region_position(root: Page, region_index: Page, sections: list) -> int:
    # Keep the Regions entry where its page sits among the sections in the tree.
    earlier = (
        Page.objects.child_of(root)
        .live()
        .in_menu()
        .filter(path__lt=region_index.path)
        .type(SectionPage)
        .count()
    )
    return min(earlier, len(sections))
