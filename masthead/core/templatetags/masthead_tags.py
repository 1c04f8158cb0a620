from datetime import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django import template
from django.utils import timezone
from django.utils.html import format_html

from masthead.core.models import SOCIAL_NETWORKS
from masthead.core.public_urls import absolute_url, page_path
from masthead.core.timefmt import DEFAULT_TIME_FORMAT, format_news_time

register = template.Library()


def _display_settings(context) -> tuple[str, str]:
    site_settings = context.get("site_settings")
    if site_settings is None:
        return "UTC", DEFAULT_TIME_FORMAT
    return site_settings.time_zone, site_settings.time_format


@register.simple_tag(takes_context=True)
def news_time(context, value: datetime | None, css_class: str = ""):
    """`<time datetime="…Z">23:35 UTC+8, 2025-05-16</time>` in the site's zone."""
    if value is None:
        return ""
    zone, pattern = _display_settings(context)
    return format_html(
        '<time datetime="{}"{}>{}</time>',
        value.astimezone().isoformat(timespec="seconds")
        if value.tzinfo is None
        else value.isoformat(timespec="seconds"),
        format_html(' class="{}"', css_class) if css_class else "",
        format_news_time(value, zone, pattern),
    )


@register.filter
def query_without(querydict, key: str) -> str:
    """The current query string minus one parameter (for filter and pager links)."""
    params = querydict.copy()
    params.pop(key, None)
    return params.urlencode()


@register.filter
def network_label(key: str) -> str:
    """`youtube` -> `YouTube`, from the choices the settings offer."""
    return dict(SOCIAL_NETWORKS).get(key, key)


# Query parameters that choose what a listing shows; others (tracking tags,
# search filters) are left out of its canonical address.
CANONICAL_QUERY_KEYS = ("before",)


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's public address (the configured base URL, else the request's
    host and port), for `<link rel="canonical">`."""
    request = context.get("request")
    page = context.get("page")
    if page is not None and hasattr(page, "get_url_parts"):
        # The page's own path, not the one it was reached by (a Wagtail route
        # or a redirect can serve it under another).
        path = page_path(page, request)
    else:
        path = request.path if request is not None else None
    if path is None:
        return ""
    if request is not None:
        kept = [(k, request.GET[k]) for k in CANONICAL_QUERY_KEYS if request.GET.get(k)]
        path += f"?{urlencode(kept)}" if kept else ""
    return absolute_url(path, request=request)


@register.simple_tag(takes_context=True)
def copyright_line(context) -> str:
    """`© 2026 Masthead Daily`: this year in the site's zone, then the holder."""
    site_settings = context.get("site_settings")
    if site_settings is None:
        return ""
    holder = site_settings.copyright_holder or site_settings.masthead_name
    zone, _ = _display_settings(context)
    year = timezone.now().astimezone(ZoneInfo(zone)).year
    return f"© {year} {holder}"
