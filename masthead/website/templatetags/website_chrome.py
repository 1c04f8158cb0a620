"""`{% chrome "includes/header.html" %}`: the header and footer, rendered once
per process for each navigation and site settings they show.

Every public page has the same header and footer until the navigation (the
page tree's sections, regions and static pages) or the site settings change,
and rendering them was a tenth of a full render. The key is what they show:
the navigation itself, the settings' shown fields and this year in the
site's zone (the copyright line), so any change renders them again; nothing
has to be told to forget them.
"""

import threading
from zoneinfo import ZoneInfo

from django import template
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe

register = template.Library()

MAX_ENTRIES = 64
_rendered: dict[tuple[str, str], str] = {}
_lock = threading.Lock()

# What header.html and footer.html show of the site settings.
SHOWN_SETTINGS = (
    "pk",
    "masthead_name",
    "tagline",
    "licence_lines",
    "copyright_holder",
    "hotline",
    "time_zone",
)


def chrome_key(context) -> str:
    site_settings = context.get("site_settings")
    shown = [repr(context.get("navigation"))]
    if site_settings is not None:
        shown += [repr(getattr(site_settings, name, None)) for name in SHOWN_SETTINGS]
        shown.append(repr(list(site_settings.social_links.raw_data)))
        try:
            zone = ZoneInfo(site_settings.time_zone)
        except (ValueError, KeyError):
            zone = ZoneInfo("UTC")
        shown.append(str(timezone.now().astimezone(zone).year))
    # The text itself is the key: hashlib would let go of the GIL for a
    # 4 KB digest, and the server's other threads take it in between.
    return "\x1f".join(shown)


@register.simple_tag(takes_context=True)
def chrome(context, template_name: str):
    key = (template_name, chrome_key(context))
    html = _rendered.get(key)
    if html is None:
        html = get_template(template_name).render(context.flatten())
        with _lock:
            if len(_rendered) >= MAX_ENTRIES:
                _rendered.clear()
            _rendered[key] = html
    return mark_safe(html)  # noqa: S308 - our own rendered template
