"""A chief editor builds an edition from the admin; other staff cannot."""

import pytest
from django.contrib.auth.models import Group, Permission, User

from masthead.epaper.models import Edition, EditionBuild
from masthead.newsroom.roles import CHIEF_EDITORS
from tests.epaper.conftest import DAY

pytestmark = pytest.mark.django_db

ADMIN = "/admin/epaper/"


def member(name: str, group: str) -> User:
    user = User.objects.create_user(name, password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def test_chief_editor_builds_the_edition_and_sees_the_log(client, day_news):
    client.force_login(member("chief", CHIEF_EDITORS))
    assert client.get(ADMIN).status_code == 200
    response = client.post(ADMIN, {"day": "2025-05-16", "reason": "Late sport"})
    assert response.status_code == 302
    build = Edition.objects.get(day=DAY).builds.get()
    assert build.trigger == EditionBuild.Trigger.ADMIN
    assert build.reason == "Late sport" and build.user.username == "chief"
    page = client.get(ADMIN).content.decode()
    assert "Late sport" in page and "2025-05-16" in page
    assert "/admin/epaper/" in client.get("/admin/").content.decode()


def test_bad_date_is_a_bad_request(client, site_tree):
    client.force_login(member("chief", CHIEF_EDITORS))
    for raw in ("2025-13-01", "yesterday", "9" * 5000):
        assert client.post(ADMIN, {"day": raw}).status_code == 400
    assert not Edition.objects.exists()


def test_a_day_with_no_stories_builds_nothing(client, site_tree):
    client.force_login(member("chief", CHIEF_EDITORS))
    response = client.post(ADMIN, {"day": "2024-01-01"}, follow=True)
    assert "No stories were published on 2024-01-01." in response.content.decode()
    assert not Edition.objects.exists()


def test_other_staff_cannot_build(client, site_tree):
    client.force_login(member("reporter", "World reporters"))
    assert client.get(ADMIN).status_code in (302, 403)
    assert client.post(ADMIN, {"day": "2025-05-16"}).status_code in (302, 403)
    assert "/admin/epaper/" not in client.get("/admin/").content.decode()
    assert not Edition.objects.exists()
