"""Where the admins live, defined once.

The URL conf mounts Wagtail's and Django's admins under these prefixes, and
every layer that treats the admin apart (the site lookup, the cache headers,
the public chrome, the WSGI page cache) asks `is_admin_path`. A prefix covers
whole path segments only, so a public page such as `/administration-news/`
is never mistaken for the admin.
"""

from collections.abc import Iterable

WAGTAIL_ADMIN_PREFIX = "admin"
DJANGO_ADMIN_PREFIX = "django-admin"
ADMIN_PREFIXES = ("/" + WAGTAIL_ADMIN_PREFIX, "/" + DJANGO_ADMIN_PREFIX)


def is_under(path: str, prefixes: Iterable[str]) -> bool:
    """True if `path` is one of `prefixes` or inside one (whole segments)."""
    return any(path == prefix or path.startswith(prefix + "/") for prefix in prefixes)


def is_admin_path(path: str) -> bool:
    return is_under(path, ADMIN_PREFIXES)
