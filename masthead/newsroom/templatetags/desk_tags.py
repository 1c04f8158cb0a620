"""Template filters for the desk's admin screens."""

from django import template

from masthead.core.clock import site_time as _site_time

register = template.Library()


@register.filter
def site_time(value):
    """`14:00 UTC+8, 2026-11-27`: the site's zone and format, as readers see it."""
    return _site_time(value)
