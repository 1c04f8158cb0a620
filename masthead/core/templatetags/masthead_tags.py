from datetime import datetime

from django import template
from django.utils.html import format_html

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
    from masthead.core.models import SOCIAL_NETWORKS

    return dict(SOCIAL_NETWORKS).get(key, key)
