"""Every role against every admin endpoint that reaches a page, an image or a document.

How the matrix is made
----------------------
The endpoints are not listed by hand: `admin_endpoints()` walks the URLconf that
`masthead.urls` includes at /admin/ (Wagtail's admin URLs plus everything our
apps register through `register_admin_urls`) and keeps each pattern that

- takes a page id (a URL argument whose name contains "page", e.g. `page_id`,
  `parent_page_id`, `page_to_move_id`, `page_pk`), or lives in a page namespace
  (`wagtailadmin_pages:`, `wagtailadmin_api:pages:`, the explorer, the page
  chooser): group "page";
- lives in an image or document namespace (admin views, choosers, admin API),
  or takes an `image_id` / `doc_id` / `document_id`: groups "image" and "document".

Each such URL name must have a rule in POLICY, keyed by URL name;
`test_every_endpoint_is_classified` fails on a new endpoint that has none, so a
Wagtail upgrade or a new hook cannot add an unreviewed way in.

A rule says which object the URL is pointed at (a draft, a live article, an
article in review, the desk's section page, an image...), how it is requested,
and what each role may do: "all" (allowed in both desks), "desk" (allowed on
the role's own desk only, denied on the other) or "none". Desk roles work on
World; "other" is Sport. For images and documents, "own" is a file the acting
user uploaded and "other" one a Sport reporter uploaded.

Allowed and denied, precisely
-----------------------------
- allowed: 200, or a 302 that is neither to the admin login nor to the admin
  dashboard with Wagtail's permission message (e.g. the explorer after a lock).
- denied: 403; 404 (the object is not visible to the user, e.g. the admin API);
  a 302 to the admin login; or a 302 to the admin dashboard carrying
  "Sorry, you do not have permission to access this area." (what
  `wagtail.admin.auth.permission_denied` answers to a browser).
  Anything else (405, 400, 500, a dashboard redirect without the message)
  fails the test as an unclassified outcome.
- listings (explorer, page search, chooser, admin API listing, image and
  document indexes) answer 200 to everybody; for them, "allowed" means the
  target's title is in the (followed) response and "denied" that it is not.

Page bulk actions (/admin/bulk/wagtailcore/page/<action>/) carry ids in the
query string, so the walk cannot see them; they are enumerated from Wagtail's
bulk action registry instead, must each have a rule in BULK_POLICY, and are
judged by their effect on the page.

KNOWN_GAPS lists the cases where the running code does not yet do what POLICY
says (with why); they run as strict expected failures.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern
from wagtail.admin import urls as wagtailadmin_urls

from .conftest import OTHER_DESK, OWN_DESK

pytestmark = pytest.mark.django_db

ROLES = ("reporter", "editor", "chief", "administrator")
PERMISSION_MESSAGE = "Sorry, you do not have permission to access this area."

PAGE_NAMESPACES = ("wagtailadmin_pages", "wagtailadmin_api:pages")
PAGE_NAME_PREFIXES = ("wagtailadmin_explore", "wagtailadmin_choose_page")
IMAGE_NAMESPACES = ("wagtailimages", "wagtailimages_chooser", "wagtailadmin_api:images")
DOCUMENT_NAMESPACES = (
    "wagtaildocs",
    "wagtaildocs_chooser",
    "wagtailadmin_api:documents",
)


# -- the URLconf walk ------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    name: str  # "namespace:name", as reverse() takes it
    route: str
    kwargs: tuple[str, ...]
    group: str  # "page", "image" or "document"


def _kwarg_names(pattern) -> list[str]:
    if isinstance(pattern, RoutePattern):
        return list(pattern.converters)
    return list(pattern.regex.groupindex)


def _walk(resolver, prefix="", namespace="", kwargs=()):
    for p in resolver.url_patterns:
        names = [*kwargs, *_kwarg_names(p.pattern)]
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _walk(p, prefix + str(p.pattern), ns, names)
        elif isinstance(p, URLPattern) and p.name:
            name = f"{namespace}:{p.name}" if namespace else p.name
            yield name, prefix + str(p.pattern), tuple(names)


def _admin_resolver():
    for p in get_resolver().url_patterns:
        if isinstance(p, URLResolver) and p.urlconf_name is wagtailadmin_urls:
            return p
    raise AssertionError("wagtail.admin.urls is not included in the root URLconf")


def _group(name: str, kwargs) -> str | None:
    namespace = name.rpartition(":")[0]
    if any(namespace == ns or namespace.startswith(ns + ":") for ns in PAGE_NAMESPACES):
        return "page"
    if name.startswith(PAGE_NAME_PREFIXES) or any("page" in k for k in kwargs):
        return "page"
    if namespace in IMAGE_NAMESPACES or "image_id" in kwargs:
        return "image"
    if namespace in DOCUMENT_NAMESPACES or {"doc_id", "document_id"} & set(kwargs):
        return "document"
    return None


def admin_endpoints() -> dict[str, Endpoint]:
    admin = _admin_resolver()
    found = {}
    for name, route, kwargs in _walk(admin, prefix=str(admin.pattern)):
        group = _group(name, kwargs)
        if group and name not in found:  # first pattern wins, as in reverse()
            found[name] = Endpoint(name, route, kwargs, group)
    return found


# -- the policy ------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """What one endpoint may do, per role. See the module docstring."""

    target: str | None  # "draft", "live", "review", "alias", "section",
    # "image", "document", "upload": what the URL points at; None: no object
    reporter: str
    editor: str
    chief: str
    administrator: str
    method: str = "GET"
    listed: bool = False  # a listing: check the target's title is (not) shown
    query: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    json: bool = False
    action_name: str = "approve"
    redirects_to: str = ""  # a URL name: every role is sent there (same object)
    why: str = ""

    def expected(self, role: str, desk: str) -> bool:
        scope = getattr(self, role)
        assert scope in ("all", "desk", "none"), scope
        return scope == "all" or (scope == "desk" and desk == "own")


EDIT = dict(reporter="desk", editor="desk", chief="all", administrator="none")
PUBLISH = dict(reporter="none", editor="desk", chief="all", administrator="none")
NOBODY = dict(reporter="none", editor="none", chief="none", administrator="none")
EDITORIAL = dict(reporter="all", editor="all", chief="all", administrator="none")
EVERYONE = dict(reporter="all", editor="all", chief="all", administrator="all")
# Images and documents: "desk" reads "the acting user's own upload".
MEDIA_OWNER = dict(reporter="desk", editor="all", chief="all", administrator="none")
# Multiple-upload leftovers: only the user who uploaded them may use them
# (Wagtail checks ownership; one needs "add" to have uploaded at all).
UPLOADER = dict(reporter="desk", editor="desk", chief="desk", administrator="desk")
MEDIA_CHOOSE = dict(reporter="all", editor="all", chief="all", administrator="all")
ZEBRA = {"q": "zebra"}  # every draft's title has it

POLICY: dict[str, Rule] = {
    # The explorer and page search list only pages under the user's desks.
    "wagtailadmin_explore_root": Rule(None, **EDITORIAL),
    "wagtailadmin_explore": Rule("section", **EDIT, listed=True),
    "wagtailadmin_explore_results": Rule("section", **EDIT, listed=True),
    "wagtailadmin_pages:search": Rule("draft", **EDIT, listed=True, query=ZEBRA),
    "wagtailadmin_pages:search_results": Rule(
        "draft", **EDIT, listed=True, query=ZEBRA
    ),
    "wagtailadmin_pages:type_use": Rule("draft", **EDIT, listed=True),
    "wagtailadmin_pages:type_use_results": Rule("draft", **EDIT, listed=True),
    "wagtailadmin_pages:choose_parent": Rule(
        None, **EVERYONE, why="lists only the sections the user may add to"
    ),
    # Writing.
    "wagtailadmin_pages:add": Rule("section", **EDIT),
    "wagtailadmin_pages:preview_on_add": Rule("section", **EDIT),
    "wagtailadmin_pages:add_subpage": Rule("section", **EDIT),
    "wagtailadmin_pages:edit": Rule("draft", **EDIT),
    "wagtailadmin_pages:preview_on_edit": Rule("draft", **EDIT),
    "wagtailadmin_pages:view_draft": Rule("draft", **EDIT),
    "wagtailadmin_pages:usage": Rule("draft", **EDIT),
    "wagtailadmin_pages:copy": Rule("draft", **EDIT),
    "wagtailadmin_pages:convert_alias": Rule("alias", **PUBLISH),
    # A reporter deletes and moves their own unpublished drafts, inside the desk.
    "wagtailadmin_pages:delete": Rule("draft", **EDIT),
    "wagtailadmin_pages:move": Rule("draft", **EDIT),
    "wagtailadmin_pages:move_confirm": Rule("draft", **EDIT),
    "wagtailadmin_pages:set_page_position": Rule(
        "draft", **PUBLISH, method="POST", query={"position": "0"}
    ),
    # Publishing and its relatives.
    "wagtailadmin_pages:unpublish": Rule("live", **PUBLISH),
    "wagtailadmin_pages:set_privacy": Rule("draft", **PUBLISH),
    "wagtailadmin_pages:lock": Rule("draft", **PUBLISH, method="POST"),
    "wagtailadmin_pages:unlock": Rule("draft", **PUBLISH, method="POST"),
    "newsroom_takedown": Rule("live", **PUBLISH),
    # Sending a live article to the alert list: for those who may publish it.
    "newsletter_send_alert": Rule("live", **PUBLISH),
    # Revisions and history.
    "wagtailadmin_pages:revisions_index": Rule(
        "draft", **EVERYONE, redirects_to="wagtailadmin_pages:history"
    ),
    "wagtailadmin_pages:revisions_view": Rule("draft", **EDIT),
    "wagtailadmin_pages:revisions_revert": Rule("draft", **EDIT),
    "wagtailadmin_pages:revisions_compare": Rule("draft", **EDIT),
    "wagtailadmin_pages:revisions_unschedule": Rule("live", **PUBLISH),
    "wagtailadmin_pages:history": Rule("draft", **EDIT),
    "wagtailadmin_pages:history_results": Rule("draft", **EDIT),
    # Review: the desk's editors (and chief editors) moderate.
    "wagtailadmin_pages:workflow_action": Rule(
        "review", **PUBLISH, method="POST", data={"comment": "Fine."}
    ),
    "wagtailadmin_pages:collect_workflow_action_data": Rule("review", **PUBLISH),
    "wagtailadmin_pages:workflow_preview": Rule("review", **PUBLISH),
    "wagtailadmin_pages:confirm_workflow_cancellation": Rule(
        "review",
        **EVERYONE,
        why="a modal that acts on nothing and shows only the workflow's name",
    ),
    "wagtailadmin_pages:workflow_history": Rule("review", **EDIT),
    "wagtailadmin_pages:workflow_history_detail": Rule("review", **EDIT),
    # Removing a section's workflow is the administrators' job.
    "wagtailadmin_workflows:remove": Rule(
        "section",
        reporter="none",
        editor="none",
        chief="none",
        administrator="all",
        method="POST",
    ),
    # The page chooser: published pages may be linked from anywhere; drafts
    # of another desk are not shown (roles.chooser_pages_for_user).
    "wagtailadmin_choose_page": Rule(None, **EVERYONE),
    "wagtailadmin_choose_page_child": Rule("section", **EDIT, listed=True),
    "wagtailadmin_choose_page_search": Rule("draft", **EDIT, listed=True, query=ZEBRA),
    "wagtailadmin_choose_page_chosen_multiple": Rule("draft", **EDIT, listed=True),
    "wagtailadmin_choose_page_external_link": Rule(None, **EVERYONE),
    "wagtailadmin_choose_page_email_link": Rule(None, **EVERYONE),
    "wagtailadmin_choose_page_phone_link": Rule(None, **EVERYONE),
    "wagtailadmin_choose_page_anchor_link": Rule(None, **EVERYONE),
    # Form submissions: no form pages in the newsroom, 404 for an article.
    "wagtailforms:list_submissions": Rule("draft", **NOBODY, why="not a form page"),
    "wagtailforms:list_submissions_results": Rule("draft", **NOBODY),
    "wagtailforms:delete_submissions": Rule("draft", **NOBODY),
    # The admin API behind the explorer menu: same visibility as the explorer.
    "wagtailadmin_api:pages:listing": Rule(
        "draft", **EDIT, listed=True, query={"search": "zebra"}
    ),
    "wagtailadmin_api:pages:detail": Rule("draft", **EDIT),
    "wagtailadmin_api:pages:find": Rule("draft", **EDIT, listed=True),
    "wagtailadmin_api:pages:action": Rule(
        "draft", **PUBLISH, method="POST", json=True, action_name="publish"
    ),
    # Images: shared by every desk; "desk" = the acting user's own upload.
    "wagtailimages:index": Rule("image", **MEDIA_OWNER, listed=True),
    "wagtailimages:index_results": Rule("image", **MEDIA_OWNER, listed=True),
    "wagtailimages:add": Rule(None, **EDITORIAL),
    "wagtailimages:edit": Rule("image", **MEDIA_OWNER),
    "wagtailimages:delete": Rule("image", **MEDIA_OWNER),
    "wagtailimages:url_generator": Rule(
        "image", **NOBODY, why="no wagtailimages_serve view: 404 for all"
    ),
    "wagtailimages:url_generator_output": Rule("image", **NOBODY),
    "wagtailimages:preview": Rule("image", **MEDIA_OWNER),
    "wagtailimages:image_usage": Rule("image", **MEDIA_OWNER),
    "wagtailimages:add_multiple": Rule(None, **EDITORIAL),
    "wagtailimages:edit_multiple": Rule("image", **MEDIA_OWNER, method="POST"),
    "wagtailimages:delete_multiple": Rule("image", **MEDIA_OWNER, method="POST"),
    "wagtailimages:create_multiple_from_uploaded_image": Rule(
        "upload", **UPLOADER, method="POST"
    ),
    "wagtailimages:delete_upload_multiple": Rule("upload", **UPLOADER, method="POST"),
    "wagtailimages_chooser:choose": Rule(None, **MEDIA_CHOOSE),
    "wagtailimages_chooser:choose_results": Rule(None, **MEDIA_CHOOSE),
    "wagtailimages_chooser:chosen": Rule("image", **MEDIA_CHOOSE),
    "wagtailimages_chooser:chosen_multiple": Rule("image", **MEDIA_CHOOSE),
    "wagtailimages_chooser:create": Rule(None, **EDITORIAL),
    "wagtailimages_chooser:select_format": Rule("image", **MEDIA_CHOOSE),
    "wagtailadmin_api:images:listing": Rule("image", **MEDIA_CHOOSE, listed=True),
    "wagtailadmin_api:images:detail": Rule("image", **MEDIA_CHOOSE),
    "wagtailadmin_api:images:find": Rule("image", **MEDIA_CHOOSE, listed=True),
    # Documents: the same policy as images.
    "wagtaildocs:index": Rule("document", **MEDIA_OWNER, listed=True),
    "wagtaildocs:index_results": Rule("document", **MEDIA_OWNER, listed=True),
    "wagtaildocs:add": Rule(None, **EDITORIAL),
    "wagtaildocs:edit": Rule("document", **MEDIA_OWNER),
    "wagtaildocs:delete": Rule("document", **MEDIA_OWNER),
    "wagtaildocs:add_multiple": Rule(None, **EDITORIAL),
    "wagtaildocs:edit_multiple": Rule("document", **MEDIA_OWNER, method="POST"),
    "wagtaildocs:create_multiple_from_uploaded_document": Rule(
        "upload", **UPLOADER, method="POST"
    ),
    "wagtaildocs:delete_multiple": Rule("document", **MEDIA_OWNER, method="POST"),
    "wagtaildocs:delete_upload_multiple": Rule("upload", **UPLOADER, method="POST"),
    "wagtaildocs:document_usage": Rule("document", **MEDIA_OWNER),
    "wagtaildocs_chooser:choose": Rule(None, **MEDIA_CHOOSE),
    "wagtaildocs_chooser:choose_results": Rule(None, **MEDIA_CHOOSE),
    "wagtaildocs_chooser:chosen": Rule("document", **MEDIA_CHOOSE),
    "wagtaildocs_chooser:chosen_multiple": Rule("document", **MEDIA_CHOOSE),
    "wagtaildocs_chooser:create": Rule(None, **EDITORIAL),
    "wagtailadmin_api:documents:listing": Rule("document", **MEDIA_CHOOSE, listed=True),
    "wagtailadmin_api:documents:detail": Rule("document", **MEDIA_CHOOSE),
    "wagtailadmin_api:documents:find": Rule("document", **MEDIA_CHOOSE, listed=True),
}


def _denied_cases(name):
    rule = POLICY[name]
    return [
        (name, role, desk)
        for role in ROLES
        for desk in ("own", "other")
        if not rule.expected(role, desk)
    ]


def _allowed_cases(name):
    rule = POLICY[name]
    return [
        (name, role, desk)
        for role in ROLES
        for desk in ("own", "other")
        if rule.expected(role, desk)
    ]


def known_gaps() -> dict[tuple[str, str, str], str]:
    """(URL name, role, desk) cases where the running code does not yet do what
    POLICY says. Each runs as a strict expected failure with its reason: when it
    starts to pass (the fix landed), the entry must go."""
    from wagtail import hooks

    from masthead.newsroom import roles

    gaps = {}
    if roles.chooser_pages_for_user not in hooks.get_hooks(
        "construct_page_chooser_queryset"
    ):
        why = (
            "the page chooser lists every page, drafts of other desks too: register "
            "roles.chooser_pages_for_user as construct_page_chooser_queryset"
        )
        for name in (
            "wagtailadmin_choose_page_child",
            "wagtailadmin_choose_page_search",
        ):
            gaps.update(dict.fromkeys(_denied_cases(name), why))
    if roles.deny_move_without_permission not in hooks.get_hooks("before_move_page"):
        why = (
            "the move confirmation answers 200 with the page's title to anyone: "
            "register roles.deny_move_without_permission as before_move_page"
        )
        gaps.update(
            dict.fromkeys(_denied_cases("wagtailadmin_pages:move_confirm"), why)
        )
    gaps.update(
        dict.fromkeys(
            _allowed_cases("wagtaildocs:create_multiple_from_uploaded_document"),
            "Wagtail 8.0: documents never make an UploadedFile, and this view "
            "crashes (500, 'DocumentForm has no field named file') for its owner; "
            "no permission issue",
        )
    )
    return gaps


KNOWN_GAPS = known_gaps()


# -- the cases -------------------------------------------------------------------

ENDPOINTS = admin_endpoints()


def _cases():
    for name in sorted(ENDPOINTS):
        rule = POLICY.get(name)
        if rule is None:
            continue  # test_every_endpoint_is_classified reports it
        desks = ("own", "other") if rule.target else ("-",)
        for role in ROLES:
            for desk in desks:
                if (rule.target, role, desk) == ("upload", "administrator", "own"):
                    continue  # no "add" permission: an administrator has no uploads
                marks = []
                gap = KNOWN_GAPS.get((name, role, desk))
                if gap:
                    marks.append(pytest.mark.xfail(reason=gap, strict=True))
                yield pytest.param(
                    name, role, desk, id=f"{name}-{role}-{desk}", marks=marks
                )


def test_every_endpoint_is_classified():
    missing = sorted(set(ENDPOINTS) - set(POLICY))
    assert not missing, (
        "Admin endpoints that reach pages, images or documents and have no rule "
        f"in POLICY (add one, after deciding who may use them): {missing}"
    )
    stale = sorted(set(POLICY) - set(ENDPOINTS))
    assert not stale, f"POLICY rules for endpoints that no longer exist: {stale}"


def test_the_walk_finds_the_endpoints_the_issue_names():
    for name in (
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:view_draft",
        "wagtailadmin_pages:revisions_index",
        "wagtailadmin_pages:revisions_compare",
        "wagtailadmin_pages:history",
        "wagtailadmin_pages:copy",
        "wagtailadmin_pages:delete",
        "wagtailadmin_pages:move",
        "wagtailadmin_api:pages:listing",
        "wagtailadmin_api:images:listing",
        "wagtailadmin_api:documents:listing",
        "wagtailimages:edit",
        "wagtaildocs:edit",
    ):
        assert name in ENDPOINTS, name


# -- building a request ----------------------------------------------------------


def _subject(newsroom, endpoint: Endpoint, rule: Rule, role: str, desk: str):
    desk_slug = {"own": OWN_DESK, "other": OTHER_DESK}.get(desk)
    if rule.target in ("image", "document", "upload"):
        store = {
            "image": newsroom.images,
            "document": newsroom.documents,
            "upload": newsroom.uploads.get(endpoint.group),
        }[rule.target]
        return store[role if desk == "own" else "other"]
    if rule.target == "section":
        return newsroom.sections[desk_slug]
    if rule.target:
        return newsroom.page(desk_slug, rule.target)
    return None


def _marker(newsroom, rule: Rule, subject, desk: str) -> str:
    if rule.target == "section":
        desk_slug = {"own": OWN_DESK, "other": OTHER_DESK}[desk]
        return newsroom.page(desk_slug, "draft").title
    return subject.title if hasattr(subject, "title") else str(subject.pk)


def _fill(kwarg: str, endpoint: Endpoint, rule: Rule, subject):
    if kwarg in ("page_id", "parent_page_id", "page_to_move_id", "page_pk"):
        return subject.pk
    if kwarg in ("pk", "image_id", "doc_id", "document_id", "uploaded_file_id"):
        return subject.pk
    if kwarg == "destination_id":
        return subject.get_parent().pk
    if kwarg == "revision_id":
        return subject.latest_revision_id
    if kwarg == "revision_id_a":
        return "earliest"
    if kwarg == "revision_id_b":
        return "latest"
    if kwarg == "task_state_id":
        return subject.current_workflow_task_state.pk
    if kwarg == "task_id":
        return subject.current_workflow_task.pk
    if kwarg == "workflow_state_id":
        return subject.current_workflow_state.pk
    if kwarg == "action_name":
        return rule.action_name
    if kwarg in ("content_type_app_name", "app_label", "app_name"):
        return "newsroom"
    if kwarg in ("content_type_model_name", "model_name"):
        return "articlepage"
    if kwarg == "filter_spec":
        return "original"
    raise AssertionError(f"{endpoint.name}: no value for URL argument {kwarg!r}")


def _url(endpoint: Endpoint, rule: Rule, subject) -> tuple[str, dict]:
    kwargs = {k: _fill(k, endpoint, rule, subject) for k in endpoint.kwargs}
    query = dict(rule.query)
    if endpoint.name.endswith(("chosen_multiple", ":find")) and subject is not None:
        query["id"] = str(subject.pk)
    return reverse(endpoint.name, kwargs=kwargs), query


# -- judging a response ----------------------------------------------------------


def _messages(response) -> list[str]:
    storage = getattr(response.wsgi_request, "_messages", None)
    return [str(m) for m in getattr(storage, "_queued_messages", [])]


def outcome(response) -> str:
    """'allowed', 'denied' or a description of an unclassified answer."""
    status = response.status_code
    if status == 200:
        return "allowed"
    if status in (403, 404):
        return "denied"
    if status == 302:
        location = response.headers["Location"].split("?")[0]
        match = resolve(location)
        if match.view_name == "wagtailadmin_login":
            return "denied"
        if match.view_name == "wagtailadmin_home":
            if any(m.strip() == PERMISSION_MESSAGE for m in _messages(response)):
                return "denied"
            return f"302 to the dashboard without the permission message: {_messages(response)}"
        return "allowed"
    return f"unclassified status {status}"


def listed_outcome(response, marker: str) -> str:
    if response.status_code != 200:
        return "denied" if outcome(response) == "denied" else outcome(response)
    body = response.content.decode()
    if response.headers.get("Content-Type", "").startswith("application/json"):
        body = json.dumps(response.json())
    return "allowed" if marker in body else "denied"


@pytest.mark.parametrize(("name", "role", "desk"), list(_cases()))
def test_role_reaches_only_what_it_should(name, role, desk, newsroom, login):
    endpoint, rule = ENDPOINTS[name], POLICY[name]
    client = login(role)
    subject = _subject(newsroom, endpoint, rule, role, desk)
    url, query = _url(endpoint, rule, subject)
    if rule.method == "POST":
        if rule.json:
            url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
            response = client.post(url, "{}", content_type="application/json")
        else:
            response = client.post(url + _qs(query), rule.data)
    else:
        response = client.get(url, query, follow=rule.listed)
    if rule.redirects_to:
        assert response.status_code == 302
        match = resolve(response.headers["Location"].split("?")[0])
        assert match.view_name == rule.redirects_to
        assert subject.pk in [int(v) for v in match.kwargs.values()]
        return
    if rule.listed:
        got = listed_outcome(response, _marker(newsroom, rule, subject, desk))
    else:
        got = outcome(response)
    want = "allowed" if rule.expected(role, desk) else "denied"
    assert got == want, (
        f"{role} on {desk} desk: {rule.method} {url} {query} answered "
        f"{response.status_code} {response.headers.get('Location', '')}"
    )


def _qs(query: dict) -> str:
    if not query:
        return ""
    return "?" + "&".join(f"{k}={v}" for k, v in query.items())


def test_matrix_size_is_what_the_policy_declares():
    """A guard against a walk that silently finds nothing."""
    assert len(ENDPOINTS) >= 60
    assert sum(1 for _ in _cases()) >= 400
    assert re.match(r"^admin/", next(iter(ENDPOINTS.values())).route)


# -- bulk actions ----------------------------------------------------------------
# /admin/bulk/<app>/<model>/<action>/?id=... acts on many pages at once; it takes
# no page id in its route, so the walk cannot see it. Every bulk action
# registered for pages must have a rule here, judged by its effect (the page
# changed or not) since Wagtail answers 302 either way and skips what the user
# may not touch.

BULK_POLICY: dict[str, Rule] = {
    "publish": Rule("draft", **PUBLISH, method="POST"),
    "unpublish": Rule("live", **PUBLISH, method="POST"),
    "delete": Rule("draft", **EDIT, method="POST"),
    # Across desks: World's draft to Sport, Sport's draft to World.
    "move": Rule(
        "draft", reporter="none", editor="none", chief="all", administrator="none"
    ),
}


def page_bulk_actions() -> set[str]:
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    actions = bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")
    return {action.action_type for action in actions}


def test_every_page_bulk_action_is_classified():
    assert page_bulk_actions() == set(BULK_POLICY)


def _effect(action, page, destination) -> bool:
    from wagtail.models import Page

    current = Page.objects.filter(pk=page.pk).first()
    if action == "delete":
        return current is None
    if action == "publish":
        return current.live
    if action == "unpublish":
        return not current.live
    return current.get_parent().pk == destination.pk


@pytest.mark.parametrize(
    ("action", "role", "desk"),
    [(a, r, d) for a in sorted(BULK_POLICY) for r in ROLES for d in ("own", "other")],
)
def test_bulk_actions_reach_only_what_they_should(action, role, desk, newsroom, login):
    rule = BULK_POLICY[action]
    desk_slug, elsewhere = (
        (OWN_DESK, OTHER_DESK) if desk == "own" else (OTHER_DESK, OWN_DESK)
    )
    page = newsroom.page(desk_slug, rule.target)
    destination = newsroom.sections[elsewhere]
    client = login(role)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    data = {"chooser": destination.pk} if action == "move" else {}
    client.post(f"{url}?id={page.pk}", data)
    assert _effect(action, page, destination) == rule.expected(role, desk)


# -- what the bulk-action confirmations and the reports show -----------------------
# The confirmation page (GET) of a bulk action lists every id it was given, the
# ones the user may not act on too, with their titles; and the page-types-usage
# report names the last edited page of each type. Neither may show a title the
# user cannot see in the explorer. Seeing: the desk roles their own desk, chief
# editors everything, administrators no page at all.
SEES = dict(reporter="desk", editor="desk", chief="all", administrator="none")


def _sees(role: str, desk: str) -> bool:
    return SEES[role] == "all" or (SEES[role] == "desk" and desk == "own")


@pytest.mark.parametrize(
    ("action", "role", "desk"),
    [(a, r, d) for a in sorted(BULK_POLICY) for r in ROLES for d in ("own", "other")],
)
def test_bulk_action_confirmation_shows_only_visible_titles(
    action, role, desk, newsroom, login
):
    draft = newsroom.page(OWN_DESK if desk == "own" else OTHER_DESK, "draft")
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    response = login(role).get(url, {"id": draft.pk})

    shown = response.status_code == 200 and draft.title in response.content.decode()
    assert shown == _sees(role, desk), (role, desk, response.status_code)
    if not shown:
        assert outcome(response) == "denied", response.status_code


def test_bulk_confirmation_of_visible_and_hidden_ids_lists_only_the_visible(
    newsroom, login
):
    own = newsroom.page(OWN_DESK, "draft")
    other = newsroom.page(OTHER_DESK, "draft")
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    body = login("reporter").get(f"{url}?id={own.pk}&id={other.pk}").content.decode()

    assert own.title in body
    assert other.title not in body


def _business_draft(newsroom):
    from masthead.newsroom.roles import desk

    from .conftest import _article

    business = desk("business").section()
    return _article(business, newsroom.user("chief"), "Business draft quagga")


def test_a_world_reporter_reads_no_business_draft_title_on_these_screens(
    newsroom, login
):
    """The issue's case, end to end: bulk confirmations, the report and its
    results, and the Reports menu."""
    draft = _business_draft(newsroom)
    client = login("reporter")
    screens = [
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        + f"?id={draft.pk}"
        for action in sorted(BULK_POLICY)
    ]
    screens += [
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_reports:page_types_usage_results"),
        reverse("wagtailadmin_reports:page_types_usage") + "?export=csv",
    ]
    for url in screens:
        response = client.get(url, follow=True)
        assert "quagga" not in response.content.decode(), url
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_reports:page_types_usage") not in home


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "name",
    [
        "wagtailadmin_reports:page_types_usage",
        "wagtailadmin_reports:page_types_usage_results",
    ],
)
def test_the_page_types_report_is_for_those_who_see_the_whole_tree(
    name, role, newsroom, login
):
    draft = newsroom.page(OTHER_DESK, "draft")
    draft.save_revision(user=newsroom.users["sport_reporter"])  # the last edited
    response = login(role).get(reverse(name))

    if role == "chief":
        assert response.status_code == 200
        assert draft.title in response.content.decode()
    else:
        assert outcome(response) == "denied", response.status_code
        assert draft.title not in response.content.decode()
    home = login(role).get(reverse("wagtailadmin_home")).content.decode()
    in_menu = reverse("wagtailadmin_reports:page_types_usage") in home
    assert in_menu == (role == "chief")
