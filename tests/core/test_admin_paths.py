"""One rule for "is this the admin?", asked the same way by every layer.

A public page whose slug merely starts with "admin" (here `/administration-news/`)
must be treated as public everywhere: looked up as a site page, given the
public chrome, public cache headers and the reader's CSP, and kept by the page
cache. The admin itself must be treated as the admin in each of those places.
"""

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from masthead.core.admin_paths import ADMIN_PREFIXES, is_admin_path
from masthead.core.context_processors import site_chrome
from masthead.core.middleware import CacheHeadersMiddleware, SecurityHeadersMiddleware
from masthead.core.sites import SiteMiddleware
from masthead.newsroom.factories import SectionFactory

PUBLIC = "/administration-news/"
ADMIN = "/admin/"


@pytest.mark.parametrize(
    ("path", "admin"),
    [
        ("/admin", True),
        ("/admin/", True),
        ("/admin/pages/3/edit/", True),
        ("/django-admin", True),
        ("/django-admin/auth/user/", True),
        ("/administration-news/", False),
        ("/django-administration/", False),
        ("/news/admin/", False),
        ("/", False),
    ],
)
def test_admin_paths_are_whole_segments(path, admin):
    assert is_admin_path(path) is admin


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("wagtailadmin_home", []),
        ("admin:index", []),
        ("masthead_choose_page_chosen_multiple", []),
        ("masthead_add_subpage", [1]),
        ("masthead_page_types_usage", []),
        ("masthead_page_types_usage_results", []),
    ],
)
def test_the_url_conf_mounts_every_admin_route_under_the_prefixes(name, args):
    assert is_admin_path(reverse(name, args=args)), ADMIN_PREFIXES


def test_the_site_is_looked_up_for_a_public_page_only(site_tree):
    seen = {}

    def view(request):
        seen[request.path] = getattr(request, "_wagtail_site", None)
        return HttpResponse()

    middleware = SiteMiddleware(view)
    middleware(RequestFactory().get(PUBLIC))
    middleware(RequestFactory().get(ADMIN))

    assert seen[PUBLIC] is not None
    assert seen[ADMIN] is None


def test_the_public_chrome_is_given_to_a_public_page_only(site_tree):
    public = site_chrome(RequestFactory().get(PUBLIC))

    assert {"site_settings", "navigation"} <= public.keys()
    assert site_chrome(RequestFactory().get(ADMIN)) == {}


def test_cache_headers_and_csp_treat_a_public_page_as_public():
    def page(request):
        return HttpResponse("<p>news</p>")

    chain = SecurityHeadersMiddleware(CacheHeadersMiddleware(page))
    public = chain(RequestFactory().get(PUBLIC))
    admin = chain(RequestFactory().get(ADMIN))

    assert "public" in public["Cache-Control"]
    assert public["Content-Security-Policy"] == settings.MASTHEAD_CSP
    assert "no-store" in admin["Cache-Control"]
    assert admin["Content-Security-Policy"] == settings.MASTHEAD_ADMIN_CSP


@pytest.mark.integration
def test_the_page_cache_keeps_a_public_page_and_never_the_admin(
    web, django_app, site_tree
):
    SectionFactory(
        parent=site_tree, title="Administration news", slug="administration-news"
    )

    assert web.get(PUBLIC).x_cache == "MISS"
    assert web.get(PUBLIC).x_cache == "HIT"
    assert web.get(ADMIN).x_cache is None
    assert web.get(ADMIN).x_cache is None
    assert django_app.paths == [PUBLIC, ADMIN, ADMIN]
