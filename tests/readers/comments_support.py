"""Fixtures shared by the comment tests: each test module imports the
`*_fixture` functions it uses, and pytest knows them by their names."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup

from masthead.newsroom.factories import ArticleFactory
from masthead.readers.comments.models import Comment, CommentSettings

SITE = "http://testserver"
ORIGIN = {"HTTP_ORIGIN": SITE}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture(name="article")
def article_fixture(section, xinhua):
    return ArticleFactory(
        parent=section("world"),
        title="Talks end with an agreement to meet again",
        slug="talks-end",
        source=xinhua,
        published_at=datetime(2025, 5, 16, 15, 35, tzinfo=UTC),
    )


@pytest.fixture(name="post")
def post_fixture(client):
    """POST a comment from one of our pages, as a browser would."""

    def post(article, headers=ORIGIN, **fields):
        data = {
            "name": "Li Wei",
            "email": "li.wei@example.com",
            "body": "A thoughtful comment.",
            **fields,
        }
        return client.post(f"/comments/{article.pk}/", data, **headers)

    return post


@pytest.fixture(name="comment")
def comment_fixture():
    def make(article, body="A published comment.", **kwargs):
        kwargs.setdefault("status", Comment.Status.PUBLISHED)
        kwargs.setdefault("name", "Reader")
        kwargs.setdefault("email", "reader@example.com")
        return Comment.objects.create(article=article, body=body, **kwargs)

    return make


@pytest.fixture(name="publish_at_once")
def publish_at_once_fixture(section):
    def set_for(slug="news", **kwargs):
        kwargs.setdefault("publish_at_once", True)
        return CommentSettings.objects.update_or_create(
            section=section(slug), defaults=kwargs
        )[0]

    return set_for


@pytest.fixture(name="cdn")
def cdn_fixture(settings):
    from tests.newsroom.recording_cdn import RecordingCDN

    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "tests.newsroom.recording_cdn.RecordingCDN"}
    }
    RecordingCDN.batches = []
    return RecordingCDN


@pytest.fixture(name="desk_users")
def desk_users_fixture(site_tree):
    """World and Sport editors and reporters, a chief editor, as setup_roles
    makes their groups."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from masthead.newsroom.roles import CHIEF_EDITORS, setup_roles

    setup_roles()
    users = {}
    for name, group in (
        ("world_editor", "World editors"),
        ("world_reporter", "World reporters"),
        ("sport_editor", "Sport editors"),
        ("chief", CHIEF_EDITORS),
    ):
        user = get_user_model().objects.create_user(username=name, password="x")
        user.groups.set([Group.objects.get(name=group)])
        users[name] = user
    return users
