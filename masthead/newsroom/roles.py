"""Roles by section: who may write, edit, approve and publish where.

Four kinds of user, made of Django groups and Wagtail's page and collection
permissions (no permission code of our own):

- **<Desk> reporters**: write drafts in their desk's section. Wagtail's `add`
  permission on the section page: a reporter creates pages there, edits and
  submits for review the pages they own, and deletes their own pages while they
  are unpublished. They cannot edit a colleague's draft, publish, or see other
  desks' pages (the explorer, page search, chooser and admin API only list
  pages under a section where the user holds a permission).
- **<Desk> editors**: edit, approve and publish in their desk. `add`, `change`,
  `publish`, `lock` and `unlock` on the section page. No `bulk_delete`: an
  editor deletes single articles of their desk, never a section with its
  children (Wagtail's `change` already implies deleting leaf pages, published
  or not, so there is no narrower grant).
- **Chief editors**: everything editorial. All six page permissions on the
  home page, so every section, region, person and static page.
- **Administrators**: the admin itself: users, groups, sites, collections,
  workflows, redirects and site settings. No page permission at all: running
  the site and choosing what it prints are separate jobs (an administrator who
  must edit pages is also put in Chief editors). Whoever edits groups can grant
  themselves anything, so keep this group small.

Images and documents live in the root collection, shared by every desk:
reporters add and choose (and, as owners, edit their own uploads), editors also
change anyone's, only chief editors delete (a picture may be used by any desk).

A desk is a top-level section or a sub-section of News. The News desk holds the
News section page, so its people also reach Business, Metro, ... below it.

`setup_roles()` is declarative: it makes the groups match this module exactly
(adds what is missing, removes page, collection and model permissions that are
not declared here), so running it again is harmless and re-asserts the policy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.admin.auth import permission_denied
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
)
from wagtail.permission_policies.pages import PagePermissionPolicy

from masthead.newsroom.models import ArticlePage, SectionPage

logger = logging.getLogger(__name__)

# Sub-sections of these top-level sections are desks of their own.
SUBDESK_PARENTS = ("news",)

REPORTER_PAGE_PERMISSIONS = ("add",)
EDITOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
CHIEF_PAGE_PERMISSIONS = ("add", "bulk_delete", "change", "lock", "publish", "unlock")

ACCESS_ADMIN = "wagtailadmin.access_admin"

# "app_label.codename" model permissions per kind of group.
REPORTER_PERMISSIONS = (
    ACCESS_ADMIN,
    "wire.view_wireitem",
    "wire.change_wireitem",  # turn wire copy into a draft in their desk
)
EDITOR_PERMISSIONS = (
    ACCESS_ADMIN,
    "wire.view_wireitem",
    "wire.add_wireitem",
    "wire.change_wireitem",
    "newsroom.add_videoclip",
    "newsroom.change_videoclip",
)
CHIEF_PERMISSIONS = (
    ACCESS_ADMIN,
    "wire.view_wireitem",
    "wire.add_wireitem",
    "wire.change_wireitem",
    "newsroom.add_videoclip",
    "newsroom.change_videoclip",
    "newsroom.delete_videoclip",
    "newsroom.add_source",
    "newsroom.change_source",
    "newsroom.delete_source",
)
ADMINISTRATOR_PERMISSIONS = (
    ACCESS_ADMIN,
    "auth.add_user",
    "auth.change_user",
    "auth.delete_user",
    "auth.add_group",
    "auth.change_group",
    "auth.delete_group",
    "wagtailcore.add_site",
    "wagtailcore.change_site",
    "wagtailcore.delete_site",
    "wagtailcore.add_collection",
    "wagtailcore.change_collection",
    "wagtailcore.delete_collection",
    "wagtailcore.add_workflow",
    "wagtailcore.change_workflow",
    "wagtailcore.delete_workflow",
    "wagtailcore.add_task",
    "wagtailcore.change_task",
    "wagtailcore.delete_task",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
    "core.change_sitesettings",
)

# Collection permissions (on the root collection), by codename. Wagtail's
# collection policy reads "delete" as "change" (whoever may edit an image may
# delete it) and "add" as "change your own uploads", so there is no separate
# delete grant: editors and chief editors edit and delete any image/document,
# reporters only their own. Administrators may choose (site settings need it).
REPORTER_MEDIA = ("add_image", "choose_image", "add_document", "choose_document")
EDITOR_MEDIA = REPORTER_MEDIA + ("change_image", "change_document")
CHIEF_MEDIA = EDITOR_MEDIA
ADMINISTRATOR_MEDIA = ("choose_image", "choose_document")

CHIEF_EDITORS = "Chief editors"
ADMINISTRATORS = "Administrators"


@dataclass(frozen=True)
class Desk:
    title: str
    slug: str
    parent_slug: str | None  # None: a top-level section under the home page

    @property
    def reporters(self) -> str:
        return f"{self.title} reporters"

    @property
    def editors(self) -> str:
        return f"{self.title} editors"

    def section(self, home: Page | None = None):
        """The desk's SectionPage, or None when the site tree lacks it."""
        home = home or home_page()
        if home is None:
            return None
        parent = home
        if self.parent_slug:
            parent = (
                SectionPage.objects.child_of(home).filter(slug=self.parent_slug).first()
            )
            if parent is None:
                return None
        return SectionPage.objects.child_of(parent).filter(slug=self.slug).first()


def desks(home: Page | None = None) -> list[Desk]:
    """Every desk, in the order of the page tree: each section page under the
    home page, followed by its sub-sections when it is one of SUBDESK_PARENTS.
    A newsroom with other sections has other desks; none without a home page."""
    home = home or home_page()
    if home is None:
        return []
    result = []
    for section in SectionPage.objects.child_of(home).order_by("path"):
        result.append(Desk(section.title, section.slug, None))
        if section.slug in SUBDESK_PARENTS:
            result.extend(
                Desk(child.title, child.slug, section.slug)
                for child in SectionPage.objects.child_of(section).order_by("path")
            )
    return result


def desk(slug: str) -> Desk:
    for d in desks():
        if d.slug == slug:
            return d
    raise KeyError(slug)


def home_page() -> Page | None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else None


def _permissions(names) -> list[Permission]:
    wanted = {tuple(n.split(".", 1)) for n in names}
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in=[c for _, c in wanted]
        )
    }
    missing = wanted - found.keys()
    if missing:
        raise LookupError(
            "Unknown permissions (migrations not run?): "
            + ", ".join(sorted(".".join(m) for m in missing))
        )
    return [found[w] for w in sorted(wanted)]


def _page_permissions(actions) -> list[Permission]:
    return _permissions(f"wagtailcore.{a}_page" for a in actions)


def _media_permissions(codenames) -> list[Permission]:
    apps = {"image": "wagtailimages", "document": "wagtaildocs"}
    names = []
    for codename in codenames:
        model = codename.rsplit("_", 1)[1]
        names.append(f"{apps[model]}.{codename}")
    return _permissions(names)


def _sync_group(
    name: str,
    model_perms,
    page_perms: dict[Page, tuple[str, ...]],
    media_perms,
    root_collection: Collection,
) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.set(_permissions(model_perms))

    wanted_pages = {
        (page.pk, perm.pk)
        for page, actions in page_perms.items()
        for perm in _page_permissions(actions)
    }
    existing = GroupPagePermission.objects.filter(group=group)
    existing.exclude(
        pk__in=[
            gpp.pk
            for gpp in existing
            if (gpp.page_id, gpp.permission_id) in wanted_pages
        ]
    ).delete()
    for page_id, perm_id in sorted(wanted_pages):
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page_id, permission_id=perm_id
        )

    media = _media_permissions(media_perms)
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=root_collection, permission__in=media
    ).delete()
    for perm in media:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=perm
        )
    return group


@transaction.atomic
def setup_roles() -> dict[str, Group]:
    """Make (or bring back to policy) every role group. Returns them by name.

    Desks whose section page does not exist yet get their groups without page
    permissions (and a warning); run again once the section pages exist.
    """
    home = home_page()
    root_collection = Collection.get_first_root_node()
    groups: dict[str, Group] = {}
    for d in desks(home):
        section = d.section(home)
        if section is None:
            logger.warning("No section page for desk %r: no page permission", d.slug)
        for name, perms, actions, media in (
            (
                d.reporters,
                REPORTER_PERMISSIONS,
                REPORTER_PAGE_PERMISSIONS,
                REPORTER_MEDIA,
            ),
            (d.editors, EDITOR_PERMISSIONS, EDITOR_PAGE_PERMISSIONS, EDITOR_MEDIA),
        ):
            pages = {section: actions} if section else {}
            groups[name] = _sync_group(name, perms, pages, media, root_collection)
    groups[CHIEF_EDITORS] = _sync_group(
        CHIEF_EDITORS,
        CHIEF_PERMISSIONS,
        {home: CHIEF_PAGE_PERMISSIONS} if home else {},
        CHIEF_MEDIA,
        root_collection,
    )
    groups[ADMINISTRATORS] = _sync_group(
        ADMINISTRATORS,
        ADMINISTRATOR_PERMISSIONS,
        {},
        ADMINISTRATOR_MEDIA,
        root_collection,
    )
    return groups


# -- admin hooks ------------------------------------------------------------------
# Two holes Wagtail 8.0 leaves in "a reporter cannot see another desk's drafts".
# They are plain functions so that they are active only where they are
# registered, in the newsroom's wagtail hooks module:
#   hooks.register("construct_page_chooser_queryset", roles.chooser_pages_for_user)
#   hooks.register("before_move_page", roles.deny_move_without_permission)


def chooser_pages_for_user(pages, request):
    """Page chooser: published pages (anyone may link to them), and the
    unpublished ones only where the user may work (their desks)."""

    user = request.user
    if user.is_superuser or explores_every_site(user):
        return pages  # every page is explorable: no subquery per listing
    explorable = PagePermissionPolicy().explorable_instances(user)
    return pages.filter(Q(live=True) | Q(pk__in=explorable.values("pk")))


# Wagtail's explorable actions (PagePermissionPolicy.explorable_instances).
EXPLORE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}


def explores_everything_below(user, page: Page) -> bool:
    """True if Wagtail would let `user` explore every page below `page`: a
    page permission on `page` or an ancestor (explorable_instances then holds
    that page's whole subtree)."""
    if not (user.is_active and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    for grant in PagePermissionPolicy().get_cached_permissions_for_user(user):
        action = grant.permission.codename.removesuffix("_page")
        if action in EXPLORE_ACTIONS and page.path.startswith(grant.page.path):
            return True
    return False


def explores_every_site(user) -> bool:
    """Wagtail would let `user` explore every page (chief editors): a page
    permission on or above every top-level page."""
    tops = list(Page.objects.filter(depth=2).only("path"))
    return bool(tops) and all(explores_everything_below(user, top) for top in tops)


def deny_move_without_permission(request, page, destination):
    """Wagtail's move confirmation page checks nothing on GET and shows the
    page's title; answer it as any other forbidden admin view."""

    if not page.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None


def sees_whole_tree(user) -> bool:
    """Superusers and whoever edits the home page (so, by inheritance, every
    page): chief editors. Screens that list the whole tree are theirs alone."""
    if not (user.is_active and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    home = home_page()
    return home is not None and home.permissions_for_user(user).can_edit()


# -- page types -------------------------------------------------------------------
# Wagtail offers every type a parent allows to anyone who may add below it;
# `can_create_at` knows no user. Reporters write articles: sections and special
# reports shape the site, so only those who may publish there make them.


def may_create_page_type(user, parent, page_class) -> bool:

    if user.is_superuser or issubclass(page_class, ArticlePage):
        return True
    return parent.permissions_for_user(user).can_publish_subpage()


def page_types_for_user(user, parent, page_classes):
    return [cls for cls in page_classes if may_create_page_type(user, parent, cls)]


def deny_page_type_without_permission(request, parent_page, page_class):
    """`before_create_page`: the create form refuses what the chooser hides."""

    if not may_create_page_type(request.user, parent_page, page_class):
        return permission_denied(request)
    return None
