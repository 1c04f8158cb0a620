"""A small newsroom, built once per test module.

The site tree, the role groups, the desk workflows, users of every role and a
set of pages per desk cost a second or two to build; the permission matrix
makes hundreds of requests against them. So the data is made once per module
inside an outer transaction that is rolled back when the module ends, and each
test still runs in its own savepoint (pytest-django's `db`), so what one test
changes the next does not see.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

# The matrix' roles: World desk for the desk roles, Sport as "another desk".
OWN_DESK = "world"
OTHER_DESK = "sport"


@dataclass
class Newsroom:
    users: dict = field(default_factory=dict)  # name -> User
    sections: dict = field(default_factory=dict)  # desk slug -> SectionPage
    # (desk slug, kind) -> page; kinds: "draft", "live", "review", "alias"
    pages: dict = field(default_factory=dict)
    # uploader (a matrix role, or "other" for the Sport reporter) -> object
    images: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    uploads: dict = field(default_factory=dict)  # "image"/"document" -> {...}

    def page(self, desk, kind):
        from wagtail.models import Page

        return Page.objects.get(pk=self.pages[desk, kind].pk).specific

    def user(self, name):
        return get_user_model().objects.get(pk=self.users[name].pk)


def _user(username, *groups):
    """A user in these groups, with a staff profile (PersonPage) linked to it,
    as `masthead.demo.users.create_demo_users` makes them."""
    from django.contrib.auth.models import Group

    from masthead.newsroom.models import PeopleIndexPage, PersonPage

    user = get_user_model().objects.create_user(
        username=username, password="x", first_name=username.split(".")[0]
    )
    user.groups.set(Group.objects.filter(name__in=groups))
    person = PersonPage(title=username, slug=username.replace(".", "-"), user=user)
    PeopleIndexPage.objects.get().add_child(instance=person)
    person.save_revision().publish()
    return user


def _article(section, owner, title, *, publisher=None, extra_draft=True):
    from masthead.newsroom.factories import ArticleFactory

    page = ArticleFactory(
        parent=section, owner=owner, title=title, publish=False, live=False
    )
    revision = page.get_latest_revision()
    revision.user = owner
    revision.save(update_fields=["user"])
    if publisher:
        revision.publish(user=publisher)
        page.refresh_from_db()
    if extra_draft:
        page.lead = f"{page.lead} Second version."
        page.save_revision(user=owner)
    return page


def _png(name):
    from io import BytesIO

    import PIL.Image
    from django.core.files.images import ImageFile

    data = BytesIO()
    PIL.Image.new("RGB", (40, 30), "white").save(data, "PNG")
    return ImageFile(data, name=name)


def build_newsroom() -> Newsroom:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, UploadedFile

    from masthead.demo.sitetree import build_site_tree
    from masthead.newsroom.roles import (
        ADMINISTRATORS,
        CHIEF_EDITORS,
        desk,
        setup_roles,
    )
    from masthead.newsroom.workflows import setup_workflows

    build_site_tree(hostname="testserver")
    setup_roles()
    workflows = setup_workflows()

    n = Newsroom()
    n.users = {
        "reporter": _user("world.reporter", "World reporters"),
        "colleague": _user("world.reporter2", "World reporters"),
        "editor": _user("world.editor", "World editors"),
        "editor2": _user("world.editor2", "World editors"),
        "sport_reporter": _user("sport.reporter", "Sport reporters"),
        "sport_editor": _user("sport.editor", "Sport editors"),
        "chief": _user("chief.editor", CHIEF_EDITORS),
        "administrator": _user("administrator", ADMINISTRATORS),
    }
    desks = (
        (OWN_DESK, "reporter", "editor"),
        (OTHER_DESK, "sport_reporter", "sport_editor"),
    )
    for slug, reporter, editor in desks:
        section = desk(slug).section()
        owner = n.users[reporter]
        n.sections[slug] = section
        title = slug.capitalize()
        n.pages[slug, "draft"] = _article(section, owner, f"{title} draft zebra")
        n.pages[slug, "live"] = _article(
            section, owner, f"{title} live story", publisher=n.users[editor]
        )
        review = _article(section, owner, f"{title} story in review", extra_draft=False)
        workflows[slug].start(review, owner)
        n.pages[slug, "review"] = review
        n.pages[slug, "alias"] = n.pages[slug, "live"].create_alias(
            parent=section, update_slug=f"{slug}-alias", user=n.users[editor]
        )

    Image = get_image_model()
    Document = get_document_model()
    root = Collection.get_first_root_node()
    n.uploads = {"image": {}, "document": {}}
    uploaders = {
        role: role for role in ("reporter", "editor", "chief", "administrator")
    }
    uploaders["other"] = "sport_reporter"
    for key, owner in uploaders.items():
        user = n.users[owner]
        n.images[key] = Image.objects.create(
            title=f"{key} picture",
            alt_text="A picture",
            file=_png(f"{key}.png"),
            collection=root,
            uploaded_by_user=user,
        )
        n.documents[key] = Document.objects.create(
            title=f"{key} document",
            file=ContentFile(b"plain text", name=f"{key}.txt"),
            collection=root,
            uploaded_by_user=user,
        )
        if key == "administrator":
            continue  # cannot upload (no "add"), so has no leftover uploads
        for kind, model in (("image", Image), ("document", Document)):
            n.uploads[kind][key] = UploadedFile.objects.create(
                for_content_type=ContentType.objects.get_for_model(model),
                file=ContentFile(b"upload", name=f"{key}.{kind}.txt"),
                uploaded_by_user=user,
            )
    return n


@pytest.fixture(scope="module")
def newsroom(request, django_db_setup, django_db_blocker):
    # pytest-django sets up the test database only for modules whose tests ask
    # for it; without the mark this would write to the configured database.
    if not any(m.name == "django_db" for m in request.node.iter_markers()):
        raise pytest.UsageError(
            f"{request.module.__name__} needs pytestmark = pytest.mark.django_db"
        )
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_newsroom()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def login(client, db, newsroom):
    """login("editor") -> the test client, logged in as that newsroom user."""

    def _login(name):
        client.force_login(newsroom.users[name])
        return client

    return _login
