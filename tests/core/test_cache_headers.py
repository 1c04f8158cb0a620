"""CacheHeadersMiddleware: what shared caches may keep, and what they never may."""

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from masthead.core.middleware import CacheHeadersMiddleware
from masthead.newsroom.factories import ArticleFactory


def directives(response) -> dict:
    parts = [p.strip() for p in response.get("Cache-Control", "").split(",") if p]
    return dict((p.split("=", 1) + [True])[:2] for p in parts)


def run(view, path="/news/", method="get", cookies=None):
    request = getattr(RequestFactory(), method)(path)
    request.COOKIES.update(cookies or {})
    chain = SessionMiddleware(CacheHeadersMiddleware(view))
    return chain(request)


def public_page(request):
    return HttpResponse("<p>news</p>")


def assert_private(response):
    found = directives(response)
    assert "private" in found and "no-store" in found, found
    assert "public" not in found and "s-maxage" not in found, found


def test_an_anonymous_page_is_public():
    found = directives(run(public_page))
    assert "public" in found
    assert int(found["s-maxage"]) > 0 and int(found["stale-if-error"]) > 0


def test_a_404_is_public_but_short_lived():
    page = directives(run(public_page))
    missing = directives(run(lambda r: HttpResponse("no", status=404)))
    assert "public" in missing
    assert int(missing["s-maxage"]) < int(page["s-maxage"])
    assert int(missing["max-age"]) < int(page["max-age"])


def test_an_error_is_never_shared():
    assert_private(run(lambda r: HttpResponse("boom", status=500)))


def test_a_view_that_read_the_session_is_private():
    def view(request):
        request.session.get("seen")
        return HttpResponse("<p>hello again</p>")

    assert_private(run(view))


def test_a_view_that_made_a_csrf_token_is_private():
    def view(request):
        return HttpResponse(f"<input value='{get_token(request)}'>")

    assert_private(run(view))


def test_a_response_setting_a_cookie_is_private():
    def view(request):
        response = HttpResponse("<p>hi</p>")
        response.set_cookie("seen", "1")
        return response

    assert_private(run(view))


def test_a_post_is_private():
    assert_private(run(public_page, method="post"))


def test_personal_wins_over_a_view_that_asked_to_be_public():
    def view(request):
        response = HttpResponse("<p>hi</p>")
        response["Cache-Control"] = "public, max-age=600"
        return response

    assert_private(run(view, cookies={"sessionid": "abc"}))
    assert_private(run(view, path="/admin/pages/"))
    assert directives(run(view))["max-age"] == "600"  # anonymous: the view decides


@pytest.mark.parametrize(
    ("path", "private"),
    [
        ("/admin/", True),
        ("/admin", True),
        ("/admin/pages/3/edit/", True),
        ("/django-admin/", True),
        ("/administration-reform/", False),
        ("/news/admin-costs/", False),
    ],
)
def test_only_the_admin_paths_are_private(path, private):
    response = run(public_page, path=path)
    assert ("no-store" in directives(response)) is private


@pytest.mark.integration
def test_a_wagtail_preview_is_never_cached(site_tree, section):
    article = ArticleFactory(parent=section("world"), slug="draft", publish=False)

    response = article.make_preview_request()

    assert response.status_code == 200
    assert_private(response)
