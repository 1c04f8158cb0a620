"""The paper itself in schema.org terms: the publisher of every article and
the `WebSite` with its search box."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.templatetags.static import static
from django.urls import reverse

from masthead.api.addresses import media_url, site_url

# The web app's square icon (masthead/readers/app) doubles as the publisher's
# logo: it is the paper's mark, 512 px square, and always shipped.
LOGO_STATIC_PATH = "readers/app/icon-512.png"
LOGO_SIZE = 512
DEFAULT_NAME = "Masthead Daily"


def site_name(site_settings) -> str:
    return getattr(site_settings, "masthead_name", "") or DEFAULT_NAME


def home_url(request=None) -> str:
    return site_url("/", request)


def logo(request=None) -> dict:
    return {
        "@type": "ImageObject",
        "url": media_url(static(LOGO_STATIC_PATH), request),
        "width": LOGO_SIZE,
        "height": LOGO_SIZE,
    }


def social_profiles(site_settings) -> list[str]:
    """The paper's own accounts (site settings), for `sameAs`."""
    links = getattr(site_settings, "social_links", None) or []
    return [
        block.value["url"]
        for block in links
        if block.value.get("url") and block.value.get("network") != "rss"
    ]


def x_handle(site_settings) -> str:
    """`@mastheaddaily` from the paper's X (Twitter) link, for `twitter:site`."""
    for block in getattr(site_settings, "social_links", None) or []:
        if block.value.get("network") != "x":
            continue
        parts = urlsplit(block.value.get("url") or "")
        name = parts.path.strip("/").split("/")[0].lstrip("@")
        if name:
            return "@" + name
    return ""


def publisher(site_settings, request=None) -> dict:
    data = {
        "@type": "NewsMediaOrganization",
        "name": site_name(site_settings),
        "url": home_url(request),
        "logo": logo(request),
    }
    same_as = social_profiles(site_settings)
    if same_as:
        data["sameAs"] = same_as
    return data


def search_url_template(request=None) -> str:
    return site_url(reverse("search"), request) + "?q={search_term_string}"


def website(site_settings, request=None) -> dict:
    """`WebSite` with a `SearchAction` on the reader search (/search/?q=)."""
    data = {
        "@type": "WebSite",
        "name": site_name(site_settings),
        "url": home_url(request),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": search_url_template(request),
            },
            "query-input": "required name=search_term_string",
        },
    }
    tagline = getattr(site_settings, "tagline", "")
    if tagline:
        data["description"] = tagline
    return data
