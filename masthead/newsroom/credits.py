"""People and slugs made on the desk's behalf: a profile for a credited editor."""

from django.utils.text import slugify


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
    from masthead.newsroom.models import PeopleIndexPage, PersonPage

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
