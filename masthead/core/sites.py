"""Which Wagtail Site a request is for, remembered per process.

Every public page asks; the answer changes only when an administrator edits the
sites, so each process keeps it for a short while instead of querying twice
(site and root page) per request.
"""

import copy
import threading
import time

from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Site

TTL_SECONDS = 60
_cache: dict[tuple[str, int], tuple[float, Site | None]] = {}
_lock = threading.Lock()


def site_for_request(request) -> Site | None:
    hostname = split_domain_port(request._get_raw_host())[0]
    key = (hostname, request.get_port())
    now = time.monotonic()
    hit = _cache.get(key)
    if hit is not None and now - hit[0] < TTL_SECONDS:
        return _fresh_copy(hit[1])
    site = Site._find_for_request(request)
    if site is not None:
        site = Site.objects.select_related("root_page").get(pk=site.pk)
        # The specific root (the home page) is kept for routing below it, which
        # needs only its path; HomePage.route reloads it to serve "/" itself.
        site.root_page = site.root_page.specific
    with _lock:
        _cache[key] = (now, site)
    return _fresh_copy(site)


def _fresh_copy(site: Site | None) -> Site | None:
    """Each request gets its own Site and root page objects, so nothing a request
    sets on them outlives it."""
    if site is None:
        return None
    clone = copy.copy(site)
    clone.root_page = copy.copy(site.root_page)
    return clone


def clear_site_cache(**kwargs) -> None:
    with _lock:
        _cache.clear()


post_save.connect(clear_site_cache, sender=Site, dispatch_uid="masthead-site-cache")
post_delete.connect(
    clear_site_cache, sender=Site, dispatch_uid="masthead-site-cache-del"
)


class SiteMiddleware:
    """Sets `request._wagtail_site`, which Wagtail's Site.find_for_request reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(("/admin", "/django-admin")):
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)
