"""What readers see of the comments changes: exactly that article's pages are
dropped from our page cache and the CDN, and nothing else. A comment held for
review changes nothing a reader sees, so the cache keeps hitting."""

import pytest

from masthead.newsroom.factories import ArticleFactory
from masthead.readers.comments import moderation
from masthead.readers.comments.models import Comment
from tests.core.conftest import CountingApp, WSGIClient

from .comments_support import (  # noqa: F401 - fixtures, known by name
    SITE,
    article_fixture,
    cdn_fixture,
    comment_fixture,
    publish_at_once_fixture,
)

pytestmark = pytest.mark.integration

TOUCHED = ["/news/world/talks-end/", "/news/world/", "/news/", "/"]
UNTOUCHED = ["/news/sport/", "/news/world/other-story/", "/regions/"]


@pytest.fixture
def web():
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    from masthead.core.pagecache.wsgi import PageCacheApp

    # As tests/core's `web`: keep the test's connection open across requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIClient(PageCacheApp(CountingApp(get_wsgi_application())))
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def other(section, article):
    return ArticleFactory(parent=section("world"), slug="other-story")


def states(web, urls):
    return {url: web.get(url).x_cache for url in urls}


def prime(web, urls):
    for url in urls:
        web.get(url)
    assert set(states(web, urls).values()) == {"HIT"}


def post(web, article, **fields):
    from urllib.parse import urlencode

    data = {"name": "Li Wei", "email": "li@example.com", "body": "Hello", **fields}
    return web.post(
        f"/comments/{article.pk}/",
        headers={"Origin": SITE},
        body=urlencode(data).encode(),
    )


def test_a_held_comment_purges_nothing(
    web, article, other, cdn, django_capture_on_commit_callbacks
):
    prime(web, TOUCHED + UNTOUCHED)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(web, article)
    assert response.status == 200
    assert b"awaits moderation" in response.body
    assert "no-store" in response.header("Cache-Control")
    assert Comment.objects.get().status == Comment.Status.HELD
    assert set(states(web, TOUCHED + UNTOUCHED).values()) == {"HIT"}
    assert cdn.batches == []


def test_refused_posts_purge_nothing(
    web, article, other, cdn, django_capture_on_commit_callbacks
):
    prime(web, TOUCHED)
    with django_capture_on_commit_callbacks(execute=True):
        post(web, article, body="x" * 6000)
        post(web, article, website="spam")
        web.post(f"/comments/{article.pk}/", headers={"Origin": "https://evil.example"})
    assert set(states(web, TOUCHED).values()) == {"HIT"}
    assert cdn.batches == []
    assert not Comment.objects.exists()


def test_approving_purges_exactly_the_articles_pages(
    web, article, other, cdn, desk_editor, django_capture_on_commit_callbacks
):
    held = Comment.objects.create(
        article=article, name="A", email="a@example.com", body="Held one"
    )
    prime(web, TOUCHED + UNTOUCHED)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(Comment.objects.filter(pk=held.pk), desk_editor)
    untouched = states(web, UNTOUCHED)
    touched = states(web, TOUCHED)
    assert set(untouched.values()) == {"HIT"}, untouched
    assert set(touched.values()) == {"MISS"}, touched
    page = web.get("/news/world/talks-end/")
    assert b"Held one" in page.body
    # The CDN is told once, in one batch, with the article and its listings
    # (and the comment page a new thread would open), not the sport section.
    assert len(cdn.batches) == 1
    urls = set(cdn.batches[0])
    assert {SITE + path for path in TOUCHED} <= urls
    assert f"{SITE}/comments/{article.pk}/page/2/" in urls
    assert not {SITE + path for path in UNTOUCHED} & urls


def test_rejecting_a_held_comment_purges_nothing_but_removing_a_shown_one_does(
    web, article, cdn, desk_editor, comment, django_capture_on_commit_callbacks
):
    held = comment(article, body="Never shown", status=Comment.Status.HELD)
    shown = comment(article, body="Shown for a while")
    prime(web, TOUCHED)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(Comment.objects.filter(pk=held.pk), desk_editor)
    assert set(states(web, TOUCHED).values()) == {"HIT"}
    with django_capture_on_commit_callbacks(execute=True):
        moderation.mark_spam(Comment.objects.filter(pk=shown.pk), desk_editor)
    assert set(states(web, TOUCHED).values()) == {"MISS"}
    assert b"Shown for a while" not in web.get(TOUCHED[0]).body


def test_publish_at_once_purges_on_post(
    web, article, cdn, publish_at_once, django_capture_on_commit_callbacks
):
    publish_at_once("world")
    prime(web, TOUCHED + ["/news/sport/"])
    with django_capture_on_commit_callbacks(execute=True):
        post(web, article, body="Straight on the page")
    assert set(states(web, TOUCHED).values()) == {"MISS"}
    assert states(web, ["/news/sport/"]) == {"/news/sport/": "HIT"}
    assert b"Straight on the page" in web.get(TOUCHED[0]).body


def test_further_comment_pages_are_cached_and_purged(
    web, article, comment, desk_editor, django_capture_on_commit_callbacks, settings
):
    settings.MASTHEAD_COMMENTS = {"PER_PAGE": 2}
    for n in range(3):
        comment(article, body=f"Comment {n}")
    page_two = f"/comments/{article.pk}/page/2/"
    prime(web, [page_two])
    assert b"Comment 2" in web.get(page_two).body
    held = comment(article, body="Comment 3", status=Comment.Status.HELD)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(Comment.objects.filter(pk=held.pk), desk_editor)
    reply = web.get(page_two)
    assert reply.x_cache == "MISS"
    assert b"Comment 3" in reply.body


@pytest.fixture
def desk_editor(django_user_model):
    return django_user_model.objects.create_superuser("desk", password="x")
