"""Who is credited: the desk editor of a published article, and the people and
slugs made on the desk's behalf (a profile for a credited editor)."""

from django.utils.text import slugify
from wagtail.log_actions import get_active_log_context
from wagtail.models import TaskState

from masthead.newsroom.models import PeopleIndexPage, PersonPage


def unique_slug(model, base: str) -> str:
    """`base`, or `base-2`, `base-3`, ... whichever `model` does not use yet."""
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_person(name: str, *, user=None, role: str = "editor"):
    """A published PersonPage under the people index (None if the site has none).

    The profile is the system's doing, not the user's, so it is published without
    the user's page permissions: an editor with no rights on the people pages
    must still be credited when publishing.
    """
    index = PeopleIndexPage.objects.first()
    if index is None:
        return None
    fallback = f"user-{user.pk}" if user is not None else "person"
    person = PersonPage(
        title=name,
        slug=unique_slug(PersonPage, slugify(name) or fallback),
        role=role,
        user=user,
    )
    index.add_child(instance=person)
    person.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return person


def person_for_user(user):
    """The PersonPage that credits this user, made on first publish if missing."""
    person = PersonPage.objects.filter(user=user).first()
    if person is not None:
        return person
    return create_person(user.get_full_name() or user.get_username(), user=user)


def approver_of(article):
    """Who approved the article's latest review: the editor to credit when the
    worker publishes it on schedule (there is no logged-in user then, and the
    revision's user is its author)."""
    state = (
        TaskState.objects.filter(
            workflow_state__base_content_type__model="page",
            workflow_state__object_id=str(article.pk),
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )
    return state.finished_by if state is not None else None


def publishing_user(article, revision=None):
    """The person publishing (or approving in a workflow), who is the user of
    the active log context; else the approver of its review; else, last, the
    revision's user, who is its author."""
    return (
        get_active_log_context().user
        or approver_of(article)
        or (revision.user if revision is not None else None)
    )


def desk_editor_for(article, user):
    """The desk editor to credit on publishing: None when one was chosen already
    or nobody can be named."""
    if article.desk_editor_id is not None or user is None:
        return None
    return person_for_user(user)
