"""Which articles a feed holds: the same ones its page lists.

The whole site (the home page), a section (everything below it), a region, a
special report, a person (what they wrote or edited, as their page shows).
Every feed starts from newsroom's one definition of live, so embargoed,
scheduled, unpublished and taken-down articles never appear; pages behind a
password or a sign-in have no public feed.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page, Site

from masthead.newsroom.models import (
    ArticlePage,
    PersonPage,
    RegionPage,
    SectionPage,
    SpecialReportPage,
)
from masthead.website.models import HomePage

FEED_PAGE_TYPES = (HomePage, SectionPage, RegionPage, SpecialReportPage, PersonPage)


def has_feed(page) -> bool:
    return isinstance(page, FEED_PAGE_TYPES)


def find_feed_page(request, page_path: str):
    """The live, public page whose feed `/feeds/<page_path>/…` is, or None.
    `page_path` is the page's path without its slashes ("" for home)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    if not page_path:
        page = Page.objects.filter(pk=root.pk).live().first()
    else:
        # The slug narrows the lookup to an index range (url_path has none).
        page = (
            Page.objects.live()
            .filter(
                slug=page_path.rsplit("/", 1)[-1],
                url_path=f"{root.url_path}{page_path}/",
            )
            .first()
        )
    if page is None:
        return None
    page = page.specific
    if not has_feed(page) or page.get_view_restrictions().exists():
        return None
    return page


def articles_for(page):
    """The published articles `page` lists, newest first."""
    articles = ArticlePage.objects.published().public()
    if isinstance(page, (HomePage, SectionPage)):
        return articles.descendant_of(page)
    if isinstance(page, RegionPage):
        return articles.filter(regions=page)
    if isinstance(page, SpecialReportPage):
        return articles.filter(special_reports=page)
    if isinstance(page, PersonPage):
        return articles.filter(Q(authors=page) | Q(desk_editor=page)).distinct()
    raise TypeError(f"{type(page).__name__} has no feed")


def intro_of(page) -> str:
    if isinstance(page, PersonPage):
        return page.job_title or page.get_role_display()
    return getattr(page, "intro", "") or ""
