"""Which Wagtail Site a request is for, remembered per process.

Every public page asks; the answer changes only when an administrator edits the
sites, so each process keeps it for a short while instead of querying twice
(site and root page) per request.

Host headers are chosen by the client, so the memory is bounded: a host outside
ALLOWED_HOSTS is never remembered (Django answers it 400 further down), the
hosts that are allowed are kept in a small LRU, and each Site is held once
however many host names lead to it.
"""

import copy
import threading
import time
from collections import OrderedDict

from django.core.exceptions import DisallowedHost
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Site

from masthead.core.admin_paths import is_admin_path
from masthead.core.logfilters import install_bad_host_filter

TTL_SECONDS = 60
# More than any real newsroom has names for its sites; wildcard ALLOWED_HOSTS
# ('.example.com') would otherwise let clients add entries without end.
MAX_HOSTS = 256

# (hostname, port) -> (looked up at, site pk or None), least recently used first.
_hosts: OrderedDict[tuple[str, int], tuple[float, int | None]] = OrderedDict()
_sites: dict[int, Site] = {}
_lock = threading.Lock()

install_bad_host_filter()


def site_for_request(request) -> Site | None:
    try:
        host = request.get_host()  # validated against ALLOWED_HOSTS
    except DisallowedHost:
        return None
    hostname = split_domain_port(host)[0]
    key = (hostname, request.get_port())
    now = time.monotonic()
    with _lock:
        hit = _hosts.get(key)
        if hit is not None and now - hit[0] < TTL_SECONDS:
            _hosts.move_to_end(key)
            pk = hit[1]
            site = _sites.get(pk) if pk is not None else None
            if pk is None or site is not None:
                return _fresh_copy(site)
    site = Site._find_for_request(request)
    if site is not None:
        site = Site.objects.select_related("root_page").get(pk=site.pk)
        # The specific root (the home page) is kept for routing below it, which
        # needs only its path; HomePage.route reloads it to serve "/" itself.
        site.root_page = site.root_page.specific
    with _lock:
        _hosts[key] = (now, site.pk if site is not None else None)
        _hosts.move_to_end(key)
        while len(_hosts) > MAX_HOSTS:
            _hosts.popitem(last=False)
        if site is not None:
            _sites[site.pk] = site
    return _fresh_copy(site)


def cached_host_count() -> int:
    return len(_hosts)


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
        _hosts.clear()
        _sites.clear()


post_save.connect(clear_site_cache, sender=Site, dispatch_uid="masthead-site-cache")
post_delete.connect(
    clear_site_cache, sender=Site, dispatch_uid="masthead-site-cache-del"
)


class SiteMiddleware:
    """Sets `request._wagtail_site`, which Wagtail's Site.find_for_request reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_admin_path(request.path):
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)
