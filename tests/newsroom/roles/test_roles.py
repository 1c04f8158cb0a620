"""Roles by section (the editors' desk issue, point 1): the groups themselves,
the demo users, and the sentence "a reporter of the World desk cannot see or
change a Sport draft" in every place the admin could show it."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from masthead.demo.users import DEMO_USERS, create_demo_users
from masthead.newsroom import roles

from .conftest import OTHER_DESK, OWN_DESK

pytestmark = pytest.mark.django_db


def page_perms(group_name):
    return {
        (gpp.page.slug, gpp.permission.codename.removesuffix("_page"))
        for gpp in GroupPagePermission.objects.filter(group__name=group_name)
    }


def media_perms(group_name):
    return set(
        GroupCollectionPermission.objects.filter(group__name=group_name).values_list(
            "permission__codename", flat=True
        )
    )


def model_perms(group_name):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=group_name).permissions.select_related(
            "content_type"
        )
    }


def test_the_desks():
    assert [d.slug for d in roles.desks()] == [
        "in-focus",
        "news",
        "business",
        "metro",
        "nation",
        "world",
        "sport",
        "video",
        "opinion",
        "special",
    ]


def test_groups_and_their_permissions(newsroom):
    for d in roles.desks():
        assert page_perms(d.reporters) == {(d.slug, "add")}
        assert page_perms(d.editors) == {
            (d.slug, a) for a in ("add", "change", "publish", "lock", "unlock")
        }
        assert "wagtailadmin.access_admin" in model_perms(d.reporters)
        assert "wagtailadmin.access_admin" in model_perms(d.editors)
        assert media_perms(d.reporters) == {
            "add_image",
            "choose_image",
            "add_document",
            "choose_document",
        }
        assert media_perms(d.editors) == media_perms(d.reporters) | {
            "change_image",
            "change_document",
        }
    assert page_perms("Chief editors") == {
        ("home", a)
        for a in ("add", "bulk_delete", "change", "lock", "publish", "unlock")
    }
    assert page_perms("Administrators") == set()
    admin = model_perms("Administrators")
    assert {
        "auth.change_user",
        "auth.change_group",
        "core.change_sitesettings",
    } <= admin
    assert not any(p.endswith("_page") for p in admin)


def test_setup_roles_is_idempotent_and_restores_the_policy(newsroom):
    def snapshot():
        return (
            sorted(Group.objects.values_list("name", flat=True)),
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
            sorted(
                (g.name, p)
                for g in Group.objects.all()
                for p in g.permissions.values_list("codename", flat=True)
            ),
        )

    before = snapshot()
    roles.setup_roles()
    assert snapshot() == before

    # A hand-made widening is undone by the next run.
    world = roles.desk("world").section()
    GroupPagePermission.objects.create(
        group=Group.objects.get(name="World reporters"),
        page=world,
        permission_type="publish",
    )
    roles.setup_roles()
    assert snapshot() == before


def test_the_management_command(newsroom, capsys):
    call_command("setup_roles")
    out = capsys.readouterr().out
    assert "22 groups, 10 desk workflows set up." in out
    assert "World reporters" in out and "Administrators" in out


def test_create_demo_users(newsroom, client):
    from django.contrib.auth import get_user_model

    from masthead.newsroom.models import PersonPage

    # The matrix' users share the demo's usernames; start as a fresh site would.
    usernames = [row[1] for row in DEMO_USERS]
    get_user_model().objects.filter(username__in=usernames).delete()
    logins = create_demo_users()
    assert set(logins) == {"reporter", "editor", "chief", "administrator"}
    for username, password in logins.values():
        assert len(password) >= 16
        assert client.login(username=username, password=password)
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        client.logout()
    people = {p.user.username: p for p in PersonPage.objects.filter(user__isnull=False)}
    assert people["world.editor"].title == "Zhao Yinuo"
    assert people["world.editor"].live
    assert "administrator" not in people

    again = create_demo_users()
    assert again["editor"][0] == logins["editor"][0]
    assert again["editor"][1] != logins["editor"][1]  # a fresh password each run
    assert PersonPage.objects.filter(user__username="world.editor").count() == 1

    kept = create_demo_users(passwords={"chief": "kept-between-runs"})
    assert kept["chief"] == ("chief.editor", "kept-between-runs")
    assert client.login(username="chief.editor", password="kept-between-runs")


# -- a World reporter and a Sport draft --------------------------------------------


def test_world_reporter_cannot_see_or_change_a_sport_draft(newsroom, login):
    sport_draft = newsroom.page(OTHER_DESK, "draft")
    world_draft = newsroom.page(OWN_DESK, "draft")
    client = login("reporter")

    # Not in the explorer, the page search or the admin API behind the menu...
    sport = newsroom.sections[OTHER_DESK]
    html = client.get(
        reverse("wagtailadmin_explore", args=[sport.pk]), follow=True
    ).content.decode()
    assert sport_draft.title not in html
    html = client.get(reverse("wagtailadmin_pages:search"), {"q": "zebra"}).content
    assert world_draft.title.encode() in html
    assert sport_draft.title.encode() not in html
    api = client.get(reverse("wagtailadmin_api:pages:listing"), {"search": "zebra"})
    titles = {item["title"] for item in api.json()["items"]}
    assert titles == {world_draft.title}
    detail = reverse("wagtailadmin_api:pages:detail", args=[sport_draft.pk])
    assert client.get(detail).status_code == 404

    # ...nor open in the editor, preview or history...
    for name in ("edit", "view_draft", "history", "revisions_index"):
        response = client.get(
            reverse(f"wagtailadmin_pages:{name}", args=[sport_draft.pk]), follow=True
        )
        assert sport_draft.lead not in response.content.decode(), name
        assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home"), name

    # ...nor change: an edit POST is refused and nothing is saved.
    revisions = sport_draft.revisions.count()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[sport_draft.pk]),
        {"title": "Hijacked", "slug": sport_draft.slug, "action-publish": "1"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("wagtailadmin_home")
    sport_draft.refresh_from_db()
    assert sport_draft.revisions.count() == revisions
    assert sport_draft.title != "Hijacked" and not sport_draft.live


def test_reporter_works_on_own_drafts_only(newsroom, login):
    """Same desk, a colleague's draft: visible in the desk's listing, not editable."""
    from masthead.newsroom.factories import ArticleFactory

    colleague = newsroom.user("colleague")
    theirs = ArticleFactory(
        parent=newsroom.sections[OWN_DESK],
        owner=colleague,
        title="Colleague's draft",
        publish=False,
    )
    reporter = newsroom.user("reporter")
    assert not theirs.permissions_for_user(reporter).can_edit()
    mine = newsroom.page(OWN_DESK, "draft")
    perms = mine.permissions_for_user(reporter)
    assert perms.can_edit() and perms.can_delete() and not perms.can_publish()
    live = newsroom.page(OWN_DESK, "live")
    assert not live.permissions_for_user(reporter).can_delete()  # published: no

    client = login("reporter")
    edit = reverse("wagtailadmin_pages:edit", args=[theirs.pk])
    assert client.get(edit).headers["Location"] == reverse("wagtailadmin_home")
    listing = client.get(
        reverse("wagtailadmin_explore", args=[newsroom.sections[OWN_DESK].pk])
    )
    assert "Colleague&#x27;s draft" in listing.content.decode()


def test_desk_editor_stays_in_the_desk(newsroom):
    editor = newsroom.user("editor")
    world_live = newsroom.page(OWN_DESK, "live")
    sport_live = newsroom.page(OTHER_DESK, "live")
    assert world_live.permissions_for_user(editor).can_unpublish()
    assert world_live.permissions_for_user(editor).can_delete()
    assert not sport_live.permissions_for_user(editor).can_delete()
    assert not sport_live.permissions_for_user(editor).can_publish()
    # No bulk delete: the World section itself cannot go.
    world = newsroom.sections[OWN_DESK]
    assert not world.permissions_for_user(editor).can_delete()
    # Chief editors can.
    assert world.permissions_for_user(newsroom.user("chief")).can_delete()


def test_chooser_hook_hides_other_desks_drafts(newsroom, rf):
    from wagtail.models import Page

    request = rf.get("/")
    request.user = newsroom.user("reporter")
    visible = roles.chooser_pages_for_user(Page.objects.all(), request)
    assert visible.filter(pk=newsroom.pages[OWN_DESK, "draft"].pk).exists()
    assert visible.filter(pk=newsroom.pages[OTHER_DESK, "live"].pk).exists()
    assert not visible.filter(pk=newsroom.pages[OTHER_DESK, "draft"].pk).exists()
    request.user = newsroom.user("administrator")
    visible = roles.chooser_pages_for_user(Page.objects.all(), request)
    assert not visible.filter(live=False).exists()
