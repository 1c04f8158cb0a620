"""Which desk a message belongs to, who at the desk reads it, where it is mailed.

Topics are the desks of the section tree (newsroom.roles: each top-level
section and each sub-section of News), plus two general ones that go to the
chief editors. A message about World belongs to the World desk; the News desk
holds the News section page and so also reads what is routed to its
sub-sections, as it does their articles.

Reading a desk's messages takes an editor's grant there (`change` on the
section page or above it): reader messages carry names and addresses, which
reporters have no need to see. Chief editors and superusers read them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from wagtail.models import GroupPagePermission, Page

from masthead.newsroom import roles
from masthead.newsroom.models import SectionPage
from masthead.readers.feedback.config import conf
from masthead.readers.feedback.models import ReaderMessage

EDITOR_GRANT = "change_page"
NO_DESK = "*"


@dataclass(frozen=True)
class Topic:
    key: str
    label: str
    section_id: int | None = None


GENERAL_TOPICS = (
    Topic("general", "The paper in general"),
    Topic("site", "The website or the app"),
)
SECTION_TOPIC_PREFIX = "section-"


def desk_sections(home: Page | None = None) -> list[SectionPage]:
    """The live section pages that are desks, in the order of the tree (the
    same desks as roles.desks(), in one query)."""
    home = home or roles.home_page()
    if home is None:
        return []
    pages = list(
        SectionPage.objects.live()
        .descendant_of(home)
        .filter(depth__in=(home.depth + 1, home.depth + 2))
        .order_by("path")
    )
    top = {p.path: p for p in pages if p.depth == home.depth + 1}
    result = []
    for page in pages:
        if page.depth == home.depth + 1:
            result.append(page)
            continue
        parent = top.get(page.path[: -SectionPage.steplen])
        if parent is not None and parent.slug in roles.SUBDESK_PARENTS:
            result.append(page)
    return result


def topics() -> list[Topic]:
    return [*GENERAL_TOPICS] + [
        Topic(f"{SECTION_TOPIC_PREFIX}{s.pk}", s.title, s.pk) for s in desk_sections()
    ]


def topic_choices(all_topics: list[Topic]) -> list:
    """Grouped choices for a <select>: the paper, then each section's coverage."""
    general = [(t.key, t.label) for t in all_topics if t.section_id is None]
    sections = [(t.key, t.label) for t in all_topics if t.section_id is not None]
    choices = [("About the paper", general)]
    if sections:
        choices.append(("Our coverage of", sections))
    return choices


# -- who reads a desk's messages ---------------------------------------------------


def section_scope(user) -> list[str] | None:
    """Tree paths of the sections whose messages `user` reads: None for every
    message (chief editors, superusers), [] for none. Memoised on the user
    object for the request."""
    cached = getattr(user, "_readers_feedback_scope", False)
    if cached is not False:
        return cached
    if not (user.is_active and user.is_authenticated):
        scope = []
    elif roles.sees_whole_tree(user):
        scope = None
    else:
        scope = list(
            GroupPagePermission.objects.filter(
                group__user=user, permission__codename=EDITOR_GRANT
            )
            .values_list("page__path", flat=True)
            .distinct()
        )
    user._readers_feedback_scope = scope
    return scope


def reads_messages(user) -> bool:
    return section_scope(user) != []


def visible_to(user):
    return ReaderMessage.objects.in_sections(section_scope(user))


# -- where the notice is mailed -----------------------------------------------------


def _editors_of(page: Page) -> list[str]:
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__page_permissions__page=page,
            groups__page_permissions__permission__codename=EDITOR_GRANT,
        )
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def desk_addresses(section: Page | None) -> list[str]:
    """The addresses a message for `section` is mailed to: the desk's own
    mailbox when one is configured, else the editors of the section, else of
    the nearest section above it, else the chief editors (the home page's
    editors), else the superusers. Empty only in a newsroom with no address."""
    configured = conf("DESK_ADDRESSES")
    home = roles.home_page()
    chain: list[Page] = []
    if section is not None:
        chain = list(
            section.get_ancestors(inclusive=True)
            .filter(depth__gt=home.depth if home else 1)
            .order_by("-depth")
        )
    for page in chain:
        if configured.get(page.slug):
            return [configured[page.slug]]
        editors = _editors_of(page)
        if editors:
            return editors
    if configured.get(NO_DESK):
        return [configured[NO_DESK]]
    if home is not None:
        editors = _editors_of(home)
        if editors:
            return editors
    return list(
        get_user_model()
        .objects.filter(is_active=True, is_superuser=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
    )
