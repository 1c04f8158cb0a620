import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from masthead.wire.models import Channel
from masthead.wire.services import ingest_bytes


def ninjs(n=1, **overrides) -> bytes:
    """A minimal, valid ninjs 1.x text item."""
    doc = {
        "uri": f"urn:test:{n}",
        "type": "text",
        "version": "1",
        "headline": f"Test story {n}",
        "body_html": "<p>First paragraph.</p><p>Second paragraph.</p>",
        "byline": "Jane Roe",
        "located": "BEIJING",
        "firstcreated": "2025-05-16T09:00:00Z",
        "versioncreated": "2025-05-16T10:00:00Z",
        "copyrightholder": "Xinhua",
        "language": "en",
        "subject": [{"name": "Politics", "code": "11000000"}],
    }
    doc.update(overrides)
    return json.dumps(doc).encode()


BROKEN = b'{"uri": "urn:test:broken", <script>alert(1)</script>'


@pytest.fixture
def ingest(db):
    def _ingest(data: bytes, origin: str = "test.json"):
        return ingest_bytes(data, Channel.FILE, origin=origin)

    return _ingest


def _perms(*codenames):
    perms = []
    for codename in codenames:
        app_label, code = codename.split(".")
        perms.append(
            Permission.objects.get(content_type__app_label=app_label, codename=code)
        )
    return perms


def make_user(username, *codenames, groups=()):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.com", password="x"
    )
    user.user_permissions.add(*_perms("wagtailadmin.access_admin", *codenames))
    for group in groups:
        user.groups.add(group)
    return user


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="chief", email="chief@example.com", password="x"
    )


@pytest.fixture
def outsider(db):
    """May use the admin, but not the wire desk."""
    return make_user("outsider")


@pytest.fixture
def reader(db):
    """May see the basket, nothing else."""
    return make_user("reader", "wire.view_wireitem")


@pytest.fixture
def world_desk(db, section):
    """May see the basket and make drafts, but only under News > World."""
    from wagtail.models import GroupPagePermission

    group = Group.objects.create(name="World desk")
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=section("world"),
            permission=_perms(f"wagtailcore.{codename}")[0],
        )
    return make_user(
        "worlddesk", "wire.view_wireitem", "wire.change_wireitem", groups=[group]
    )
