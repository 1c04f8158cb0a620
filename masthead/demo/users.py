"""The demo's logins: one user for each newsroom role, on the World desk."""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from masthead.newsroom.models import PeopleIndexPage, PersonPage
from masthead.newsroom.roles import ADMINISTRATORS, CHIEF_EDITORS, setup_roles

# (role, username, first name, last name, group names, PersonPage role, job title)
DEMO_USERS = [
    (
        "reporter",
        "world.reporter",
        "Li",
        "Wei",
        ["World reporters"],
        "reporter",
        "Reporter, World desk",
    ),
    (
        "editor",
        "world.editor",
        "Zhao",
        "Yinuo",
        ["World editors"],
        "editor",
        "Editor, World desk",
    ),
    (
        "chief",
        "chief.editor",
        "Chen",
        "Jing",
        [CHIEF_EDITORS],
        "editor",
        "Chief editor",
    ),
    ("administrator", "administrator", "Sun", "Hao", [ADMINISTRATORS], None, ""),
]


@transaction.atomic
def create_demo_users(
    passwords: dict[str, str] | None = None,
) -> dict[str, tuple[str, str]]:
    """One user of each kind.

    Returns {role: (username, password)} for "reporter" (World desk), "editor"
    (World desk), "chief" and "administrator". A role's password is taken from
    `passwords` when given (the demo keeps them between runs), else a new random
    one. Editorial users get a PersonPage (linked by `PersonPage.user`; an
    existing unlinked profile with the same name is linked) when the site has a
    people index, so their credit can be taken from the user who publishes.
    """
    groups = setup_roles()
    people = PeopleIndexPage.objects.first()
    User = get_user_model()
    logins = {}
    for role, username, first, last, group_names, person_role, job in DEMO_USERS:
        password = (passwords or {}).get(role) or secrets.token_urlsafe(12)
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@masthead.example"
        user.is_active = True
        user.is_staff = user.is_superuser = False
        user.set_password(password)
        user.save()
        user.groups.set([groups[name] for name in group_names])
        if person_role and people is not None:
            _link_person(people, user, f"{first} {last}", person_role, job)
        logins[role] = (username, password)
    return logins


def _link_person(people, user, name: str, role: str, job: str) -> None:
    if PersonPage.objects.filter(user=user).exists():
        return
    slug = slugify(name)
    person = PersonPage.objects.child_of(people).filter(slug=slug).first()
    if person is None:
        person = PersonPage(title=name, slug=slug, role=role, job_title=job, user=user)
        people.add_child(instance=person)
        person.save_revision().publish()
    elif person.user_id is None:
        # Through a revision, so a later publish of the page keeps the link.
        person.user = user
        person.save_revision().publish()
