"""Absolute addresses readers and crawlers see: canonical links, the sitemap,
CDN purges.

A paper has one public address (settings.MASTHEAD_PUBLIC_URL, for example
https://news.example.com) and every absolute URL starts with it. Without it the
address the request came in on is used, host and port both: Wagtail's own
`full_url` is built from the Site record's hostname and port, which on a demo
box or behind a proxy is not where the reader is (it drops `:8000`).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def check_public_url(value: str) -> str:
    """`value` without a trailing slash, or ImproperlyConfigured saying what is wrong."""
    value = (value or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
    ):
        raise ImproperlyConfigured(
            "MASTHEAD_PUBLIC_URL must be a scheme and a host, with a port if "
            f"needed, like https://news.example.com or http://127.0.0.1:8000; "
            f"got {value!r}."
        )
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"MASTHEAD_PUBLIC_URL has a port that is not a number: {value!r}."
        ) from exc
    return f"{parts.scheme}://{parts.netloc}"


def configured_base_url() -> str:
    return check_public_url(getattr(settings, "MASTHEAD_PUBLIC_URL", ""))


def base_url(request=None, fallback: str = "") -> str:
    """`https://news.example.com`: the setting, else the request's scheme, host
    and port, else (no request, as in the worker) `fallback`, usually the
    Wagtail site's root URL."""
    configured = configured_base_url()
    if configured:
        return configured
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return fallback.rstrip("/")


def absolute_url(path_or_url: str, request=None, fallback: str = "") -> str:
    """The public address of a path (`/news/world/`), or of a URL Wagtail built
    with its own idea of the host: only its path and query are kept."""
    parts = urlsplit(path_or_url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return base_url(request, fallback) + path


def page_path(page, request=None) -> str | None:
    """A page's path on its site (`/news/world/…/`), or None when not routable."""
    url_parts = page.get_url_parts(request=request)
    if url_parts is None:
        return None
    return url_parts[2]


def page_url(page, request=None) -> str | None:
    """A page's public address, or None when it has none."""
    url_parts = page.get_url_parts(request=request)
    if url_parts is None or url_parts[2] is None:
        return None
    _, root_url, path = url_parts
    return absolute_url(path, request=request, fallback=root_url or "")
