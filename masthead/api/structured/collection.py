"""Listing pages (sections, regions) as `CollectionPage`, the home page as the
`WebSite` with its search box."""

from __future__ import annotations

from masthead.core.public_urls import page_url
from masthead.newsroom.models import RegionPage

from .site import publisher, website


def page_description(page) -> str:
    return (
        getattr(page, "search_description", "") or getattr(page, "intro", "") or ""
    ).strip()


def collection_page(page, site_settings, request=None) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": page.title,
    }
    url = page_url(page, request)
    if url:
        data["url"] = url
    description = page_description(page)
    if description:
        data["description"] = description
    if isinstance(page, RegionPage):
        data["about"] = {"@type": "Place", "name": page.title}
    data["isPartOf"] = website(site_settings, request)
    data["publisher"] = publisher(site_settings, request)
    return data


def home_website(site_settings, request=None) -> dict:
    data = {"@context": "https://schema.org", **website(site_settings, request)}
    data["publisher"] = publisher(site_settings, request)
    return data
