"""Fixtures shared by the feedback tests: desk users as setup_roles makes their
groups, and a POST from one of our pages as a browser sends it."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from masthead.newsroom.models import SectionPage
from masthead.newsroom.roles import CHIEF_EDITORS, setup_roles

SITE = "http://testserver"
ORIGIN = {"HTTP_ORIGIN": SITE}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def topic_of(slug: str) -> str:
    return f"section-{SectionPage.objects.get(slug=slug).pk}"


@pytest.fixture(name="desk_people")
def desk_people_fixture(site_tree):
    """Editors and reporters of some desks, a chief editor, each with an address."""
    setup_roles()
    people = {}
    for name, group in (
        ("world_editor", "World editors"),
        ("world_editor2", "World editors"),
        ("world_reporter", "World reporters"),
        ("business_editor", "Business editors"),
        ("news_editor", "News editors"),
        ("sport_editor", "Sport editors"),
        ("chief", CHIEF_EDITORS),
    ):
        user = get_user_model().objects.create_user(
            username=name, password="x", email=f"{name}@masthead.example"
        )
        user.groups.set([Group.objects.get(name=group)])
        people[name] = user
    return people


@pytest.fixture(name="send")
def send_fixture(client):
    """POST the feedback form (or, with path=, the contact form)."""

    def send(path="/feedback/", headers=ORIGIN, **fields):
        data = (
            {
                "topic": topic_of("world"),
                "message": "Your story on the talks left out the second meeting.",
                "email": "",
            }
            if path == "/feedback/"
            else {
                "name": "Li Wei",
                "email": "li.wei@example.com",
                "topic": "general",
                "subject": "A question",
                "message": "How do I send you photos?",
            }
        )
        data.update(fields)
        return client.post(path, data, **headers)

    return send
